"""Every role follows every link it can reach (SECURITY.md C8, C9).

C9: a visitor, each secretariat role, each member role and a partner contact start at the home
page and the dashboard (a visitor also at robots.txt, the sitemap and the open data API) and
follow every same-site link breadth first (tests/trust/crawl.py), through the language switcher
into all four languages: no page answers a server error, and no link the portal rendered leads
to a missing page or to a refusal.

C8: the delegates of two member states crawl the same way; no page either reaches shows a
private thing of the other member. Every private row of member A carries the marker "secret-a-"
in its title, name, e-mail address or file name (member B's "secret-b-", what all members but
nobody else may read "secret-members-", the secretariat's "secret-host-", the partner NGO's
"secret-ngo-"), so a leak shows as a marker in a response body, or as the address of the other's
private row among the URLs that answered 200. The C9 crawls are held to the same rule.

The portal is built and crawled once for the module (the crawls are its whole cost), with the
caches of production on, and rolled back at the end.
"""

import io
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.base import PartialTemplate, Template
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from governance.models import Delegation, DelegationMember, Vote
from members.models import SECRETARIAT_ROLES, Role
from members.permissions import must_use_two_factor
from members.services import invitation_create
from news.services import article_image_renditions
from tests.factories import (
    AgendaItemFactory,
    ArticleFactory,
    AssemblySessionFactory,
    AssociateMemberFactory,
    BulletinEditionFactory,
    BulletinFactory,
    CategoryFactory,
    ContactFactory,
    CooperationActivityFactory,
    DecisionFactory,
    DocumentFactory,
    DocumentFileFactory,
    HostFactory,
    JoinRequestFactory,
    LiaisonSeatFactory,
    OfficeHolderFactory,
    OrganisationFactory,
    PageFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    TeamMemberFactory,
    governance_pdf_file,
    user_with_role,
)
from tests.trust.crawl import Crawler, url_pattern

pytestmark = pytest.mark.django_db

# The crawls weigh as much as this many ordinary tests: make test hands this file out first
# (tests/conftest.py), so that it is not the last one running.
WEIGHT_IN_TESTS = 400

# The roles of C9: (whose user, role), None for a visitor. Member users belong to member A.
ROLES = {
    "anonymous": None,
    "secretariat_administrator": ("host", Role.ADMINISTRATOR),
    "secretariat_communications": ("host", Role.COMMUNICATIONS),
    "secretariat_conference_services": ("host", Role.CONFERENCE_SERVICES),
    "secretariat_partnerships": ("host", Role.PARTNERSHIPS),
    "focal_point_a": ("a", Role.FOCAL_POINT),
    "editor_a": ("a", Role.EDITOR),
    "delegate_a": ("a", Role.DELEGATE),
    "partner_contact": ("ngo", Role.PARTNER_CONTACT),
}
# C8: the users of member B crawl too, each beside its counterpart of member A.
MEMBER_B_ROLES = {
    Role.FOCAL_POINT: "focal_point_b",
    Role.EDITOR: "editor_b",
    Role.DELEGATE: "delegate_b",
}
MARKERS = ("secret-a-", "secret-b-", "secret-members-", "secret-host-", "secret-ngo-")
# What each kind of user may come across: the secretariat everything, a member's users their own
# member's private rows and what is open to all members, a partner contact their own NGO's
# private rows, a visitor nothing.
MAY_SEE = {
    "host": set(MARKERS),
    "a": {"secret-a-", "secret-members-"},
    "b": {"secret-b-", "secret-members-"},
    "ngo": {"secret-ngo-"},
}
LANGUAGE_PREFIX = re.compile(r"^/(en|fr|es|ar)/")
# Pagination with a handful of rows: every list shows its second page.
PAGE_SIZES = {
    "news.views.PAGE_SIZE": 2,
    "governance.views.PAGE_SIZE": 2,
    "partnerships.views.PAGE_SIZE": 2,
    "members.views.DIRECTORY_PAGE_SIZE": 2,
    "members.views.JOIN_REQUESTS_PAGE_SIZE": 1,
    "bulletins.views.ARCHIVE_PAGE_SIZE": 1,
}


