"""The demo data gives the school-cooperation association a website, a team and join requests."""

from members import demo
from members.models import JoinRequest, TeamMember


def _snapshot():
    team = list(
        TeamMember.objects.order_by("pk").values_list(
            "pk", "organisation__slug", "name", "order", "role_title_en", "role_title_fr"
        )
    )
    requests_ = list(
        JoinRequest.objects.order_by("pk").values_list("pk", "organisation__slug", "email")
    )
    return team, requests_


def test_seeding_twice_gives_the_same_team_and_requests(db):
    demo.seed()
    first = _snapshot()
    demo.seed()
    assert _snapshot() == first
    assert len(first[0]) == 2
    assert len(first[1]) == 2


def test_occe_team_is_in_english_and_french(db):
    organisations, _users = demo.seed()
    occe = organisations["occe"]
    occe.refresh_from_db()
    assert occe.website == "https://occe.coop/"
    team = list(TeamMember.objects.of(occe))
    assert [(p.name, p.role_title_en, p.role_title_fr) for p in team] == [
        ("Maha Madu", "Organisation Director", "Directrice de l'organisation"),
        ("Claire Dupont", "Programme Coordinator", "Coordinatrice des programmes"),
    ]
    assert all(p.biography_en and p.biography_fr for p in team)
    assert {r.organisation.slug for r in JoinRequest.objects.all()} == {"occe"}
