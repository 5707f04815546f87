"""Text shown in English on another language's page is marked as English (WCAG 3.1.2)."""

from django.urls import reverse

from tests.factories import TeamMemberFactory


def test_microsite_marks_english_fallback_and_not_translated_text(client, member_a):
    member_a.summary_en = "A member state of the Organisation."
    member_a.summary_ar = ""
    member_a.save(update_fields=["summary_en", "summary_ar"])
    TeamMemberFactory(
        organisation=member_a, name="Amina", role_title_en="Director", role_title_ar="مديرة"
    )
    html = client.get(reverse("members:microsite", args=["member-a"]).replace("/en/", "/ar/"))
    html = html.content.decode()
    assert '<p class="lead" lang="en" dir="ltr">A member state of the Organisation.</p>' in html
    assert '<p class="team-role">مديرة</p>' in html


def test_nothing_is_marked_in_english_pages(client, member_a):
    member_a.summary_en = "A member state."
    member_a.save(update_fields=["summary_en"])
    html = client.get(reverse("members:microsite", args=["member-a"])).content.decode()
    assert '<p class="lead">A member state.</p>' in html
