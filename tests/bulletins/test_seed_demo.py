"""The bulletin's demo data: an archived issue in four languages, the same rows when run twice."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from bulletins.models import Bulletin, BulletinEdition, Delivery, Subscriber

MODELS = [Bulletin, BulletinEdition, Delivery, Subscriber]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_twice_gives_the_same_bulletin_rows(db, client):
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)

    assert counts() == first
    recipients = Delivery.objects.count()
    assert first == {"Bulletin": 1, "BulletinEdition": 4, "Delivery": recipients, "Subscriber": 1}
    assert recipients >= 2
    assert Subscriber.objects.get().confirmed_at is not None
    last_month = Bulletin.objects.get().month
    assert last_month == (timezone.localdate().replace(day=1) - datetime.timedelta(1)).replace(
        day=1
    )
    response = client.get(f"/fr/bulletins/{last_month:%Y-%m}/")
    assert response.status_code == 200
    assert "Ce numéro revient sur un mois de préparation" in response.content.decode()
