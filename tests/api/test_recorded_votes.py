"""Recorded votes as open data in the API: one row per public decision and member state, with
the filters the schema declares, nested on each decision too, in a flat number of queries."""

import datetime

from tests.factories import DecisionFactory, OrganisationFactory, VoteFactory


def test_votes_list_the_recorded_votes_of_public_decisions_only(client, open_data):
    rows = client.get("/api/votes/").json()["results"]
    assert rows == [
        {
            "decision": "OEC/GA/1/RES/1",
            "session": 1,
            "adopted_on": "2021-12-08",
            "member": "djibouti",
            "member_name": "Djibouti",
            "country": "DJ",
            "vote": "yes",
            "decision_url": "http://testserver/en/decisions/OEC-GA-1-RES-1/",
        },
        {
            "decision": "OEC/GA/1/RES/1",
            "session": 1,
            "adopted_on": "2021-12-08",
            "member": "ecuador",
            "member_name": "Ecuador",
            "country": "EC",
            "vote": "no",
            "decision_url": "http://testserver/en/decisions/OEC-GA-1-RES-1/",
        },
    ]


def test_a_guessed_id_of_a_vote_on_a_non_public_decision_is_not_found(client, open_data):
    from governance.models import Vote

    hidden = Vote.objects.get(decision__symbol="OEC/GA/1/RES/2")
    assert client.get(f"/api/votes/{hidden.pk}/").status_code == 404


def test_votes_filter_by_decision_member_session_and_vote(client, open_data):
    def members(query):
        return [row["member"] for row in client.get("/api/votes/", query).json()["results"]]

    assert members({"decision": "OEC/GA/1/RES/1"}) == ["djibouti", "ecuador"]
    assert members({"decision": "OEC/GA/1/RES/2"}) == []  # not public
    assert members({"member": "ecuador"}) == ["ecuador"]
    assert members({"vote": "no"}) == ["ecuador"]
    assert members({"session": "1"}) == ["djibouti", "ecuador"]
    assert members({"session": "2"}) == []
    assert client.get("/api/votes/", {"vote": "maybe"}).status_code == 400


def test_a_decision_carries_its_recorded_votes(client, open_data):
    decisions = {row["symbol"]: row for row in client.get("/api/decisions/").json()["results"]}
    assert decisions["OEC/GA/1/RES/1"]["recorded_votes"] == [
        {"member": "djibouti", "member_name": "Djibouti", "country": "DJ", "vote": "yes"},
        {"member": "ecuador", "member_name": "Ecuador", "country": "EC", "vote": "no"},
    ]
    assert decisions["OEC/GA/1/DEC/1"]["recorded_votes"] == []


def test_votes_and_decisions_api_query_counts_stay_flat(client, db, django_assert_max_num_queries):
    states = [OrganisationFactory(slug=f"state-{n:02d}") for n in range(12)]
    for number in range(5):
        decision = DecisionFactory(
            symbol=f"OEC/GA/1/RES/{number + 1}",
            adopted_on=datetime.date(2021, 12, 8),
            adoption_method="vote",
            votes_yes=12,
            votes_no=0,
            votes_abstain=0,
        )
        for state in states:
            VoteFactory(decision=decision, organisation=state)
    with django_assert_max_num_queries(3):
        votes = client.get("/api/votes/")
    assert votes.json()["count"] == 60
    with django_assert_max_num_queries(4):
        decisions = client.get("/api/decisions/")
    assert [len(row["recorded_votes"]) for row in decisions.json()["results"]] == [12] * 5
