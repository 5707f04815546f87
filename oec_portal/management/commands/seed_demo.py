from django.core.management.base import BaseCommand
from django.db import transaction

from bulletins import demo as bulletins_demo
from governance import demo as governance_demo
from members import demo as members_demo
from news import demo as news_demo
from pages import demo as pages_demo
from partnerships import demo as partnerships_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo data of DESIGN.md. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        organisations, users = members_demo.seed()
        # Each app adds its demo content, in floor order, on the organisations and users.
        for app_demo in (pages_demo, news_demo, governance_demo, partnerships_demo, bulletins_demo):
            app_demo.seed(organisations=organisations, users=users)
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