def _jpeg(name):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def _private_rows_of(member, tag, *, session, next_session, category):
    """Member `member`'s users and private rows, each marked "secret-<tag>-"; the paths of
    the rows that have a page of their own."""
    secret = f"secret-{tag}-"
    users = {
        role: user_with_role(
            member, role, email=f"{secret}{role}@example.org", last_name=f"{secret}{role}"
        )
        for role in (Role.FOCAL_POINT, Role.EDITOR, Role.DELEGATE)
    }
    invitation_create(
        organisation=member,
        email=f"{secret}invitee@example.org",
        role=Role.DELEGATE,
        invited_by=users[Role.FOCAL_POINT],
    )
    join_request = JoinRequestFactory(
        organisation=member, name=f"{secret}visitor", email=f"{secret}visitor@example.org"
    )
    JoinRequestFactory(organisation=member, message=f"Private message {secret}message")
    document = DocumentFactory(
        access="restricted",
        restricted_to=[member],
        session=session,
        title_en=f"Restricted report {secret}document",
    )
    DocumentFileFactory(document=document, original_filename=f"{secret}report.pdf")
    delegation = Delegation.objects.create(
        session=next_session,
        organisation=member,
        status=Delegation.Status.SUBMITTED,
        credentials_letter=governance_pdf_file("Credentials"),
        credentials_original_filename=f"{secret}credentials.pdf",
    )
    DelegationMember.objects.create(delegation=delegation, user=users[Role.DELEGATE], is_head=True)
    DelegationMember.objects.create(
        delegation=delegation, guest_name=f"{secret}guest", guest_email=f"{secret}g@example.org"
    )
    unpublished = [
        ArticleFactory(
            organisation=member,
            status=status,
            publish_at=None,
            slug=f"{secret}{status}",
            title_en=f"Unpublished {secret}{status}",
            category=category,
        )
        for status in ("draft", "in_review")
    ]
    unpublished.append(
        ArticleFactory(
            organisation=member,
            slug=f"{secret}scheduled",
            title_en=f"Scheduled {secret}scheduled",
            publish_at=timezone.now() + timedelta(days=3),
        )
    )
    draft_page = PageFactory(
        organisation=member, status="draft", slug=f"{secret}page", title_en=f"Draft {secret}page"
    )
    # Public rows of the member, with their dashboard pages private.
    team_member = TeamMemberFactory(organisation=member, photo=_jpeg("person.jpg"))
    PageFactory(organisation=member, title_en=f"Our journey ({member.name})")
    ArticleFactory(organisation=member, category=category)
    paths = [
        reverse("governance:document_detail", args=[document.slug]),
        reverse("governance:document_download", args=[document.slug, "en"]),
        reverse("governance:delegation_credentials", args=[delegation.pk]),
        reverse("members:join_request_detail", args=[join_request.pk]),
        reverse("members:team_member_edit", args=[team_member.pk]),
        reverse("pages:member_page", args=[member.slug, draft_page.slug]),
        reverse("pages:dashboard_edit", args=[draft_page.pk]),
        reverse("pages:dashboard_preview", args=[draft_page.pk]),
    ]
    for article in unpublished:
        paths += [
            reverse("news:article", args=[article.slug]),
            reverse("news:dashboard_edit", args=[article.pk]),
        ]
    return users, {LANGUAGE_PREFIX.sub("/", path) for path in paths}


