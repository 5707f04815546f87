"""The authorization matrix (SECURITY.md C1, C2, C4): every URL × every role × whose object.

One table, MATRIX, names each URL pattern of the project (the admin and allauth aside: they
have their own tests) with the request to make and the outcome expected for each role against
an object of member A ("a") and of member B ("b"), and, where a URL shows rows of no tenant or
both public and private rows, against other objects of the world (e.g. "public", "members").
`test_every_url_pattern_is_in_the_matrix` fails when a view exists that the table does not
name, so every new view must be added here.

The expected outcomes are what the portal's rules say (DESIGN.md roles, the issues, each app's
permissions.py), not what the code happens to answer.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "delegate_a",
    "focal_a",
    "delegate_b",
    "partner_contact",
    "secretariat_editor",
    "secretariat_admin",
)

# Outcomes.
OK = "200"  # the page
DONE = "done"  # a POST that did its work and redirected (not to the login page)
LOGIN = "login"  # redirected to the login page
DENIED = "403"
NOT_FOUND = "404"
L, D, N = LOGIN, DENIED, NOT_FOUND


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


def roles(anonymous, delegate_a, focal_a, delegate_b, partner_contact, sec_editor, sec_admin):
    """One row of the table, in the order of ROLES."""
    return dict(
        zip(
            ROLES,
            (anonymous, delegate_a, focal_a, delegate_b, partner_contact, sec_editor, sec_admin),
            strict=True,
        )
    )


# Those who manage people, but of another organisation than the object's.
NOT_THEIRS = {"partner_contact": NOT_FOUND, "secretariat_admin": NOT_FOUND}


def members_only(member_outcome, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], member_outcome)}


@dataclass(frozen=True)
class Case:
    url: object  # (world, owner) -> path
    method: str = "GET"
    data: object = None  # (world, owner) -> POST data
    # {owner: {role: outcome}}: owner "a" / "b" (member A's / member B's object) or another
    # key of world.objects ("public", "members", "host", ...).
    expect: dict = None

    @staticmethod
    def same(url, outcomes, method="GET", data=None):
        return Case(url=url, method=method, data=data, expect={"a": outcomes, "b": outcomes})


def path(name, *attributes):
    """A URL of `name` whose arguments are attributes of the owner's object(s).

    path("news:article", "article.slug") -> reverse("news:article", args=[obj.article.slug]).
    """

    def build(world, owner):
        args = []
        for dotted in attributes:
            value = world.objects[owner]
            for part in dotted.split("."):
                value = value[part] if isinstance(value, dict) else getattr(value, part)
            args.append(value)
        return reverse(name, args=args)

    return build


def fixed(name, *args, query=""):
    return lambda world, owner: reverse(name, args=list(args)) + query


# Owner-mirrored rows: the outcome for member A's object, and for member B's the same with the
# two members swapped (A's users answer "not found" for B's rows, B's delegate answers like A's).
def mirrored(for_a, *, b_overrides):
    return {"a": for_a, "b": {**for_a, **b_overrides}}


PUBLIC = everyone(OK)
# Member A's private row: its member users and the secretariat, nobody else (404: "not yours").
MEMBER_A_ROW = roles(N, OK, OK, N, N, OK, OK)
MEMBER_B_ROW = roles(N, N, N, OK, N, OK, OK)
# A member's draft (news, pages): the member's focal point/editors and the secretariat's
# communications officers (administrators hold every secretariat role).
DRAFT_OF_A = roles(N, N, OK, N, N, OK, OK)
DRAFT_OF_B = roles(N, N, N, N, N, OK, OK)
# The acting organisation's dashboard pages for editors (microsite, team, pages): focal points
# and editors, partner contacts (their NGO's microsite), the communications officers.
EDITORS_DASHBOARD = roles(L, D, OK, D, OK, OK, OK)
# A row of member A in the acting organisation's dashboard: only A's focal point reaches it;
# those who may use the dashboard for another organisation get "not found".
A_ROW_IN_EDITORS_DASHBOARD = roles(L, D, OK, D, N, N, N)
B_ROW_IN_EDITORS_DASHBOARD = roles(L, D, N, D, N, N, N)
# The partner's own space: anyone but a partner contact finds no partner space (404).
PARTNER_SPACE = roles(L, N, N, N, OK, N, N)
# What the public no longer sees (a suspended member): the secretariat still does.
SECRETARIAT_ONLY = roles(N, N, N, N, N, OK, OK)


def done(outcomes):
    """The same row for a POST: the page that answered 200 now does its work."""
    return {role: DONE if outcome == OK else outcome for role, outcome in outcomes.items()}


# --- translation management ---
TRANSLATION_STAFF = roles(L, D, D, D, D, OK, OK)


def _host_page_translation(name):
    return lambda w, o: reverse(name, args=["mission-page", w.objects["host"]["page"].pk, "fr"])


def _a_translator():
    from members.models import Organisation, Role
    from tests.factories import user_with_role

    return user_with_role(Organisation.objects.host(), Role.TRANSLATOR)


def _an_open_assignment(world):
    from oec_portal.translations.items import item_type_of
    from oec_portal.translations.services import translation_assign

    page = world.objects["host"]["page"]
    return translation_assign(
        organisation=page.organisation,
        item_type=item_type_of("mission-page"),
        item=page,
        language="es",
        translator=_a_translator(),
        assigned_by=None,
    )


def _a_follow_of_delegate_a(world):
    from governance.alerts import follow_session
    from governance.models import AssemblySession

    session = AssemblySession.objects.get(number=world.objects["a"]["session"])
    return follow_session(user=world.users["delegate_a"], session=session)


MATRIX = {
    # --- oec_portal ---
    "healthz": Case.same(lambda w, o: "/healthz", PUBLIC),
    "robots_txt": Case.same(lambda w, o: "/robots.txt", PUBLIC),
    "sitemap": Case.same(lambda w, o: "/sitemap.xml", PUBLIC),
    "home": Case.same(fixed("home"), PUBLIC),
    "dashboard": Case.same(fixed("dashboard"), members_only(OK)),
    "search": Case.same(fixed("search", query="?q=education"), PUBLIC),
    # --- translation management: the communications officers (administrators hold every
    # secretariat role); everyone else who signs in is refused (403). A translator (no role of
    # this table) reaches only the editor of what is assigned to them: tests/translations.
    "translations:overview": Case.same(fixed("translations:overview"), TRANSLATION_STAFF),
    "translations:assignments": Case.same(fixed("translations:assignments"), TRANSLATION_STAFF),
    "translations:mine": Case.same(fixed("translations:mine"), TRANSLATION_STAFF),
    "translations:export": Case.same(
        fixed("translations:export", query="?language=fr"), TRANSLATION_STAFF
    ),
    "translations:import": Case.same(fixed("translations:import"), TRANSLATION_STAFF),
    "translations:edit": Case.same(_host_page_translation("translations:edit"), TRANSLATION_STAFF),
    "translations:assign": Case.same(
        _host_page_translation("translations:assign"),
        done(TRANSLATION_STAFF),
        method="POST",
        data=lambda w, o: {"translator": _a_translator().pk},
    ),
    "translations:withdraw": Case.same(
        lambda w, o: reverse("translations:withdraw", args=[_an_open_assignment(w).pk]),
        done(TRANSLATION_STAFF),
        method="POST",
    ),
    # --- the open data API: public rows only, the same for every caller ---
    "api:api-root": Case.same(fixed("api:api-root"), PUBLIC),
    "api:schema": Case.same(fixed("api:schema"), PUBLIC),
    "api:docs": Case.same(fixed("api:docs"), PUBLIC),
    "api:member-list": Case.same(fixed("api:member-list"), PUBLIC),
    "api:member-detail": Case(
        url=path("api:member-detail", "organisation.slug"),
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": everyone(N)},
    ),
    "api:partner-list": Case.same(fixed("api:partner-list"), PUBLIC),
    "api:partner-detail": Case(
        url=path("api:partner-detail", "partner.slug"),
        expect={"public": PUBLIC, "hidden": everyone(N)},
    ),
    "api:article-list": Case.same(fixed("api:article-list"), PUBLIC),
    "api:article-detail": Case(
        url=path("api:article-detail", "article.slug"),
        # A draft is not open data, whoever asks (the API is anonymous for everyone).
        expect={"a": everyone(N), "b": everyone(N), "scheduled": everyone(N), "public": PUBLIC},
    ),
    "api:document-list": Case.same(fixed("api:document-list"), PUBLIC),
    "api:document-detail": Case(
        url=path("api:document-detail", "document.pk"),
        expect={"a": everyone(N), "members": everyone(N), "public": PUBLIC},
    ),
    "api:decision-list": Case.same(fixed("api:decision-list"), PUBLIC),
    "api:decision-detail": Case(
        url=path("api:decision-detail", "decision.pk"),
        expect={"members": everyone(N), "public": PUBLIC},
    ),
    "api:vote-list": Case.same(fixed("api:vote-list"), PUBLIC),
    "api:vote-detail": Case(
        url=path("api:vote-detail", "vote.pk"),
        expect={"members": everyone(N), "public": PUBLIC},
    ),
    # --- members ---
    "members:directory": Case.same(fixed("members:directory"), PUBLIC),
    "members:microsite": Case(
        url=path("members:microsite", "organisation.slug"),
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": SECRETARIAT_ONLY},
    ),
    "members:join": Case(
        url=path("members:join", "organisation.slug"),
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": everyone(N)},
    ),
    "members:join_thanks": Case(
        url=path("members:join_thanks", "organisation.slug"),
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": everyone(N)},
    ),
    "members:microsite_edit": Case.same(fixed("members:microsite_edit"), EDITORS_DASHBOARD),
    "members:team": Case.same(fixed("members:team"), EDITORS_DASHBOARD),
    "members:team_member_edit": Case(
        url=path("members:team_member_edit", "team_member.pk"),
        expect={"a": A_ROW_IN_EDITORS_DASHBOARD, "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
    "members:team_member_delete": Case(
        url=path("members:team_member_delete", "team_member.pk"),
        method="POST",
        expect={"a": done(A_ROW_IN_EDITORS_DASHBOARD), "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
    "members:team_member_move": Case(
        url=path("members:team_member_move", "team_member.pk"),
        method="POST",
        data=lambda w, o: {"direction": "up"},
        expect={"a": done(A_ROW_IN_EDITORS_DASHBOARD), "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
    # Join requests are answered by the organisation's focal point (and the secretariat's
    # administrators, for the organisation they act for: here the host).
    "members:join_requests": Case.same(
        fixed("members:join_requests"), roles(L, D, OK, D, D, D, OK)
    ),
    "members:join_request_detail": Case(
        url=path("members:join_request_detail", "join_request.pk"),
        expect={"a": roles(L, D, OK, D, D, D, N), "b": roles(L, D, N, D, D, D, N)},
    ),
    "members:join_request_close": Case(
        url=path("members:join_request_close", "join_request.pk"),
        method="POST",
        expect={"a": roles(L, D, DONE, D, D, D, N), "b": roles(L, D, N, D, D, D, N)},
    ),
    "members:people": Case.same(
        fixed("members:people"),
        # A partner contact manages the people of their own partner organisation.
        {**members_only(DENIED), "focal_a": OK, "partner_contact": OK, "secretariat_admin": OK},
    ),
    "members:invitation_revoke": Case(
        url=path("members:invitation_revoke", "invitation.pk"),
        method="POST",
        expect={
            "a": {**members_only(DENIED), "focal_a": DONE, **NOT_THEIRS},
            "b": {**members_only(DENIED), "focal_a": NOT_FOUND, **NOT_THEIRS},
        },
    ),
    "members:membership_remove": Case(
        url=path("members:membership_remove", "delegate_membership.pk"),
        method="POST",
        expect={
            "a": {**members_only(DENIED), "focal_a": DONE, **NOT_THEIRS},
            "b": {**members_only(DENIED), "focal_a": NOT_FOUND, **NOT_THEIRS},
        },
    ),
    "members:organisation_switch": Case(
        url=fixed("members:organisation_switch"),
        method="POST",
        data=lambda w, o: {"organisation": w.objects[o]["organisation"].pk},
        expect={
            "a": {
                **members_only(NOT_FOUND),
                "delegate_a": DONE,
                "focal_a": DONE,
                "secretariat_admin": DONE,
            },
            "b": {**members_only(NOT_FOUND), "delegate_b": DONE, "secretariat_admin": DONE},
        },
    ),
    "members:invitation_accept": Case.same(
        path("members:invitation_accept", "token"),
        # A signed-in user sees the offer; accepting checks the e-mail address (service tests).
        PUBLIC,
    ),
    # --- news ---
    "news:list": Case.same(fixed("news:list"), PUBLIC),
    "news:feed_rss": Case.same(fixed("news:feed_rss"), PUBLIC),
    "news:feed_atom": Case.same(fixed("news:feed_atom"), PUBLIC),
    "news:category": Case.same(path("news:category", "category.slug"), PUBLIC),
    "news:year": Case.same(path("news:year", "year"), PUBLIC),
    "news:article": Case(
        url=path("news:article", "article.slug"),
        expect={"a": DRAFT_OF_A, "b": DRAFT_OF_B, "scheduled": DRAFT_OF_A, "public": PUBLIC},
    ),
    "news:organisation": Case(
        url=path("news:organisation", "organisation.slug"),
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": SECRETARIAT_ONLY},
    ),
    "news:organisation_feed_rss": Case(
        url=path("news:organisation_feed_rss", "organisation.slug"),
        # A feed is for the public: a suspended member has none, whoever asks.
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": everyone(N)},
    ),
    "news:organisation_feed_atom": Case(
        url=path("news:organisation_feed_atom", "organisation.slug"),
        # A feed is for the public: a suspended member has none, whoever asks.
        expect={"a": PUBLIC, "b": PUBLIC, "suspended": everyone(N)},
    ),
    # The news dashboard: those who write for the acting organisation (a member's focal point
    # and editors; the host's communications officers). A partner NGO writes no news.
    "news:dashboard_list": Case.same(fixed("news:dashboard_list"), roles(L, D, OK, D, D, OK, OK)),
    "news:dashboard_create": Case.same(
        fixed("news:dashboard_create"), roles(L, D, OK, D, D, OK, OK)
    ),
    "news:dashboard_edit": Case(
        url=path("news:dashboard_edit", "article.pk"),
        expect={"a": roles(L, D, OK, D, D, N, N), "b": roles(L, D, N, D, D, N, N)},
    ),
    "news:dashboard_transition": Case(
        url=path("news:dashboard_transition", "article.pk"),
        method="POST",
        data=lambda w, o: {"to_status": "in_review"},
        expect={"a": roles(L, D, DONE, D, D, N, N), "b": roles(L, D, N, D, D, N, N)},
    ),
    "news:dashboard_restore": Case(
        url=path("news:dashboard_restore", "article.pk"),
        method="POST",
        data=lambda w, o: {"history_id": w.objects[o]["article_version"]},
        expect={"a": roles(L, D, DONE, D, D, N, N), "b": roles(L, D, N, D, D, N, N)},
    ),
    # --- governance ---
    "governance:session_list": Case.same(fixed("governance:session_list"), PUBLIC),
    "governance:session_detail": Case.same(path("governance:session_detail", "session"), PUBLIC),
    # A session's documents in one language as one ZIP: everyone has the public document's
    # file; which files each role gets is tests/governance/test_session_archive.py's.
    "governance:session_documents_zip": Case.same(
        lambda w, o: reverse(
            "governance:session_documents_zip", args=[w.objects[o]["session"], "en"]
        ),
        PUBLIC,
    ),
    "governance:document_list": Case.same(fixed("governance:document_list"), PUBLIC),
    # Following (issue 18): a session (public) by anyone signed in; a document series by those
    # who may read the document (the others find nothing); the unfollow of one's own follow only
    # ("a": delegate A's follow of the session; the others find nothing).
    "governance:session_follow": Case.same(
        path("governance:session_follow", "session"), members_only(DONE), method="POST"
    ),
    "governance:document_follow": Case(
        url=path("governance:document_follow", "document.slug"),
        method="POST",
        expect={
            "a": roles(L, DONE, DONE, N, N, DONE, DONE),
            "b": roles(L, N, N, DONE, N, DONE, DONE),
            "members": roles(L, DONE, DONE, DONE, N, DONE, DONE),
            "public": members_only(DONE),
        },
    ),
    "governance:unfollow": Case.same(
        lambda w, o: reverse("governance:unfollow", args=[_a_follow_of_delegate_a(w).pk]),
        roles(L, DONE, N, N, N, N, N),
        method="POST",
    ),
    # Before the secretariat publishes it, the list of participants is provisional: members and
    # the secretariat only (tests/governance/test_session_lists.py: everyone once published).
    "governance:session_participants": Case.same(
        path("governance:session_participants", "session"), roles(N, OK, OK, OK, N, OK, OK)
    ),
    "governance:session_credentials": Case.same(
        path("governance:session_credentials", "session"), roles(N, OK, OK, OK, N, OK, OK)
    ),
    # The calendars: the public feed and a session's file for everyone; a person's private feed
    # for whoever holds its secret address (calendar applications fetch it signed out), until
    # the person resets it; the page of one's own address, and its reset, for every signed-in
    # user.
    "governance:public_calendar": Case.same(fixed("governance:public_calendar"), PUBLIC),
    "governance:session_calendar": Case.same(
        path("governance:session_calendar", "session"), PUBLIC
    ),
    "governance:personal_calendar": Case(
        url=path("governance:personal_calendar", "calendar_token"),
        expect={"a": PUBLIC, "b": PUBLIC, "reset": everyone(N)},
    ),
    "governance:calendar_subscription": Case.same(
        fixed("governance:calendar_subscription"), members_only(OK)
    ),
    "governance:calendar_feed_reset": Case.same(
        fixed("governance:calendar_feed_reset"), members_only(DONE), method="POST"
    ),
    # Badges: conference services only (administrators hold the role); signed out: sign in.
    "governance:session_badges": Case.same(
        path("governance:session_badges", "session"), roles(L, D, D, D, D, D, OK)
    ),
    # Attendance: conference services check people in at a meeting, take a mistaken check-in
    # back, and call the roll (administrators hold the role); signed out: sign in.
    "governance:check_in": Case.same(
        path("governance:check_in", "session"), roles(L, D, D, D, D, D, OK)
    ),
    "governance:check_in_undo": Case.same(
        path("governance:check_in_undo", "session", "attendance.pk"),
        roles(L, D, D, D, D, D, DONE),
        method="POST",
    ),
    "governance:roll_call": Case.same(
        path("governance:roll_call", "session", "meeting.pk"), roles(L, D, D, D, D, D, OK)
    ),
    # Restricted documents of A / of B, a members-only document and a public one.
    "governance:document_detail": Case(
        url=path("governance:document_detail", "document.slug"),
        expect={
            "a": MEMBER_A_ROW,
            "b": MEMBER_B_ROW,
            # Signed out: asked to sign in for a members' document (restricted ones stay 404).
            "members": roles(L, OK, OK, OK, N, OK, OK),
            "public": PUBLIC,
        },
    ),
    "governance:document_download": Case(
        url=lambda w, o: reverse(
            "governance:document_download", args=[w.objects[o]["document"].slug, "en"]
        ),
        expect={
            "a": MEMBER_A_ROW,
            "b": MEMBER_B_ROW,
            "members": roles(L, OK, OK, OK, N, OK, OK),
            "public": PUBLIC,
        },
    ),
    "governance:decision_list": Case.same(fixed("governance:decision_list"), PUBLIC),
    "governance:decision_detail": Case(
        url=path("governance:decision_detail", "decision.slug"),
        expect={"members": roles(N, OK, OK, OK, N, OK, OK), "public": PUBLIC},
    ),
    # A decision's open data: as its page (a members-only decision is "not found" to others).
    "governance:decision_akoma_ntoso": Case(
        url=lambda w, o: reverse(
            "governance:decision_akoma_ntoso", args=[w.objects[o]["decision"].slug, "en"]
        ),
        expect={"members": roles(N, OK, OK, OK, N, OK, OK), "public": PUBLIC},
    ),
    "governance:decision_votes_csv": Case(
        url=path("governance:decision_votes_csv", "decision.slug"),
        expect={"members": roles(N, OK, OK, OK, N, OK, OK), "public": PUBLIC},
    ),
    # Every recorded vote the viewer may see (the rows: test_not_found_and_listings.py).
    "governance:recorded_votes_csv": Case.same(fixed("governance:recorded_votes_csv"), PUBLIC),
    # The acting organisation's delegation: its member users see it, its focal point registers
    # it; an organisation that is not a member (a partner NGO, the host) has none.
    "governance:delegation": Case.same(
        path("governance:delegation", "session"), roles(L, OK, OK, OK, N, N, N)
    ),
    "governance:delegation_credentials": Case(
        url=path("governance:delegation_credentials", "delegation.pk"),
        expect={"a": roles(L, OK, OK, N, N, OK, OK), "b": roles(L, N, N, OK, N, OK, OK)},
    ),
    # --- partnerships ---
    "partnerships:list": Case.same(fixed("partnerships:list"), PUBLIC),
    "partnerships:apply": Case.same(fixed("partnerships:apply"), PUBLIC),
    "partnerships:apply_done": Case.same(fixed("partnerships:apply_done"), PUBLIC),
    "partnerships:collective": Case.same(fixed("partnerships:collective"), PUBLIC),
    "partnerships:detail": Case(
        url=path("partnerships:detail", "partner.slug"),
        expect={"public": PUBLIC, "hidden": everyone(N)},
    ),
    "partnerships:profile_edit": Case.same(fixed("partnerships:profile_edit"), PARTNER_SPACE),
    "partnerships:activity_list": Case.same(fixed("partnerships:activity_list"), PARTNER_SPACE),
    "partnerships:activity_create": Case.same(fixed("partnerships:activity_create"), PARTNER_SPACE),
    # "a": an activity of the contact's own partner; "b": one of another partner.
    "partnerships:activity_edit": Case(
        url=path("partnerships:activity_edit", "activity.pk"),
        expect={"a": PARTNER_SPACE, "b": roles(L, N, N, N, N, N, N)},
    ),
    "partnerships:activity_submit": Case(
        url=path("partnerships:activity_submit", "activity.pk"),
        method="POST",
        expect={"a": done(PARTNER_SPACE), "b": roles(L, N, N, N, N, N, N)},
    ),
    # The file of a partner's activity or publication: public once approved ("public"); a
    # draft's file ("a": the contact's own partner, "b": a partner not yet admitted) is nobody's
    # to download from the public page.
    "partnerships:activity_file": Case(
        url=path("partnerships:activity_file", "activity.organisation.slug", "activity.pk"),
        expect={"public": PUBLIC, "a": everyone(N), "b": everyone(N)},
    ),
    # The back office's downloads of application and activity files: the partnerships officers
    # (administrators hold that role) only; every other signed-in user finds nothing.
    "partnerships:application_file": Case(
        url=lambda w, o: reverse(
            "partnerships:application_file", args=[w.objects[o]["partnership"].pk, "statutes"]
        ),
        expect={"a": roles(L, N, N, N, N, N, OK), "b": roles(L, N, N, N, N, N, OK)},
    ),
    "partnerships:activity_file_for_staff": Case(
        url=path("partnerships:activity_file_for_staff", "activity.pk"),
        expect={"a": roles(L, N, N, N, N, N, OK), "b": roles(L, N, N, N, N, N, OK)},
    ),
    # --- bulletins (public; links in mail carry signed tokens) ---
    "bulletins:archive": Case.same(fixed("bulletins:archive"), PUBLIC),
    "bulletins:edition": Case.same(path("bulletins:edition", "bulletin_period"), PUBLIC),
    "bulletins:subscribe": Case.same(fixed("bulletins:subscribe"), PUBLIC),
    "bulletins:subscribe_thanks": Case.same(fixed("bulletins:subscribe_thanks"), PUBLIC),
    "bulletins:subscribe_confirm": Case.same(
        path("bulletins:subscribe_confirm", "confirm_token"), PUBLIC
    ),
    "bulletins:preferences": Case.same(path("bulletins:preferences", "unsubscribe_token"), PUBLIC),
    "bulletin_unsubscribe": Case.same(path("bulletin_unsubscribe", "unsubscribe_token"), PUBLIC),
    # The mail providers' reports (django-anymail): until the shared secret is set, refused
    # whoever is signed in (tests/bulletins/test_mail_providers.py checks them with it).
    **{
        f"anymail:{provider}_tracking_webhook": Case.same(
            fixed(f"anymail:{provider}_tracking_webhook"),
            everyone(D),
            method="POST",
            data=lambda w, o: {"email": "reader@public.example"},
        )
        for provider in ("amazon_ses", "brevo", "mailgun", "postmark", "sendgrid")
    },
    # --- notifications (ground floor): each person's own; the stop link carries a signed token ---
    "notifications:inbox": Case.same(fixed("notifications:inbox"), members_only(OK)),
    "notifications:preferences": Case.same(fixed("notifications:preferences"), members_only(OK)),
    "notifications:mark_all_read": Case.same(
        fixed("notifications:mark_all_read"), members_only(DONE), method="POST"
    ),
    "notifications_stop_mail": Case.same(
        path("notifications_stop_mail", "stop_mail_token"), PUBLIC
    ),
    # --- pages ---
    "pages:page": Case(
        url=path("pages:page", "page.slug"),
        # The body's own pages: a draft is seen by the communications officers only.
        expect={"host": PUBLIC, "host_draft": roles(N, N, N, N, N, OK, OK)},
    ),
    "pages:member_page": Case(
        url=path("pages:member_page", "organisation.slug", "page.slug"),
        expect={
            "a": DRAFT_OF_A,
            "b": DRAFT_OF_B,
            "public": PUBLIC,
            # A published page of a suspended member: its editors and the communications
            # officers (who oversee every organisation's pages) only.
            "suspended": DRAFT_OF_B,
        },
    ),
    "pages:dashboard_list": Case.same(fixed("pages:dashboard_list"), EDITORS_DASHBOARD),
    "pages:dashboard_create": Case.same(fixed("pages:dashboard_create"), EDITORS_DASHBOARD),
    "pages:dashboard_edit": Case(
        url=path("pages:dashboard_edit", "page.pk"),
        expect={"a": A_ROW_IN_EDITORS_DASHBOARD, "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
    "pages:dashboard_preview": Case(
        url=path("pages:dashboard_preview", "page.pk"),
        expect={"a": A_ROW_IN_EDITORS_DASHBOARD, "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
    "pages:dashboard_publish": Case(
        url=path("pages:dashboard_publish", "page.pk"),
        method="POST",
        expect={"a": done(A_ROW_IN_EDITORS_DASHBOARD), "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
    "pages:dashboard_unpublish": Case(
        url=path("pages:dashboard_unpublish", "published_page.pk"),
        method="POST",
        expect={"a": done(A_ROW_IN_EDITORS_DASHBOARD), "b": B_ROW_IN_EDITORS_DASHBOARD},
    ),
}


def _outcome(response):
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else DONE
    return str(response.status_code)


def request_as(client, world, case, owner, role):
    """Make the case's request for `owner`'s object as `role`; the response."""
    world.sign_in(client, role)
    url = case.url(world, owner)
    if case.method == "POST":
        return client.post(url, case.data(world, owner) if case.data else {})
    return client.get(url)


def answer_as(client, world, case, owner, role):
    """The outcome of the request, with every change it made undone (the world stays as built)."""
    with transaction.atomic():
        response = request_as(client, world, case, owner, role)
        transaction.set_rollback(True)
    return _outcome(response)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_authorization_matrix(client, world, url_name):
    """One test per URL: every owner × role cell; a failure lists every wrong cell."""
    case = MATRIX[url_name]
    wrong = []
    for owner, outcomes in case.expect.items():
        for role in ROLES:
            got = answer_as(client, world, case, owner, role)
            if got != outcomes[role]:
                wrong.append(f"{owner}/{role}: expected {outcomes[role]}, got {got}")
    assert wrong == [], f"{url_name}: {wrong}"


# --- Coverage guard (C4) ---------------------------------------------------------------------

EXEMPT_MODULE_PREFIXES = (
    "allauth.",
    "django.contrib.admin",
    "django.contrib.contenttypes",
    "django.views.generic.base",
    "django.contrib.auth.admin",
    "django_celery_beat.",
    "import_export.",
)


def _url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = pattern.namespace
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _url_names(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            module = getattr(pattern.callback, "__module__", "") or ""
            if module.startswith(EXEMPT_MODULE_PREFIXES):
                continue
            # The DRF router's format-suffix variants (api/members.json) share their view's name,
            # so the name of the plain pattern covers them.
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_pattern_is_in_the_matrix():
    names = set(_url_names(get_resolver().url_patterns))
    assert None not in names, "every URL pattern needs a name"
    assert names - set(MATRIX) == set(), "add these URL patterns to MATRIX"
    assert set(MATRIX) - names == set(), "MATRIX names URL patterns that no longer exist"


def test_matrix_names_every_role_for_every_cell():
    for name, case in MATRIX.items():
        for owner, outcomes in case.expect.items():
            assert set(outcomes) == set(ROLES), (name, owner)


# --- CSRF (F4): every state-changing view refuses GET and fails without a token ----------------

POST_CASES = sorted(name for name, case in MATRIX.items() if case.method == "POST")
# Views that must accept a POST without a CSRF token, and why.
CSRF_EXEMPT = {
    **{
        f"anymail:{provider}_tracking_webhook": "a mail provider's report, authenticated by "
        "the shared secret (HTTP basic auth) and, where the provider offers it, a signature"
        for provider in ("amazon_ses", "brevo", "mailgun", "postmark", "sendgrid")
    },
}


def _allowed_role(case):
    """A role for which the POST succeeds on member A's object (so CSRF is what stops it)."""
    return next(
        (role for role, outcome in case.expect["a"].items() if outcome == DONE), "anonymous"
    )


