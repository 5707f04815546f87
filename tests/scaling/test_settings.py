"""Past one machine, in the settings: a read replica, object storage and a broker of its own.

Each test builds the production settings in a fresh process from an environment, as a
deployment would, and reads what came out. Nothing reaches a database or a bucket.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

# What the fresh process reports about its settings.
SCRIPT = """
import json

import django

django.setup()
from django.conf import settings
from django.core.files.storage import default_storage

from governance.models import DocumentFile
from members.private_files import private_storage

print(json.dumps({
    "databases": settings.DATABASES,
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "middleware": settings.MIDDLEWARE,
    "storages": settings.STORAGES,
    "img_src": [str(source) for source in settings.SECURE_CSP["img-src"]],
    "media_url_of_an_image": default_storage.url("news/2026/photo.jpg"),
    "document_storage": type(DocumentFile._meta.get_field("file").storage).__name__,
    "private_location": private_storage.location,
    "private_root": str(settings.PRIVATE_MEDIA_ROOT),
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
}, default=str))
"""
OURS = ("DATABASE_", "AWS_", "CELERY_", "REDIS_URL", "OEC_", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")


def production_settings(**environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith(OURS)}
    env.update(
        DJANGO_SETTINGS_MODULE="oec_portal.settings.production",
        SECRET_KEY="a-test-secret-key-for-settings-only-0123456789abcdef",
        ALLOWED_HOSTS="portal.oec.example",
        DATABASE_URL="postgres://oec:primary-password@db-primary:5432/oec",
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_a_replica_there_is_one_database_and_no_router():
    built = production_settings()
    assert list(built["databases"]) == ["default"]
    assert built["routers"] == []
    assert "oec_portal.middleware.ReplicaForPublicPagesMiddleware" not in built["middleware"]


def test_a_replica_url_adds_the_replica_its_router_and_its_middleware():
    built = production_settings(
        DATABASE_REPLICA_URL="postgres://oec:replica-password@db-replica:5432/oec"
    )
    replica = built["databases"]["replica"]
    assert (replica["HOST"], replica["NAME"]) == ("db-replica", "oec")
    assert replica["TEST"]["MIRROR"] == "default"
    # It keeps its connections as the primary does (production).
    assert replica["CONN_MAX_AGE"] == built["databases"]["default"]["CONN_MAX_AGE"] == 60
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert built["routers"] == ["oec_portal.db_router.PrimaryReplicaRouter"]
    # A replica host that vanished is given up after 2 s (psycopg's shortest), the primary's
    # connections keep psycopg's default.
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert "connect_timeout" not in built["databases"]["default"]["OPTIONS"]
    # Last: after AuthenticationMiddleware, around the view only.
    assert built["middleware"][-1] == "oec_portal.middleware.ReplicaForPublicPagesMiddleware"
    assert (
        built["middleware"].index("members.middleware.AuthenticationMiddleware")
        < len(built["middleware"]) - 1
    )


def test_with_the_pool_each_process_keeps_one_or_two_connections_per_database():
    built = production_settings(
        DATABASE_POOL="true", DATABASE_REPLICA_URL="postgres://oec:pw@db-replica:5432/oec"
    )
    # psycopg's default would be 4 in every gunicorn worker and Celery process.
    assert built["databases"]["default"]["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 2}
    # A replica that cannot be reached is given up after 1 s, not psycopg's 30: the router
    # then reads from the primary (oec_portal/db_router.py).
    assert built["databases"]["replica"]["OPTIONS"]["pool"] == {
        "min_size": 1,
        "max_size": 2,
        "timeout": 1,
    }
    # Django's pool refuses persistent connections.
    assert built["databases"]["replica"].get("CONN_MAX_AGE", 0) == 0
    # The pool checks a connection before handing it out (psycopg's check_connection): a
    # restarted PostgreSQL costs no request an error (make rehearse).
    assert built["databases"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert built["databases"]["replica"]["CONN_HEALTH_CHECKS"] is True


def test_behind_pgbouncer_no_cursor_outlives_its_transaction():
    built = production_settings(
        DATABASE_BEHIND_PGBOUNCER="true",
        DATABASE_REPLICA_URL="postgres://oec:pw@pgbouncer-replica:6432/oec",
    )
    assert built["databases"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert built["databases"]["replica"]["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_behind_nginx_the_client_address_is_taken_from_its_header_first_of_all():
    assert production_settings(OEC_CLIENT_IP_HEADER="X-Real-IP")["middleware"][0] == (
        "oec_portal.middleware.ClientAddressFromProxyMiddleware"
    )
    assert (
        "oec_portal.middleware.ClientAddressFromProxyMiddleware"
        not in (production_settings()["middleware"])
    )


def test_media_stay_on_the_file_system_without_a_bucket():
    built = production_settings()
    assert built["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert built["img_src"] == ["'self'", "data:"]


def test_a_bucket_puts_public_media_in_object_storage_with_plain_urls():
    built = production_settings(
        AWS_STORAGE_BUCKET_NAME="oec-media",
        AWS_S3_ENDPOINT_URL="https://s3.storage.example",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_ACCESS_KEY_ID="access-key-id",
        AWS_SECRET_ACCESS_KEY="the-secret-access-key",
    )
    default = built["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "oec-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.storage.example"
    assert default["OPTIONS"]["region_name"] == "eu-central-1"
    assert default["OPTIONS"]["querystring_auth"] is False
    assert default["OPTIONS"]["file_overwrite"] is False
    assert (
        built["media_url_of_an_image"] == "https://s3.storage.example/oec-media/news/2026/photo.jpg"
    )
    assert built["img_src"] == ["'self'", "data:", "https://s3.storage.example"]
    # The keys stay in the environment, for boto3: never in settings.
    assert "the-secret-access-key" not in json.dumps(built)
    # Production keeps its hashed static files beside the bucket.
    assert built["storages"]["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_a_cdn_domain_serves_the_media():
    built = production_settings(
        AWS_STORAGE_BUCKET_NAME="oec-media", AWS_S3_CUSTOM_DOMAIN="media.oec.example"
    )
    assert built["media_url_of_an_image"] == "https://media.oec.example/news/2026/photo.jpg"
    assert built["img_src"] == ["'self'", "data:", "https://media.oec.example"]


def test_private_documents_stay_in_the_private_store_when_media_go_to_a_bucket():
    built = production_settings(AWS_STORAGE_BUCKET_NAME="oec-media")
    assert built["document_storage"] == "PrivateStorage"
    assert built["private_location"] == built["private_root"]


def test_the_broker_may_be_a_redis_of_its_own():
    built = production_settings(
        REDIS_URL="redis://cache:6379/0", CELERY_BROKER_URL="redis://broker:6379/0"
    )
    assert built["broker"] == "redis://broker:6379/0"
    assert built["eager"] is False


def test_the_broker_is_the_cache_redis_by_default():
    built = production_settings(REDIS_URL="redis://cache:6379/0")
    assert built["broker"] == "redis://cache:6379/0"
    assert built["eager"] is False
