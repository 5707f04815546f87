"""factory_boy factories for the whole suite (one place, per DESIGN.md)."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from members.models import Organisation
from members.services import membership_grant

PASSWORD = "a-long-test-passphrase"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    kind = Organisation.Kind.FOUNDING_STATE
    name = factory.Sequence(lambda n: f"Member state {n}")
    slug = factory.Sequence(lambda n: f"member-{n}")
    country = "SN"
    region = Organisation.Region.AFRICA
    status = Organisation.Status.ACTIVE


class HostFactory(OrganisationFactory):
    kind = Organisation.Kind.HOST
    name = "Organisation of Educational Cooperation"
    slug = "oec"
    country = ""
    region = ""


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def user_with_role(organisation, role, **user_fields):
    """A user holding `role` in `organisation`, through the real service."""
    user = UserFactory(**user_fields)
    membership_grant(user=user, organisation=organisation, role=role)
    user.refresh_from_db()
    return user