def _build_portal():
    """A small portal with one page of every kind, the users of every role, and the private
    rows of member A, member B, the secretariat and a partner NGO. Returns (users, the paths
    of each member's private rows)."""
    host = HostFactory()
    member_a = OrganisationFactory(
        name="Member A",
        slug="member-a",
        country="DJ",
        logo=_jpeg("logo.jpg"),
        featured=True,
        website="https://member-a.example",
    )
    member_b = OrganisationFactory(name="Member B", slug="member-b", country="EC")
    partner = PartnerOrganisationFactory(name="Partner NGO", slug="partner-ngo")
    associate = AssociateMemberFactory(name="School cooperation association")
    OrganisationFactory(name="Member S", slug="member-s", status="suspended")

    # Governance: a closed session with its documents and decisions, the next one planned.
    session = AssemblySessionFactory(number=1)
    next_session = AssemblySessionFactory(
        number=2,
        status="planned",
        start_date=timezone.localdate() + timedelta(days=60),
        end_date=timezone.localdate() + timedelta(days=62),
        registration_deadline=timezone.now() + timedelta(days=30),
    )
    item = AgendaItemFactory(session=session)
    report = DocumentFactory(access="public", session=session, agenda_item=item)
    for language in ("en", "fr", "es"):
        DocumentFileFactory(document=report, language=language)
    DocumentFileFactory(
        document=DocumentFactory(
            symbol=f"{report.symbol}/Rev.1", revises=report, access="public", session=session
        )
    )
    DocumentFileFactory(
        document=DocumentFactory(
            access="members", session=session, title_en="Draft budget secret-members-document"
        )
    )
    DocumentFileFactory(
        document=DocumentFactory(
            access="secretariat", session=session, title_en="Internal note secret-host-document"
        ),
        original_filename="secret-host-note.pdf",
    )
    decision = DecisionFactory(session=session, agenda_item=item, adoption_method="vote")
    Vote.objects.create(decision=decision, organisation=member_a, choice="yes")
    Vote.objects.create(decision=decision, organisation=member_b, choice="abstain")
    DecisionFactory(session=session, is_public=False, title_en="secret-members-decision")
    OfficeHolderFactory(organisation=host)

    # News, pages and bulletins of the body.
    category = CategoryFactory()
    featured = ArticleFactory(
        organisation=host, category=category, featured_on_home=True, image=_jpeg("photo.jpg")
    )
    article_image_renditions(article=featured)
    featured.save()
    ArticleFactory(organisation=host, title_fr="Seulement en français", title_en="")
    PageFactory(organisation=host, title_en="About us", slug="about")
    PageFactory(organisation=host, title_en="Charter", slug="charter")
    PageFactory(organisation=host, status="draft", slug="secret-host-page")
    PageFactory(organisation=associate, title_en="What we do")
    for month in (10, 11):
        bulletin = BulletinFactory(month=date(2025, month, 1), status="sent")
        BulletinEditionFactory(bulletin=bulletin, language="en")
        BulletinEditionFactory(bulletin=bulletin, language="fr")

    # The partner NGOs: the contact's own (public) with its private rows, two others, and the
    # collective mechanisms.
    PartnershipFactory(organisation=partner)
    PartnershipFactory()
    PartnershipFactory(status="applicant")
    CooperationActivityFactory(organisation=partner)
    CooperationActivityFactory(organisation=partner, status="draft", title_en="secret-ngo-plan")
    ContactFactory(organisation=partner, email="secret-ngo-contact@ngo.example")
    LiaisonSeatFactory(organisation=partner)

    users = {}
    private_paths = {}
    for tag, member in (("a", member_a), ("b", member_b)):
        member_users, private_paths[tag] = _private_rows_of(
            member, tag, session=session, next_session=next_session, category=category
        )
        users.update({(tag, role): user for role, user in member_users.items()})
    for role in SECRETARIAT_ROLES:
        users[("host", role)] = user_with_role(host, role, email=f"{role}@oec.example")
    users[("ngo", Role.PARTNER_CONTACT)] = user_with_role(
        partner, Role.PARTNER_CONTACT, email="contact@partner.example"
    )
    for user in users.values():
        if must_use_two_factor(user):
            # As after allauth's set-up flow: the two-factor middleware lets them through.
            TOTP.activate(user, generate_totp_secret())
    return users, private_paths


def crawl_as(user, *, translated):
    client = Client()
    # Each request activates its page's language: start from the default one again.
    with translation.override(settings.LANGUAGE_CODE):
        start = [reverse("home"), reverse("dashboard")]
    if user is None:
        # What only robots follow; the same for everyone (the API is anonymous for all).
        start += ["/robots.txt", reverse("sitemap"), reverse("api:api-root")]
    else:
        client.force_login(user)
    return Crawler(client, translated=translated).run(*start)


@pytest.fixture(scope="module")
def crawls(django_db_setup, django_db_blocker):
    return crawl_everything(django_db_blocker)


def _render_unrecorded(template, context):
    """Template._render as outside tests: the test client records every template it renders,
    with a copy of its context (response.templates); the crawl reads none of them and renders
    some 190,000 templates and includes."""
    return template.nodelist.render(context)


