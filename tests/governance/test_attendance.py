"""Attendance at a session's meetings (issue 18).

Conference services check people in at a meeting with the code of their badge, scanned or
typed; a second check-in of the same badge counts once. A member organisation is present when at
least one person of its accredited delegation checked in; the roll call counts the members
entitled to vote (founding states) against the quorum of the rules of procedure, and a decision
adopted by vote at a meeting takes recorded votes only from the members present at it.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from governance.attendance import check_in, check_in_undo, quorum, roll_call
from governance.badges import badge_token
from governance.models import Attendance, Decision, Delegation, DelegationMember, Vote
from members.models import Organisation
from tests.factories import (
    AssemblySessionFactory,
    DecisionFactory,
    MeetingFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def _delegation(session, organisation, *names, status=Delegation.Status.ACCREDITED):
    delegation = Delegation.objects.create(
        session=session, organisation=organisation, status=status
    )
    for index, name in enumerate(names):
        DelegationMember.objects.create(
            delegation=delegation,
            is_head=index == 0,
            guest_name=name,
            guest_email=f"person{index}@{organisation.slug}.example",
        )
    return delegation


def _person(delegation, name):
    return delegation.members.get(guest_name=name)


@pytest.fixture
def opening(first_session):
    """The opening meeting: 10:00 to 13:00 on the session's first day (Geneva time)."""
    return MeetingFactory(session=first_session, title_en="Opening plenary meeting")


@pytest.fixture
def afternoon(first_session):
    return MeetingFactory(
        session=first_session,
        title_en="Second plenary meeting",
        start_time=datetime.time(15),
        end_time=datetime.time(18),
    )


@pytest.fixture
def egypt(first_session):
    country = OrganisationFactory(slug="egypt", name_en="Egypt", name_ar="مصر", country="EG")
    return _delegation(first_session, country, "Amina Salem", "Karim Nour")


@pytest.fixture
def chad(first_session):
    country = OrganisationFactory(slug="chad", name_en="Chad", name_ar="تشاد", country="TD")
    return _delegation(first_session, country, "Idriss Mahamat")


@pytest.fixture
def amina(egypt):
    return _person(egypt, "Amina Salem")


# --- Checking in -------------------------------------------------------------------------------


def test_checking_in_twice_counts_once(opening, amina, conference_officer):
    first = check_in(meeting=opening, token=badge_token(amina), by=conference_officer)
    again = check_in(meeting=opening, token=badge_token(amina), by=conference_officer)
    assert first.created and not again.created
    assert again.attendance.pk == first.attendance.pk
    assert again.attendance.checked_in_at == first.attendance.checked_in_at
    assert Attendance.objects.filter(meeting=opening).count() == 1


def test_a_check_in_records_who_and_by_whom(opening, amina, conference_officer):
    done = check_in(meeting=opening, token=badge_token(amina), by=conference_officer)
    row = Attendance.objects.get()
    assert (row.meeting, row.delegation_member, row.checked_in_by) == (
        opening,
        amina,
        conference_officer,
    )
    assert done.delegation.organisation.name == "Egypt"


def test_the_code_is_taken_as_printed_or_typed_loosely(opening, amina, conference_officer):
    person_id, signature = badge_token(amina).split(".")
    typed = f" {person_id}. {signature[:6].lower()} {signature[6:].lower()} "
    assert check_in(meeting=opening, token=typed, by=conference_officer).created


@pytest.mark.parametrize(
    "code",
    [
        "",
        "12",
        "not a badge",
        # A signature made with another key (a forger's), and a valid signature moved to
        # another id.
        "1.AAAAAAAAAAAA",
    ],
)
def test_a_forged_code_is_refused_and_nothing_is_written(opening, amina, conference_officer, code):
    with pytest.raises(ValidationError) as refused:
        check_in(meeting=opening, token=code, by=conference_officer)
    assert refused.value.code == "forged"
    assert not Attendance.objects.exists()


def test_a_signature_moved_to_another_person_is_refused(opening, egypt, conference_officer):
    amina, karim = _person(egypt, "Amina Salem"), _person(egypt, "Karim Nour")
    signature = badge_token(amina).split(".")[1]
    with pytest.raises(ValidationError):
        check_in(meeting=opening, token=f"{karim.pk}.{signature}", by=conference_officer)
    assert not Attendance.objects.exists()


