"""Every page stays within 12 SQL queries, whatever the data size (issue 9).

The data set has the benchmark's shape (tests/perf/conftest.py): with 60 documents, 40
articles and 30 partners on the pages, a query per row would show at once. Each page is read
by an anonymous visitor and by a delegate of member A, as the benchmark does.
"""

import pytest
from django.urls import reverse

QUERY_BUDGET = 12
# The public lists rebuilt after each edit (issue 19) keep a tighter budget, for the visitor:
# no COUNT of the news, no per-card query, the menu read once.
ANONYMOUS_BUDGETS = {
    "home": 5,  # figures, latest news, next session, featured members, menu
    "news list": 3,  # the page's articles (and one more), the archive's years, menu
    "directory": 3,  # count, page, menu
    # the page with its count and its cards' fields of competence, the filter's fields and
    # areas, menu
    "partners, filtered": 4,
    "partner search": 4,
}


# The data set's cast (tests/perf/conftest.py), for the tests that ask for them by name.
@pytest.fixture
def host(large_shape):
    return large_shape["host"]


@pytest.fixture
def member_a(large_shape):
    return large_shape["member_a"]


@pytest.fixture
def member_b(large_shape):
    return large_shape["member_b"]


@pytest.fixture
def delegate_a(large_shape):
    return large_shape["delegate_a"]


def _urls(data):
    documents = data["documents"]
    public = next(d for d in documents if d.access == "public" and d.files.exists())
    restricted = next(d for d in documents if d.access == "restricted")
    return {
        "home": reverse("home"),
        "news list": reverse("news:list"),
        "article": data["articles"][0].get_absolute_url(),
        "directory": reverse("members:directory"),
        "microsite": reverse("members:microsite", kwargs={"slug": data["members"][0].slug}),
        "partners, filtered": reverse("partnerships:list") + "?region=africa",
        "partner search": reverse("partnerships:list") + "?q=education",
        "dashboard": reverse("dashboard"),
        "document register": reverse("governance:document_list"),
        "document register, filtered": reverse("governance:document_list")
        + f"?session={data['sessions'][1].number}&language=fr",
        "public document": public.get_absolute_url(),
        "restricted document": restricted.get_absolute_url(),
        "public download": public.files.get(language="en").get_absolute_url(),
        "restricted download": restricted.files.get(language="en").get_absolute_url(),
        "site search": reverse("search") + "?q=document",
    }


PAGES = [
    "home",
    "news list",
    "article",
    "directory",
    "microsite",
    "partners, filtered",
    "partner search",
    "dashboard",
    "document register",
    "document register, filtered",
    "public document",
    "restricted document",
    "public download",
    "restricted download",
    "site search",
]
# What each viewer gets: the delegate of member A may read member A's restricted documents;
# a visitor is sent to sign in for the dashboard and gets 404 for a restricted document.
ANONYMOUS_STATUS = {"dashboard": 302, "restricted document": 404, "restricted download": 404}


@pytest.mark.parametrize("page", PAGES)
def test_page_within_query_budget_when_anonymous(
    client, large_shape, page, django_assert_max_num_queries
):
    url = _urls(large_shape)[page]

    with django_assert_max_num_queries(ANONYMOUS_BUDGETS.get(page, QUERY_BUDGET)):
        response = client.get(url)

    assert response.status_code == ANONYMOUS_STATUS.get(page, 200)


@pytest.mark.parametrize("page", PAGES)
def test_page_within_query_budget_when_delegate(
    client, large_shape, delegate_a, page, django_assert_max_num_queries
):
    url = _urls(large_shape)[page]
    client.force_login(delegate_a)

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)

    assert response.status_code == 200


def test_register_lists_a_full_page_within_budget_when_delegate(
    client, large_shape, delegate_a, django_assert_max_num_queries
):
    # 48 of the 60 documents are visible to member A's delegate (not the secretariat's 12).
    client.force_login(delegate_a)

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(reverse("governance:document_list"))

    page = response.context["page"]
    assert page.paginator.count == 48
    assert len(page.object_list) == 30


def test_dashboard_lists_new_documents_within_budget_on_first_visit(
    client, large_shape, delegate_a, django_assert_max_num_queries
):
    client.force_login(delegate_a)

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(reverse("dashboard"))

    summary = response.context["governance"]
    assert summary.next_session == large_shape["upcoming"]
    assert summary.delegation.get_status_display() == "Submitted"
    assert len(summary.new_documents) == 10
    assert summary.new_documents_count == 48


