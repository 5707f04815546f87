"""The world of the trust tests: two member states A and B, a partner, the secretariat, and one
row of each kind of each tenant (SECURITY.md C2, C3, C5)."""

import copy
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from bulletins.tokens import confirm_token, unsubscribe_token
from governance.models import Attendance, Delegation, DelegationMember
from governance.services import calendar_feed_reset
from members.auth_backends import forget_signed_in_user
from members.models import Membership, Role
from members.notifications.tokens import stop_mail_token
from members.services import invitation_create
from tests import cast
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    BulletinEditionFactory,
    BulletinFactory,
    CategoryFactory,
    CooperationActivityFactory,
    DecisionFactory,
    DocumentFactory,
    DocumentFileFactory,
    JoinRequestFactory,
    MeetingFactory,
    OrganisationFactory,
    PageFactory,
    PartnershipFactory,
    SubscriberFactory,
    TeamMemberFactory,
    VoteFactory,
    governance_pdf_file,
)
from tests.shared_rows import rows_for_the_scope


@dataclass
class World:
    """Two member states A and B with one private row of each kind, and a user per role."""

    users: dict
    objects: dict = field(default_factory=dict)
    # role -> the session key of its user's sign-in, made once with the world (sign_in_everyone).
    sessions: dict = field(default_factory=dict)

    def sign_in(self, client, role):
        """The client as after `logout()` and `force_login()` of the role's user: no cookie but
        that user's session. A sign-in per request was a third of the matrix's time; the world's
        sign-ins are the same: their sessions and users are read as the world's rows have them
        (what a request changed in either was rolled back in the database; the cache, which
        outlives that, is made to forget both, as a new sign-in would)."""
        client.cookies = SimpleCookie()
        if self.users[role] is None:
            return
        session_key = self.sessions[role]
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        caches[settings.SESSION_CACHE_ALIAS].delete(session.cache_key)
        forget_signed_in_user(self.users[role].pk)


# --- The world -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world, built once for a test module and rolled back after its last test
    (tests/shared_rows.py): each test's own transaction is a savepoint inside it."""
    with rows_for_the_scope(django_db_blocker, lambda: sign_in_everyone(build_world())) as world:
        yield world


@pytest.fixture
def world(request, module_world, db):
    """The world of this test: its own copy of the module's (what a test changes in memory stays
    its own, as with setUpTestData). pytest makes the module's fixture first, then the test's
    transaction (`db`) inside it."""
    if request.node.get_closest_marker("clock"):
        pytest.fail("a test marked clock makes its own rows at its day; the world is the run's")
    return copy.deepcopy(module_world)


def sign_in_everyone(world):
    """The world, each of its users signed in (`World.sign_in` reuses their sessions)."""
    for role, user in world.users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


