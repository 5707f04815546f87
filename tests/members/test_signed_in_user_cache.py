"""The signed-in user and their memberships are kept in the cache between requests (issue 9).

Every request of a member needs them, and they cost more than the rest of a typical page. They
are kept until the content generation changes, so every change to an account or to who belongs
where counts at the very next request: a deactivated or deleted account, a changed password, a
revoked or a new membership. Other users' changes are never mixed in: the key is the user's id.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Membership, Role
from members.permissions import memberships_of

DASHBOARD = reverse("dashboard")
PEOPLE = reverse("members:people")


def _tables_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, " ".join(q["sql"] for q in queries.captured_queries)


def test_a_second_request_reads_neither_the_user_nor_the_memberships(client, delegate_a):
    client.force_login(delegate_a)
    _response, first = _tables_read(client, DASHBOARD)
    assert '"members_user"' in first and '"members_membership"' in first
    response, second = _tables_read(client, DASHBOARD)
    assert response.status_code == 200
    assert '"members_user"' not in second
    assert '"members_membership"' not in second


def test_the_user_is_kept_with_their_memberships(client, delegate_a, member_a):
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    response = client.get(DASHBOARD)
    user = response.wsgi_request.user
    assert user.pk == delegate_a.pk
    assert memberships_of(user) == {member_a.pk: (Role.DELEGATE, member_a.kind)}


def test_a_deactivated_account_is_signed_out_at_the_next_request(client, delegate_a):
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    delegate_a.is_active = False
    delegate_a.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_deleted_account_is_signed_out_at_the_next_request(client, delegate_a):
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    delegate_a.delete()
    assert client.get(DASHBOARD).status_code == 302


def test_a_changed_password_signs_out_the_other_sessions_at_once(client, delegate_a):
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    delegate_a.set_password("another-long-passphrase-2026")
    delegate_a.save()
    assert client.get(DASHBOARD).status_code == 302


def test_a_revoked_membership_counts_at_the_next_request(client, focal_a):
    client.force_login(focal_a)
    assert client.get(PEOPLE).status_code == 200
    membership = Membership.objects.get(user=focal_a)
    membership.role = Role.DELEGATE
    membership.save()
    assert client.get(PEOPLE).status_code == 403


def test_a_new_membership_counts_at_the_next_request(client, delegate_a, member_b):
    client.force_login(delegate_a)
    assert member_b.name not in client.get(DASHBOARD).content.decode()
    Membership.objects.create(user=delegate_a, organisation=member_b, role=Role.DELEGATE)
    assert member_b.name in client.get(DASHBOARD).content.decode()


def test_a_renamed_organisation_shows_on_the_dashboard_at_once(client, delegate_a, member_a):
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    member_a.name_en = "Member A, renamed"
    member_a.save()
    assert "Member A, renamed" in client.get(DASHBOARD).content.decode()


def test_two_users_never_share_what_is_kept(client, delegate_a, focal_b, member_a, member_b):
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    client.force_login(focal_b)
    client.get(DASHBOARD)
    page = client.get(DASHBOARD)
    assert page.wsgi_request.user.pk == focal_b.pk
    assert member_b.name in page.content.decode()
    assert member_a.name not in page.content.decode()
    assert client.get(PEOPLE).status_code == 200


def test_with_the_fragment_cache_off_every_request_reads_the_user(client, settings, delegate_a):
    settings.OEC_FRAGMENT_CACHE_SECONDS = 0
    client.force_login(delegate_a)
    client.get(DASHBOARD)
    _response, second = _tables_read(client, DASHBOARD)
    assert '"members_user"' in second


def test_a_sign_in_is_not_undone_by_a_later_save_of_the_remembered_user(client, delegate_a):
    client.force_login(delegate_a)
    client.get(DASHBOARD)  # remembered, with this sign-in's last_login
    client.logout()
    client.force_login(delegate_a)  # a later sign-in
    signed_in_at = type(delegate_a).objects.get(pk=delegate_a.pk).last_login
    user = client.get(DASHBOARD).wsgi_request.user
    user.first_name = "Renamed"
    user.save()  # a full save, as a profile or password form makes
    assert type(delegate_a).objects.get(pk=delegate_a.pk).last_login == signed_in_at