def test_another_sessions_badge_is_refused_for_this_meeting(opening, conference_officer):
    second = AssemblySessionFactory(number=2)
    elsewhere = _delegation(second, OrganisationFactory(slug="peru"), "Rosa Quispe")
    token = badge_token(_person(elsewhere, "Rosa Quispe"))
    with pytest.raises(ValidationError) as refused:
        check_in(meeting=opening, token=token, by=conference_officer)
    assert refused.value.code == "other_session"
    assert "GA" in refused.value.messages[0] or "2" in refused.value.messages[0]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [Delegation.Status.SUBMITTED, Delegation.Status.RETURNED])
def test_the_badge_of_a_delegation_not_accredited_is_refused(
    first_session, opening, conference_officer, status
):
    delegation = _delegation(first_session, OrganisationFactory(slug="peru"), "Rosa", status=status)
    with pytest.raises(ValidationError) as refused:
        check_in(
            meeting=opening, token=badge_token(delegation.members.get()), by=conference_officer
        )
    assert refused.value.code == "not_accredited"
    assert not Attendance.objects.exists()


def test_a_check_in_at_one_meeting_is_not_one_at_another(
    opening, afternoon, amina, conference_officer
):
    check_in(meeting=opening, token=badge_token(amina), by=conference_officer)
    assert check_in(meeting=afternoon, token=badge_token(amina), by=conference_officer).created
    assert list(opening.members_present()) == list(afternoon.members_present())


def test_a_mistaken_check_in_is_taken_back(opening, amina, conference_officer):
    done = check_in(meeting=opening, token=badge_token(amina), by=conference_officer)
    check_in_undo(attendance=done.attendance, by=conference_officer)
    assert not Attendance.objects.exists()
    assert not opening.members_present().exists()


# --- The check-in page ---------------------------------------------------------------------------


def _check_in_url(query=""):
    return reverse("governance:check_in", args=[1]) + query


def test_the_check_in_page_shows_who_checked_in(client, opening, amina, conference_officer):
    client.force_login(conference_officer)
    with time_machine.travel(datetime.datetime(2021, 12, 6, 9, 12, tzinfo=datetime.UTC)):
        response = client.post(_check_in_url(), {"meeting": opening.pk, "code": badge_token(amina)})
    assert response.status_code == 200
    html = response.content.decode()
    # 09:12 UTC is 10:12 in Geneva, the session's time zone.
    assert "Checked in at 10:12" in html
    assert "Amina Salem" in html and "Egypt" in html and "kind-founding_state" in html
    assert "1 person checked in" in html

    again = client.post(_check_in_url(), {"meeting": opening.pk, "code": badge_token(amina)})
    assert "Already checked in at 10:12" in again.content.decode()
    assert Attendance.objects.count() == 1


def test_the_check_in_page_refuses_a_forged_code_clearly(client, opening, conference_officer):
    client.force_login(conference_officer)
    response = client.post(_check_in_url(), {"meeting": opening.pk, "code": "7.FORGEDFORGED"})
    html = response.content.decode()
    assert 'role="alert"' in html and "This code is not a badge of the Organisation" in html
    assert "Checked in at" not in html
    assert not Attendance.objects.exists()


def test_the_check_in_page_works_without_javascript(client, opening, conference_officer):
    """A plain form posting the meeting and the code, with its CSRF token; the script that
    scans is an addition (it stays hidden where the browser cannot scan)."""
    client.force_login(conference_officer)
    html = client.get(_check_in_url()).content.decode()
    assert '<form method="post" class="checkin-form"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'<input type="hidden" name="meeting" value="{opening.pk}">' in html
    assert 'name="code"' in html and "required" in html
    assert 'data-scanner data-scan-label="Scan with the camera"' in html


def test_the_check_in_page_opens_on_the_meeting_on_now(
    client, opening, afternoon, conference_officer
):
    client.force_login(conference_officer)
    # 13:30 in Geneva: the opening is over, the afternoon meeting is next.
    with time_machine.travel(datetime.datetime(2021, 12, 6, 12, 30, tzinfo=datetime.UTC)):
        html = client.get(_check_in_url()).content.decode()
    assert f'<input type="hidden" name="meeting" value="{afternoon.pk}">' in html
    chosen = client.get(_check_in_url(f"?meeting={opening.pk}")).content.decode()
    assert f'<input type="hidden" name="meeting" value="{opening.pk}">' in chosen


def test_a_meeting_of_another_session_is_not_found(client, opening, conference_officer):
    other = MeetingFactory(session=AssemblySessionFactory(number=2))
    client.force_login(conference_officer)
    assert client.get(_check_in_url(f"?meeting={other.pk}")).status_code == 404
    assert client.get(reverse("governance:roll_call", args=[1, other.pk])).status_code == 404