def test_dashboard_acts_for_the_organisation_chosen_in_the_session(
    client, large_shape, delegate_a, member_a, member_b, django_assert_max_num_queries
):
    # The acting organisation comes from the memberships the dashboard lists anyway.
    from members.models import Role
    from members.services import ACTING_ORGANISATION_SESSION_KEY, membership_grant

    membership_grant(user=delegate_a, organisation=member_b, role=Role.DELEGATE)
    client.force_login(delegate_a)
    session = client.session
    session[ACTING_ORGANISATION_SESSION_KEY] = member_b.pk
    session.save()

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(reverse("dashboard"))

    assert response.context["organisation"] == member_b
    body = response.content.decode()
    assert f'<option value="{member_b.pk}" selected>Member B</option>' in body
    assert f'<option value="{member_a.pk}">Member A</option>' in body
    assert {m.organisation for m in response.context["memberships"]} == {member_a, member_b}
    # Member A registered a delegation to the next session; member B did not.
    assert response.context["governance"].delegation is None


# What a delegate's later visits ask of the database (issue 19): the session, the user with
# their memberships, the acting organisation and the pages' shared parts come from the cache;
# the dashboard, the register and the search come whole from members.private_page_cache; a
# download writes its audit row and nothing else.
LATER_VISIT_QUERIES = {
    "dashboard": 0,
    "document register": 0,
    "document register, filtered": 0,
    "site search": 0,
    "restricted download": 1,
}


@pytest.mark.parametrize("page", LATER_VISIT_QUERIES)
def test_later_visits_of_a_delegate_ask_only_what_they_must(
    client, large_shape, delegate_a, page, django_assert_num_queries
):
    url = _urls(large_shape)[page]
    client.force_login(delegate_a)
    client.get(url)  # reads the shared parts (and the dashboard's last visit)
    client.get(url)  # drawn from them alone

    with django_assert_num_queries(LATER_VISIT_QUERIES[page]):
        response = client.get(url)

    assert response.status_code == 200


def test_a_later_download_through_the_spool_asks_nothing_of_the_database(
    client, large_shape, delegate_a, settings, tmp_path, monkeypatch, django_assert_num_queries
):
    # Production's download (OEC_DOWNLOAD_AUDIT_SPOOL): the audit row goes to the spool file,
    # the database hears of it with the next batch (members/download_spool.py).
    from members import download_spool

    settings.OEC_DOWNLOAD_AUDIT_SPOOL = str(tmp_path)
    monkeypatch.setattr(download_spool, "LOAD_IN_BACKGROUND", False)
    url = _urls(large_shape)["restricted download"]
    client.force_login(delegate_a)
    client.get(url)

    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 200
    with django_assert_num_queries(1):
        download_spool.flush()


# A public page rebuilt after an edit reads again only what the edit may have changed (issue
# 19): its parts that show other models' rows stay kept (content_cache.cached_until_rows_change).
REBUILT_AFTER_AN_EDIT = {
    ("home", "article"): 1,  # the latest news
    ("home", "next session"): 1,  # the next session
    # the key figures and the featured members, and the latest news (their cards name their
    # organisations)
    ("home", "member"): 3,
    # the page with its count; the filter's fields of competence and areas stay kept
    ("partners, filtered", "partner"): 1,
}


def _edit(data, what):
    row, field = {
        "article": (data["articles"][0], "title_en"),
        "next session": (data["upcoming"], "venue_en"),
        "member": (data["members"][0], "summary_en"),
        "partner": (data["partners"][0], "description_en"),
    }[what]
    setattr(row, field, f"{getattr(row, field)} (edited)")
    row.save(update_fields=[field])


@pytest.mark.parametrize(("page", "edited"), REBUILT_AFTER_AN_EDIT)
def test_a_page_rebuilt_after_an_edit_reads_only_what_the_edit_changed(
    client, large_shape, page, edited, django_assert_num_queries
):
    url = _urls(large_shape)[page]
    client.get(url)
    _edit(large_shape, edited)

    with django_assert_num_queries(REBUILT_AFTER_AN_EDIT[page, edited]):
        response = client.get(url)

    assert response.status_code == 200