def crawl_everything(django_db_blocker):
    """Build the portal and crawl it as every role, with the caches of production on, so that a
    page or fragment cached for one user is never served to another who may not see it.
    Everything is rolled back at the end."""
    production_caches = override_settings(
        OEC_ANONYMOUS_PAGE_CACHE_SECONDS=300, OEC_FRAGMENT_CACHE_SECONDS=300
    )
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as monkeypatch,
        production_caches,
        translation.override("en"),
    ):
        for name, size in PAGE_SIZES.items():
            monkeypatch.setattr(name, size)
        for template_class in (Template, PartialTemplate):
            monkeypatch.setattr(template_class, "_render", _render_unrecorded)
        cache.clear()
        users, private_paths = _build_portal()
        # Every page reached in English is rendered once in each other language by a visitor
        # and once by a signed-in user (the header differs); the rows are the same.
        translated = {True: Counter(), False: Counter()}
        crawls = {
            role: crawl_as(users.get(who), translated=translated[who is None])
            for role, who in ROLES.items()
        }
        # C8: member B's users, who must never come across member A's private rows.
        for role, name in MEMBER_B_ROLES.items():
            crawls[name] = crawl_as(users[("b", role)], translated=translated[False])
        cache.clear()
        transaction.set_rollback(True)
    return {"crawls": crawls, "private_paths": private_paths}


def leaks(crawl, *, may_see, private_paths):
    """Markers of private rows that the crawl came across though its user may not see them,
    and the pages of such rows that answered 200."""
    hidden = [marker for marker in MARKERS if marker not in may_see]
    found = []
    for visit in crawl.pages():
        body = visit.body.lower()
        found += [
            f"{marker} in {visit.url} (linked from {visit.referrer})"
            for marker in hidden
            if marker in body
        ]
    found += [
        f"private page {url} answered 200 (linked from {visit.referrer})"
        for url, visit in crawl.visits.items()
        if visit.status == 200 and LANGUAGE_PREFIX.sub("/", url.split("?")[0]) in private_paths
    ]
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_can_follow_works(crawls, role):
    """C9: no server error and no broken link, in any language; nothing private either."""
    crawl = crawls["crawls"][role]

    assert crawl.server_errors == [], "\n".join(crawl.server_errors)
    assert crawl.broken_links == [], "\n".join(crawl.broken_links)
    assert crawl.refused_links == [], "\n".join(crawl.refused_links)
    owner = ROLES[role] and ROLES[role][0]
    others = [paths for tag, paths in crawls["private_paths"].items() if tag != owner]
    hidden_paths = set() if owner == "host" else set().union(*others)
    found = leaks(crawl, may_see=MAY_SEE.get(owner, set()), private_paths=hidden_paths)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("role", ["delegate", "editor", "focal_point"])
def test_users_of_two_members_never_see_each_others_private_rows(crawls, role):
    """C8: member A's user reaches none of member B's private rows, and B's none of A's, in
    each member role (A's crawls are C9's too; B's must follow their links as cleanly)."""
    crawl_a = crawls["crawls"][f"{role}_a"]
    crawl_b = crawls["crawls"][f"{role}_b"]
    private_paths = crawls["private_paths"]

    found_by_a = leaks(crawl_a, may_see=MAY_SEE["a"], private_paths=private_paths["b"])
    found_by_b = leaks(crawl_b, may_see=MAY_SEE["b"], private_paths=private_paths["a"])
    assert found_by_a == [], "\n".join(found_by_a)
    assert found_by_b == [], "\n".join(found_by_b)
    assert crawl_b.server_errors + crawl_b.broken_links + crawl_b.refused_links == []
    # Both reached the whole portal, their own private rows included.
    for crawl, own in ((crawl_a, "secret-a-"), (crawl_b, "secret-b-")):
        assert len(crawl.pages()) > 50
        assert any(own in visit.body for visit in crawl.pages())


def test_every_page_reached_was_rendered_in_every_language(crawls):
    """The language switcher took the crawls to the translation of every page they reached."""
    routes = defaultdict(set)
    for crawl in crawls["crawls"].values():
        for visit in crawl.pages():
            if LANGUAGE_PREFIX.match(visit.url) and not visit.body.startswith("<?xml"):
                routes[visit.url[1:3]].add(url_pattern(visit.url.split("?")[0])[2][3:])
    assert len(routes["en"]) >= 45
    assert routes["fr"] == routes["es"] == routes["ar"] == routes["en"]