@pytest.mark.parametrize("url_name", POST_CASES)
def test_state_changing_view_refuses_get(client, world, url_name):
    case = MATRIX[url_name]
    role = _allowed_role(case)
    world.sign_in(client, role)
    assert client.get(case.url(world, "a")).status_code in (404, 405)


@pytest.mark.parametrize("url_name", [n for n in POST_CASES if n not in CSRF_EXEMPT])
def test_state_changing_view_fails_without_csrf_token(world, url_name):
    case = MATRIX[url_name]
    role = _allowed_role(case)
    client = Client(enforce_csrf_checks=True)
    world.sign_in(client, role)
    data = case.data(world, "a") if case.data else {}
    assert client.post(case.url(world, "a"), data).status_code == 403


# Pages that show a form on GET and take its POST on the same URL (the bulletin's one-click
# unsubscribe is exempt by RFC 8058: mail clients post it with no session).
FORM_PAGES = [
    "members:join",
    "members:microsite_edit",
    "members:team",
    "members:team_member_edit",
    "members:join_request_detail",
    "members:people",
    "members:invitation_accept",
    "news:dashboard_create",
    "news:dashboard_edit",
    "governance:delegation",
    "governance:check_in",
    "partnerships:apply",
    "partnerships:profile_edit",
    "partnerships:activity_create",
    "partnerships:activity_edit",
    "bulletins:subscribe",
    "bulletins:subscribe_confirm",
    "bulletins:preferences",
    "notifications:preferences",
    "pages:dashboard_create",
    "pages:dashboard_edit",
    "translations:edit",
    "translations:import",
]


@pytest.mark.parametrize("url_name", FORM_PAGES)
def test_form_page_refuses_a_post_without_csrf_token(world, url_name):
    case = MATRIX[url_name]
    role = next(role for role, outcome in case.expect["a"].items() if outcome == OK)
    client = Client(enforce_csrf_checks=True)
    world.sign_in(client, role)
    assert client.post(case.url(world, "a"), {}).status_code == 403