def test_the_check_in_page_lists_and_undoes_recent_check_ins(
    client, opening, egypt, conference_officer
):
    amina, karim = _person(egypt, "Amina Salem"), _person(egypt, "Karim Nour")
    for person in (amina, karim):
        check_in(meeting=opening, token=badge_token(person), by=conference_officer)
    client.force_login(conference_officer)
    html = client.get(_check_in_url(f"?meeting={opening.pk}")).content.decode()
    assert html.index("Karim Nour") < html.index("Amina Salem")  # the latest first
    assert "2 people checked in" in html

    row = Attendance.objects.get(delegation_member=karim)
    response = client.post(reverse("governance:check_in_undo", args=[1, row.pk]))
    assert response.status_code == 302
    assert response["Location"] == _check_in_url(f"?meeting={opening.pk}")
    assert list(Attendance.objects.values_list("delegation_member", flat=True)) == [amina.pk]
    page = client.get(response["Location"]).content.decode()
    assert "The check-in of Karim Nour was taken back." in page


def test_undo_refuses_the_check_in_another_session_holds(client, opening, conference_officer):
    second = AssemblySessionFactory(number=2)
    elsewhere = _delegation(second, OrganisationFactory(slug="peru"), "Rosa Quispe")
    row = Attendance.objects.create(
        meeting=MeetingFactory(session=second), delegation_member=elsewhere.members.get()
    )
    client.force_login(conference_officer)
    assert client.post(reverse("governance:check_in_undo", args=[1, row.pk])).status_code == 404
    assert Attendance.objects.filter(pk=row.pk).exists()


# --- Who may check people in ---------------------------------------------------------------------


@pytest.fixture
def a_check_in(opening, amina, conference_officer):
    return check_in(meeting=opening, token=badge_token(amina), by=conference_officer).attendance


@pytest.mark.parametrize("who", ["delegate_a", "focal_a", "secretariat_editor"])
def test_only_conference_services_check_people_in(
    request, client, opening, amina, a_check_in, with_totp, who
):
    user = request.getfixturevalue(who)
    if who == "secretariat_editor":
        with_totp(user)  # past the secretariat's second factor, to the rule itself
    client.force_login(user)
    assert client.get(_check_in_url()).status_code == 403
    posted = client.post(_check_in_url(), {"meeting": opening.pk, "code": badge_token(amina)})
    assert posted.status_code == 403
    undo = client.post(reverse("governance:check_in_undo", args=[1, a_check_in.pk]))
    assert undo.status_code == 403
    assert client.get(reverse("governance:roll_call", args=[1, opening.pk])).status_code == 403
    assert Attendance.objects.count() == 1


def test_a_visitor_is_asked_to_sign_in_for_check_in(client, opening, amina, a_check_in):
    for response in (
        client.get(_check_in_url()),
        client.post(_check_in_url(), {"meeting": opening.pk, "code": badge_token(amina)}),
        client.post(reverse("governance:check_in_undo", args=[1, a_check_in.pk])),
        client.get(reverse("governance:roll_call", args=[1, opening.pk])),
    ):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Attendance.objects.count() == 1


# --- Roll call and quorum ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entitled", "needed"), [(0, 1), (1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (57, 29)]
)
def test_the_quorum_is_a_majority_of_the_members_entitled_to_vote(entitled, needed):
    assert quorum(entitled) == needed


def _states(session, count):
    return [
        _delegation(session, OrganisationFactory(slug=f"state-{n}", name_en=f"State {n}"), "P")
        for n in range(count)
    ]


@pytest.mark.parametrize(("present", "met"), [(2, False), (3, True)])
def test_the_roll_call_at_the_quorum_boundary(opening, conference_officer, present, met):
    delegations = _states(opening.session, 4)
    for delegation in delegations[:present]:
        check_in(meeting=opening, token=badge_token(delegation.members.get()), by=None)
    call = roll_call(opening)
    assert (call.entitled, call.quorum, len(call.present), call.has_quorum) == (4, 3, present, met)