def build_world():
    """The rows and users of the world, each made through the same factories as the suite's."""
    host, member_a, member_b, partner = (
        cast.host(),
        cast.member_a(),
        cast.member_b(),
        cast.partner(),
    )
    delegate_a, focal_a = cast.delegate_a(member_a), cast.focal_a(member_a)
    delegate_b, focal_b = cast.delegate_b(member_b), cast.focal_b(member_b)
    partner_contact = cast.partner_contact(partner)
    secretariat_editor, secretariat_admin = (
        cast.secretariat_editor(host),
        cast.secretariat_admin(host),
    )
    for staff in (secretariat_editor, secretariat_admin):
        cast.give_totp(staff)
    users = {
        "anonymous": None,
        "delegate_a": delegate_a,
        "focal_a": focal_a,
        "delegate_b": delegate_b,
        "partner_contact": partner_contact,
        "secretariat_editor": secretariat_editor,
        "secretariat_admin": secretariat_admin,
    }
    world = World(users=users)

    # What no tenant owns: a session, a category, a sent bulletin, a subscriber's links.
    session = AssemblySessionFactory(number=1)
    category = CategoryFactory()
    bulletin = BulletinFactory(status="sent")
    BulletinEditionFactory(bulletin=bulletin)
    subscriber = SubscriberFactory(confirmed_at=None)
    meeting = MeetingFactory(session=session)
    shared = {
        "session": session.number,
        "meeting": meeting,
        "category": category,
        "bulletin_period": f"{bulletin.month:%Y-%m}",
        "confirm_token": confirm_token(subscriber.email),
        "unsubscribe_token": unsubscribe_token(subscriber.email),
    }

    # The partner NGO of the partner contact (public), and another one (not yet admitted); each
    # with its application's statutes and a draft activity with a file (private files).
    partnerships = {
        "a": PartnershipFactory(organisation=partner, statutes=governance_pdf_file("Statutes")),
        "b": PartnershipFactory(status="applicant", statutes=governance_pdf_file("Statutes")),
    }
    other_partner = partnerships["b"].organisation
    activities = {
        "a": CooperationActivityFactory(
            organisation=partner, status="draft", file=governance_pdf_file("Draft")
        ),
        "b": CooperationActivityFactory(
            organisation=other_partner, status="draft", file=governance_pdf_file("Draft")
        ),
    }

    for owner, organisation, focal, delegate in (
        ("a", member_a, focal_a, delegate_a),
        ("b", member_b, focal_b, delegate_b),
    ):
        invitation, token = invitation_create(
            organisation=organisation,
            email=f"invitee-{owner}@example.org",
            role=Role.DELEGATE,
            invited_by=focal,
        )
        draft = ArticleFactory(
            organisation=organisation, status="draft", publish_at=None, category=category
        )
        document = DocumentFactory(
            access="restricted", restricted_to=[organisation], session=session
        )
        DocumentFileFactory(document=document)
        world.objects[owner] = {
            **shared,
            "organisation": organisation,
            "invitation": invitation,
            "token": token,
            "stop_mail_token": stop_mail_token(focal),
            "delegate_membership": Membership.objects.get(user=delegate, organisation=organisation),
            "team_member": TeamMemberFactory(organisation=organisation),
            "join_request": JoinRequestFactory(organisation=organisation),
            "article": draft,
            "article_version": draft.history.earliest().history_id,
            "published_article": ArticleFactory(organisation=organisation, category=category),
            "document": document,
            "delegation": Delegation.objects.create(
                session=session,
                organisation=organisation,
                credentials_letter=governance_pdf_file("Credentials"),
                credentials_original_filename="credentials.pdf",
            ),
            "activity": activities[owner],
            "partnership": partnerships[owner],
            "page": PageFactory(organisation=organisation, status="draft"),
            "published_page": PageFactory(organisation=organisation),
            # The secret address of the delegate's private calendar.
            "calendar_token": calendar_feed_reset(user=delegate).token,
        }
    # A check-in of each member's delegate at the session's meeting (conference services').
    for owner, delegate in (("a", delegate_a), ("b", delegate_b)):
        person = DelegationMember.objects.create(
            delegation=world.objects[owner]["delegation"], user=delegate, is_head=True
        )
        world.objects[owner]["attendance"] = Attendance.objects.create(
            meeting=meeting, delegation_member=person
        )
    world.objects["a"]["year"] = world.objects["a"]["published_article"].publish_at.year
    world.objects["b"]["year"] = world.objects["a"]["year"]

    members_document = DocumentFactory(access="members", session=session)
    DocumentFileFactory(document=members_document)
    public_document = DocumentFactory(access="public", session=session)
    DocumentFileFactory(document=public_document)
    # Decisions adopted by vote, each with member A's recorded vote (open data: /api/votes/).
    by_vote = {"adoption_method": "vote", "votes_yes": 1, "votes_no": 0, "votes_abstain": 0}
    public_decision = DecisionFactory(session=session, is_public=True, **by_vote)
    members_decision = DecisionFactory(session=session, is_public=False, **by_vote)
    world.objects["public"] = {
        "organisation": member_a,
        "partner": partner,
        "article": world.objects["a"]["published_article"],
        "document": public_document,
        "decision": public_decision,
        "vote": VoteFactory(decision=public_decision, organisation=member_a),
        "page": world.objects["a"]["published_page"],
        # An approved publication of the public partner, with its file.
        "activity": CooperationActivityFactory(
            organisation=partner,
            kind="publication",
            status="approved",
            file=governance_pdf_file("Publication"),
        ),
    }
    # A published article of A whose publication time has not come: still private.
    world.objects["scheduled"] = {
        "article": ArticleFactory(
            organisation=member_a, publish_at=timezone.now() + timedelta(days=2)
        ),
    }
    world.objects["members"] = {
        "document": members_document,
        "decision": members_decision,
        "vote": VoteFactory(decision=members_decision, organisation=member_a),
    }
    world.objects["hidden"] = {"partner": other_partner}
    # A private calendar address from before its owner reset it.
    withdrawn = calendar_feed_reset(user=focal_a).token
    calendar_feed_reset(user=focal_a)
    world.objects["reset"] = {"calendar_token": withdrawn}
    # A suspended member: the public no longer sees it; the secretariat still does.
    suspended = OrganisationFactory(name="Member S", slug="member-s", status="suspended")
    world.objects["suspended"] = {
        "organisation": suspended,
        "page": PageFactory(organisation=suspended),
    }
    world.objects["host"] = {"page": PageFactory(organisation=host)}
    world.objects["host_draft"] = {"page": PageFactory(organisation=host, status="draft")}
    # Rows that do not exist, for "not yours looks exactly like does not exist" (C3).
    nowhere = 987654
    world.objects["missing"] = {
        **shared,
        "organisation": SimpleNamespace(pk=nowhere, slug="no-such-member"),
        "invitation": SimpleNamespace(pk=nowhere),
        "delegate_membership": SimpleNamespace(pk=nowhere),
        "team_member": SimpleNamespace(pk=nowhere),
        "join_request": SimpleNamespace(pk=nowhere),
        "article": SimpleNamespace(pk=nowhere, slug="no-such-article"),
        "article_version": nowhere,
        "document": SimpleNamespace(pk=nowhere, slug="OEC-GA-1-987654"),
        "decision": SimpleNamespace(pk=nowhere, slug="OEC-GA-1-DEC-987654"),
        "vote": SimpleNamespace(pk=nowhere),
        "delegation": SimpleNamespace(pk=nowhere),
        "activity": SimpleNamespace(pk=nowhere, organisation=SimpleNamespace(slug="partner-ngo")),
        "partnership": SimpleNamespace(pk=nowhere),
        "partner": SimpleNamespace(slug="no-such-partner"),
        "page": SimpleNamespace(pk=nowhere, slug="no-such-page"),
        "published_page": SimpleNamespace(pk=nowhere, slug="no-such-page"),
        "calendar_token": f"{nowhere}-{'0' * 64}",
    }
    return world
