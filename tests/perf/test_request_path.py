"""What every request past the page cache does, kept cheap (issue 19): a signed-in download
costs four times a bare Django request at most, and most of it is the same few steps."""

import gc
import warnings

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from members.models import User
from tests.factories import DocumentFactory, DocumentFileFactory
from tests.processes import run_python


def test_a_signed_in_request_is_handed_the_user_itself(client, delegate_a):
    client.force_login(delegate_a)

    request = client.get(reverse("dashboard")).wsgi_request

    # Not Django's lazy object, each of whose attribute reads costs a failed lookup and a call.
    assert type(request.user) is User
    assert request.user == delegate_a


def test_a_visitor_is_handed_the_anonymous_user(client, db):
    request = client.get("/en/accounts/login/").wsgi_request

    assert type(request.user) is AnonymousUser


def test_a_signed_in_response_says_never_store_whatever_the_view_said(client, delegate_a):
    client.force_login(delegate_a)
    document_file = DocumentFileFactory(document=DocumentFactory(access="members"))

    response = client.get(document_file.get_absolute_url())

    # The download said "private"; signed in, it is replaced by the whole of never-cache.
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert response["Expires"].endswith(" GMT")


def test_any_key_goes_to_redis_without_memcached_warnings(db):
    key = "a key with spaces, and longer than memcached's 250 characters: " + "x" * 300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cache.set(key, "kept")
        assert cache.get(key) == "kept"
        assert cache.get_many([key]) == {key: "kept"}
    cache.delete(key)


def test_a_web_process_leaves_what_it_loaded_at_start_to_the_garbage_collector_no_more():
    # gc.freeze() in wsgi.py: the modules, classes and functions loaded at start are never
    # garbage, and each collection of the oldest generation would walk them all again.
    frozen = run_python("import oec_portal.wsgi, gc; print(gc.get_freeze_count())")
    assert int(frozen) > 50_000
    assert gc.get_freeze_count() == 0  # the test process itself froze nothing


FORKED_PROCESS = """
import os
import django

django.setup()
from django.core.cache import cache

cache.set("forked:warm", "parent")  # the parent's client, and its connection, exist now
child = os.fork()
who = "child" if child == 0 else "parent"
kept = True
for n in range(300):
    cache.set(f"forked:{who}:{n}", f"{who}{n}")
    kept = kept and cache.get(f"forked:{who}:{n}") == f"{who}{n}"
if child == 0:
    os._exit(0 if kept else 1)
_, status = os.waitpid(child, 0)
print(kept, os.waitstatus_to_exitcode(status) == 0)
"""


def test_a_forked_process_talks_to_redis_on_a_connection_of_its_own():
    # The parent's client holds one connection; a child talking on the same socket would read
    # the parent's answers (and the parent the child's). In a process of its own: forking the
    # test's process, which runs threads, could leave a lock held in the child.
    answers = run_python(FORKED_PROCESS, timeout=60).split()

    assert answers == ["True", "True"]