def test_the_roll_call_lists_members_present_and_absent(
    client, opening, egypt, chad, conference_officer
):
    for person in egypt.members.all():  # two people of Egypt: the member counts once
        check_in(meeting=opening, token=badge_token(person), by=conference_officer)
    client.force_login(conference_officer)
    response = client.get(reverse("governance:roll_call", args=[1, opening.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    present, absent = html.split("<h2>Absent (1)</h2>")
    assert "<h2>Present (1)</h2>" in present and "Egypt" in present and "(2 people)" in present
    assert "Chad" in absent and "Egypt" not in absent
    assert "1 of 2 members entitled to vote present" in html
    assert "The quorum is not met." in html and "The quorum is 2 members present" in html
    # In the order of the session's list of participants.
    assert [row.organisation.name for row in roll_call(opening).rows] == ["Chad", "Egypt"]


def test_only_members_entitled_to_vote_are_called(first_session, opening, conference_officer):
    """Associate members take part but do not vote; a suspended state does not sit."""
    academy = OrganisationFactory(slug="academy", kind=Organisation.Kind.ASSOCIATE_MEMBER)
    suspended = OrganisationFactory(slug="suspended", status=Organisation.Status.SUSPENDED)
    for organisation in (academy, suspended):
        delegation = _delegation(first_session, organisation, "Someone")
        check_in(meeting=opening, token=badge_token(delegation.members.get()), by=None)
    (state,) = _states(first_session, 1)
    call = roll_call(opening)
    assert [row.organisation for row in call.rows] == [state.organisation]
    assert call.present == []


def test_a_check_in_whose_delegation_lost_its_accreditation_does_not_count(opening, egypt, amina):
    check_in(meeting=opening, token=badge_token(amina), by=None)
    Delegation.objects.filter(pk=egypt.pk).update(status=Delegation.Status.RETURNED)
    assert not opening.members_present().exists()
    assert roll_call(opening).present == []


# --- Votes only from the members present ---------------------------------------------------------


@pytest.fixture
def by_vote(first_session, opening):
    return DecisionFactory(
        session=first_session,
        meeting=opening,
        adopted_on=opening.date,
        adoption_method=Decision.AdoptionMethod.VOTE,
        votes_yes=1,
        votes_no=0,
        votes_abstain=0,
    )


def test_a_vote_by_an_absent_member_is_refused(by_vote, egypt, chad, amina):
    check_in(meeting=by_vote.meeting, token=badge_token(amina), by=None)
    services.vote_record(decision=by_vote, organisation=egypt.organisation, choice="yes")
    with pytest.raises(ValidationError) as refused:
        services.vote_record(decision=by_vote, organisation=chad.organisation, choice="no")
    assert refused.value.error_dict["organisation"][0].code == "absent"
    assert "Chad was not present at" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        Vote.objects.create(decision=by_vote, organisation=chad.organisation, choice="no")
    assert list(by_vote.votes.values_list("organisation__name", flat=True)) == ["Egypt"]


def test_the_decision_records_the_members_present(by_vote, egypt, chad, amina):
    check_in(meeting=by_vote.meeting, token=badge_token(amina), by=None)
    assert list(by_vote.members_present()) == [egypt.organisation]


def test_the_decision_page_names_its_meeting_and_the_members_present(
    client, by_vote, egypt, chad, amina
):
    by_vote.is_public = True
    by_vote.save(update_fields=["is_public"])
    check_in(meeting=by_vote.meeting, token=badge_token(amina), by=None)
    html = client.get(by_vote.get_absolute_url()).content.decode()
    assert f"<dt>Meeting</dt><dd>{by_vote.meeting.title}," in html
    assert "<dt>Members present</dt><dd>1 member present: Egypt</dd>" in html
    assert "Chad" not in html


def test_a_decision_without_its_meeting_keeps_its_votes_unchecked(first_session, chad):
    decision = DecisionFactory(
        session=first_session, adoption_method="vote", votes_yes=1, votes_no=0, votes_abstain=0
    )
    assert decision.members_present() is None
    vote = services.vote_record(decision=decision, organisation=chad.organisation, choice="yes")
    assert vote.pk


def test_a_decisions_meeting_is_of_its_session_and_day(by_vote, afternoon):
    other = MeetingFactory(session=AssemblySessionFactory(number=2))
    by_vote.meeting = other
    with pytest.raises(ValidationError) as refused:
        by_vote.full_clean()
    assert "meeting" in refused.value.error_dict
    by_vote.meeting = afternoon
    by_vote.adopted_on = afternoon.date + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        by_vote.full_clean()
    assert refused.value.error_dict["meeting"][0].code == "meeting_date"


def test_undo_keeps_a_voting_member_present(by_vote, egypt, amina, conference_officer):
    """Taking back the only check-in of a member that voted at the meeting would leave its vote
    without its presence: refused. Another person of the delegation checked in: allowed."""
    first = check_in(meeting=by_vote.meeting, token=badge_token(amina), by=None).attendance
    services.vote_record(decision=by_vote, organisation=egypt.organisation, choice="yes")
    with pytest.raises(ValidationError) as refused:
        check_in_undo(attendance=first, by=conference_officer)
    assert refused.value.code == "voted"
    karim = _person(egypt, "Karim Nour")
    check_in(meeting=by_vote.meeting, token=badge_token(karim), by=None)
    check_in_undo(attendance=first, by=conference_officer)
    assert list(by_vote.members_present()) == [egypt.organisation]


def test_the_back_office_refuses_a_vote_by_an_absent_member(
    client, by_vote, egypt, chad, amina, conference_officer
):
    check_in(meeting=by_vote.meeting, token=badge_token(amina), by=None)
    client.force_login(conference_officer)
    url = reverse("admin:governance_decision_change", args=[by_vote.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "session": by_vote.session_id,
            "meeting": by_vote.meeting_id,
            "adopted_on": by_vote.adopted_on.isoformat(),
            "votes-TOTAL_FORMS": "2",
            "votes-INITIAL_FORMS": "0",
            "votes-0-organisation": egypt.organisation.pk,
            "votes-0-choice": "yes",
            "votes-1-organisation": chad.organisation.pk,
            "votes-1-choice": "no",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200, response.get("Location")
    assert "Chad was not present at" in response.content.decode()
    assert not Vote.objects.exists()


# --- The back office -----------------------------------------------------------------------------


def test_the_back_office_shows_a_meetings_check_ins(
    client, opening, a_check_in, conference_officer
):
    client.force_login(conference_officer)
    listing = client.get(
        reverse("admin:governance_attendance_changelist") + f"?meeting__id__exact={opening.pk}"
    )
    assert listing.status_code == 200
    assert "Amina Salem" in listing.content.decode()
    session_page = client.get(
        reverse("admin:governance_assemblysession_change", args=[opening.session_id])
    ).content.decode()
    assert reverse("governance:check_in", args=[1]) in session_page
    assert reverse("governance:roll_call", args=[1, opening.pk]) in session_page


def test_the_back_office_cannot_add_or_delete_a_check_in(client, a_check_in, conference_officer):
    client.force_login(conference_officer)
    assert client.get(reverse("admin:governance_attendance_add")).status_code == 403
    delete = reverse("admin:governance_attendance_delete", args=[a_check_in.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Attendance.objects.filter(pk=a_check_in.pk).exists()


def test_the_session_page_links_conference_services_to_check_in_and_roll_call(
    client, opening, conference_officer, delegate_a
):
    check_in_url = reverse("governance:check_in", args=[1])
    roll_call_url = reverse("governance:roll_call", args=[1, opening.pk])
    client.force_login(conference_officer)
    html = client.get(reverse("governance:session_detail", args=[1])).content.decode()
    assert check_in_url in html and roll_call_url in html
    client.force_login(delegate_a)
    html = client.get(reverse("governance:session_detail", args=[1])).content.decode()
    assert check_in_url not in html and roll_call_url not in html


# --- Queries -------------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_check_in_page_reads_as_many_queries_for_more_check_ins(
    client, opening, conference_officer
):
    client.force_login(conference_officer)
    url = _check_in_url(f"?meeting={opening.pk}")
    for delegation in _states(opening.session, 3):
        check_in(meeting=opening, token=badge_token(delegation.members.get()), by=None)
    _queries(client, url)  # the first request of a session reads a little more
    few = _queries(client, url)
    for delegation in _more_states(opening.session, 30):
        check_in(meeting=opening, token=badge_token(delegation.members.get()), by=None)
    MeetingFactory.create_batch(5, session=opening.session)
    _queries(client, url)  # new rows: the cached user and menus are read again
    assert _queries(client, url) == few


def _more_states(session, count):
    return [
        _delegation(session, OrganisationFactory(slug=f"more-{n}", name_en=f"More {n}"), "P")
        for n in range(count)
    ]


def test_the_roll_call_reads_as_many_queries_for_more_members(client, opening, conference_officer):
    client.force_login(conference_officer)
    url = reverse("governance:roll_call", args=[1, opening.pk])
    for delegation in _states(opening.session, 3):
        check_in(meeting=opening, token=badge_token(delegation.members.get()), by=None)
    _queries(client, url)
    few = _queries(client, url)
    for index, delegation in enumerate(_more_states(opening.session, 30)):
        if index % 2:
            check_in(meeting=opening, token=badge_token(delegation.members.get()), by=None)
    MeetingFactory.create_batch(5, session=opening.session)
    _queries(client, url)  # new rows: the cached user and menus are read again
    assert _queries(client, url) == few
