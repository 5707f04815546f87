from django.core.management.base import BaseCommand
from django.db import transaction

from members import demo as members_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo data of DESIGN.md. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        organisations, users = members_demo.seed()
        # Each app adds its demo content here, in floor order, passing what it builds on.
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(organisations)} organisations, {len(users)} users."
            )
        )
        self.stdout.write(f"Demo logins (password: {members_demo.DEMO_PASSWORD}):")
        for email, _first, _last, slug, role in members_demo.DEMO_USERS:
            self.stdout.write(f"  {email:<34} {role.label} — {organisations[slug]}")
        self.stdout.write(
            "Secretariat users are asked to set up two-factor authentication (any TOTP app) "
            "at their first sign-in."
        )
