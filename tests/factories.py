"""factory_boy factories for the whole suite (one place, per DESIGN.md)."""

import datetime

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


# --- news ---


def _an_hour_ago():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(hours=1)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Category"
        django_get_or_create = ("slug",)

    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_fr = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article (public now) unless `status`/`publish_at` say otherwise."""

    class Meta:
        model = "news.Article"

    organisation = factory.SubFactory(OrganisationFactory)
    title_en = factory.Sequence(lambda n: f"News item {n}")
    title_fr = factory.Sequence(lambda n: f"Actualité {n}")
    summary_en = "What happened, in two lines."
    summary_fr = "Ce qui s'est passé, en deux lignes."
    body_en = "<p>The full story.</p>"
    body_fr = "<p>Toute l'histoire.</p>"
    slug = factory.Sequence(lambda n: f"news-item-{n}")
    status = "published"
    publish_at = factory.LazyFunction(lambda: _an_hour_ago())
    # A published member's article is in the Organisation's news too unless a test says
    # otherwise (acceptance="pending" or "declined").
    acceptance = factory.LazyAttribute(
        lambda article: "accepted" if article.status == "published" else "pending"
    )


# --- members ---


class AssociateMemberFactory(OrganisationFactory):
    kind = Organisation.Kind.ASSOCIATE_MEMBER
    name = factory.Sequence(lambda n: f"Associate member {n}")
    slug = factory.Sequence(lambda n: f"associate-{n}")
    associate_type = Organisation.AssociateType.CIVIL_SOCIETY
    country = "FR"
    region = Organisation.Region.EUROPE_NORTH_AMERICA


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.TeamMember"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    role_title_en = "Programme officer"
    role_title_fr = "Chargée de programme"
    biography_en = "Works on school cooperatives."
    order = factory.Sequence(lambda n: n + 1)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.JoinRequest"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    country = "SN"
    support = "volunteer"
    message = "I would like to help your association."
    language = "en"


# --- partnerships ---
def _on(year, month, day):
    """A fixed date as a lazy factory value (imports stay local: this section is appended)."""
    import datetime

    return factory.LazyFunction(lambda: datetime.date(year, month, day))


def _reference_term(model_name, code):
    from django.apps import apps

    from partnerships.terms import ensure_reference_terms

    model = apps.get_model("partnerships", model_name)
    term = model.objects.filter(code=code).first()
    if term is None:
        # Browser tests flush the database, data migrations' rows included: put the terms back
        # (only then: writing the ~20 terms for every partnership made a quarter of the trust
        # tests' set-up).
        ensure_reference_terms()
        term = model.objects.get(code=code)
    return term


def _term(model_name, code):
    """A reference term (made by partnerships' data migration), looked up when a row is built."""
    return factory.LazyFunction(lambda: _reference_term(model_name, code))


class PartnerOrganisationFactory(OrganisationFactory):
    kind = Organisation.Kind.PARTNER_NGO
    name = factory.Sequence(lambda n: f"Partner NGO {n:03d}")
    slug = factory.Sequence(lambda n: f"partner-{n:03d}")
    country = "FR"
    region = Organisation.Region.EUROPE_NORTH_AMERICA


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A consultative partner admitted on 1 March 2022 (rows are written as history would)."""

    class Meta:
        model = "partnerships.Partnership"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    status = "consultative"
    admitted_on = _on(2022, 3, 1)
    next_review_on = _on(2026, 3, 1)
    headquarters_country = "FR"
    geographic_scope = "international"
    website = "https://ngo.example"
    description_en = "Works for literacy."

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_competence.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.functional_areas.set(extracted)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.PartnershipStatusChange"

    partnership = factory.SubFactory(PartnershipFactory)
    from_status = "applicant"
    to_status = "consultative"
    decided_on = _on(2022, 3, 1)
    deciding_body = "Executive Board"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Contact"

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@ngo.example")
    preferred_language = "fr"
    receives_bulletin = True


class CooperationActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.CooperationActivity"

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    kind = "activity"
    thematic_field = _term("FieldOfCompetence", "education")
    functional_area = _term("FunctionalArea", "capacity-building")
    starts_on = _on(2025, 9, 1)
    title_en = factory.Sequence(lambda n: f"Reading clubs {n}")
    status = "approved"


class NgoConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.NgoConference"

    number = factory.Sequence(lambda n: n + 1)
    starts_on = _on(2024, 12, 10)
    ends_on = _on(2024, 12, 12)
    venue_en = "Djibouti"


class LiaisonSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.LiaisonSeat"

    conference = factory.SubFactory(NgoConferenceFactory)
    organisation = factory.SubFactory(PartnerOrganisationFactory)
    member_name = factory.Sequence(lambda n: f"Representative {n}")
    role = "member"
    mandate_starts_on = _on(2025, 1, 1)
    mandate_ends_on = _on(2026, 12, 31)


# --- governance ---


def _governance_date(year, month, day):
    import datetime

    return factory.LazyFunction(lambda: datetime.date(year, month, day))


def governance_pdf_file(title="Test document"):
    """A real small PDF under a server-style name, for the private store."""
    import uuid

    from django.core.files.base import ContentFile

    from governance.demo import minimal_pdf

    return ContentFile(minimal_pdf(title), name=f"{uuid.uuid4().hex}.pdf")


class OrganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Organ"
        django_get_or_create = ("code",)

    code = "GA"
    name_en = "General Assembly"
    name_fr = "Assemblée générale"


class AssemblySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.AssemblySession"
        django_get_or_create = ("organ", "number")

    organ = factory.SubFactory(OrganFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = _governance_date(2021, 12, 6)
    end_date = _governance_date(2021, 12, 8)
    venue_en = "Geneva"
    status = "closed"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.AgendaItem"

    session = factory.SubFactory(AssemblySessionFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title_en = factory.Sequence(lambda n: f"Agenda item {n + 1}")
    order = factory.Sequence(lambda n: n)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A morning meeting on the session's first day, in the session's time zone."""

    class Meta:
        model = "governance.Meeting"

    session = factory.SubFactory(AssemblySessionFactory, number=1)
    date = factory.LazyAttribute(lambda meeting: meeting.session.start_date)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(13, 0)
    title_en = factory.Sequence(lambda n: f"Plenary meeting {n + 1}")
    room_en = "Assembly Hall"


class DeadlineFactory(factory.django.DjangoModelFactory):
    """A deadline of every member organisation unless `restricted_to` names some."""

    class Meta:
        model = "governance.Deadline"
        skip_postgeneration_save = True

    session = factory.SubFactory(AssemblySessionFactory, number=1)
    kind = "credentials"
    title_en = factory.Sequence(lambda n: f"Deadline {n + 1}")
    due_at = factory.LazyAttribute(
        lambda deadline: datetime.datetime.combine(
            deadline.session.start_date - datetime.timedelta(days=7),
            datetime.time(18),
            deadline.session.zone,
        )
    )

    @factory.post_generation
    def restricted_to(self, create, extracted, **kwargs):
        if create and extracted:
            self.restricted_to.set(extracted)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Document"
        skip_postgeneration_save = True

    symbol = factory.Sequence(lambda n: f"OEC/GA/1/{n + 1}")
    title_en = factory.Sequence(lambda n: f"Document {n + 1}")
    type = "report"
    session = factory.SubFactory(AssemblySessionFactory, number=1)
    access = "public"
    organisation = factory.SubFactory(HostFactory)

    @factory.post_generation
    def restricted_to(self, create, extracted, **kwargs):
        if create and extracted:
            self.restricted_to.set(extracted)


class DocumentFileFactory(factory.django.DjangoModelFactory):
    """A language file of a document, a real small PDF in the private store."""

    class Meta:
        model = "governance.DocumentFile"

    document = factory.SubFactory(DocumentFactory)
    language = "en"
    file = factory.LazyFunction(governance_pdf_file)
    original_filename = "report.pdf"
    size = 600
    content_type = "application/pdf"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Decision"

    symbol = factory.Sequence(lambda n: f"OEC/GA/1/DEC/{n + 1}")
    title_en = factory.Sequence(lambda n: f"Decision {n + 1}")
    text_en = "The General Assembly decides."
    session = factory.SubFactory(AssemblySessionFactory, number=1)
    adopted_on = _governance_date(2021, 12, 8)
    adoption_method = "consensus"
    is_public = True


class VoteFactory(factory.django.DjangoModelFactory):
    """A founding state's recorded vote on a decision adopted by vote."""

    class Meta:
        model = "governance.Vote"

    decision = factory.SubFactory(
        DecisionFactory, adoption_method="vote", votes_yes=1, votes_no=0, votes_abstain=0
    )
    organisation = factory.SubFactory(OrganisationFactory)
    choice = "yes"


class OfficeHolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.OfficeHolder"

    post = "secretary_general"
    person_name = "Manssour Bin Mussallam"
    title_en = "His Excellency"
    term_start = _governance_date(2021, 12, 7)
    organisation = factory.SubFactory(HostFactory)


# --- pages ---


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pages.Page"

    organisation = factory.SubFactory(HostFactory)
    title_en = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body_en = "<p>About balanced and inclusive education.</p>"
    status = "published"
    order = factory.Sequence(lambda n: n)


# --- bulletins ---


def _first_of(year, month):
    import datetime

    return factory.LazyFunction(lambda: datetime.date(year, month, 1))


class BulletinFactory(factory.django.DjangoModelFactory):
    """A draft bulletin of November 2026, published by the host."""

    class Meta:
        model = "bulletins.Bulletin"
        django_get_or_create = ("month",)

    organisation = factory.SubFactory(HostFactory)
    month = _first_of(2026, 11)
    introduction_en = "<p>Welcome to this month's bulletin.</p>"


class BulletinEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bulletins.BulletinEdition"

    bulletin = factory.SubFactory(BulletinFactory)
    language = "en"
    subject = factory.LazyAttribute(lambda o: f"Bulletin {o.bulletin.month:%Y-%m} ({o.language})")
    html = "<h2>What happened</h2><p>News of the month.</p>"
    text = "What happened\nNews of the month.\n"


def _bulletin_now():
    from django.utils import timezone

    return timezone.now()


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bulletins.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@public.example")
    language = "en"
    confirmed_at = factory.LazyFunction(_bulletin_now)


def bulletin_contact(*, email, language="en", status="consultative", receives_bulletin=True):
    """A partner contact who receives the bulletin (its partner in a public status)."""
    partnership = PartnershipFactory(status=status)
    return ContactFactory(
        organisation=partnership.organisation,
        email=email,
        preferred_language=language,
        receives_bulletin=receives_bulletin,
    )
