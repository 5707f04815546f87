"""Search engines read what a page is about from its schema.org JSON-LD: the Organisation on the
home page, a NewsArticle on each article, an Event on each assembly session. The JSON-LD is
data the CSP lets be, that no title can break out of, and that the page cache may keep."""

import datetime
import json
import re

import pytest
import time_machine

from tests.factories import ArticleFactory, AssemblySessionFactory

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    """The JSON-LD objects of a page, parsed."""
    assert response.status_code == 200
    return [json.loads(text) for text in LD_JSON.findall(response.content.decode())]


def test_the_home_page_describes_the_organisation(client, db):
    [organisation] = json_ld(client.get("/en/"))
    assert organisation["@context"] == "https://schema.org"
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == "Organisation of Educational Cooperation"
    assert organisation["alternateName"] == "OEC"
    assert organisation["url"] == "http://testserver/en/"
    assert organisation["logo"] == {
        "@type": "ImageObject",
        "url": "http://testserver/static/img/icon-512.png",
    }
    assert organisation["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Geneva",
        "addressCountry": "CH",
    }
    assert organisation["foundingDate"] == "2020-01-29"
    assert organisation["foundingLocation"] == {
        "@type": "Place",
        "name": "Djibouti",
        "address": {"@type": "PostalAddress", "addressCountry": "DJ"},
    }
    assert "sameAs" not in organisation  # the Organisation has no other address on the web yet


def test_the_organisation_is_named_in_the_pages_language(client, db):
    [organisation] = json_ld(client.get("/ar/"))
    assert organisation["name"] == "منظمة التعاون التربوي"
    assert organisation["address"]["addressLocality"] == "جنيف"
    assert organisation["url"] == "http://testserver/ar/"


@pytest.fixture
def article(member_a):
    with time_machine.travel(datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC), tick=False):
        return ArticleFactory(
            organisation=member_a,
            slug="school-fair",
            title_en="A school fair",
            summary_en="Pupils of ten countries.",
            publish_at=datetime.datetime(2026, 5, 4, 7, 30, tzinfo=datetime.UTC),
            image_large=f"news/{member_a.pk}/fair-large.jpg",
            image_alt_en="Pupils at their stands",
        )


def test_an_article_is_a_news_article(client, article):
    [news] = json_ld(client.get("/en/news/school-fair/"))
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "A school fair"
    assert news["description"] == "Pupils of ten countries."
    # In Geneva's time, with its offset (summer time in May).
    assert news["datePublished"] == "2026-05-04T09:30:00+02:00"
    assert news["dateModified"] == "2026-05-04T10:00:00+02:00"
    assert news["image"] == [f"http://testserver{article.image_large.url}"]
    assert news["author"] == {
        "@type": "Organization",
        "name": "Member A",
        "url": "http://testserver/en/members/member-a/",
    }
    assert news["publisher"]["@type"] == "Organization"
    assert news["publisher"]["name"] == "Organisation of Educational Cooperation"
    assert news["publisher"]["logo"]["url"] == "http://testserver/static/img/icon-512.png"
    assert news["inLanguage"] == "en"
    assert news["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "http://testserver/en/news/school-fair/",
    }


def test_an_article_shown_in_english_on_a_spanish_page_says_so(client, article):
    [news] = json_ld(client.get("/es/news/school-fair/"))
    assert news["inLanguage"] == "en"  # no Spanish text: the page shows the English one
    assert news["mainEntityOfPage"]["@id"] == "http://testserver/es/news/school-fair/"


def test_a_title_cannot_close_the_json_ld_element(client, member_a):
    title = '</script><script>alert("x")</script> & <b>'
    ArticleFactory(organisation=member_a, slug="hostile", title_en=title)
    response = client.get("/en/news/hostile/")
    html = response.content.decode()
    assert "<script>alert" not in html
    [news] = json_ld(response)
    assert news["headline"] == title
    element = LD_JSON.search(html).group(1)
    assert "<" not in element and ">" not in element and "&" not in element


def test_a_session_is_an_event_held_at_its_venue(client, db):
    AssemblySessionFactory(
        number=1,
        venue_en="Geneva, Switzerland",
        venue_ar="جنيف، سويسرا",
        description_en="The first ordinary session.",
    )
    [event] = json_ld(client.get("/en/assembly/1/"))
    assert event["@type"] == "Event"
    assert event["name"] == "General Assembly, session 1"
    assert (event["startDate"], event["endDate"]) == ("2021-12-06", "2021-12-08")
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place",
        "name": "Geneva, Switzerland",
        "address": "Geneva, Switzerland",
    }
    assert event["organizer"]["name"] == "Organisation of Educational Cooperation"
    assert event["organizer"]["url"] == "http://testserver/en/"
    assert event["inLanguage"] == "en"
    assert event["description"] == "The first ordinary session."
    assert event["url"] == "http://testserver/en/assembly/1/"

    [event] = json_ld(client.get("/ar/assembly/1/"))
    assert event["location"]["name"] == "جنيف، سويسرا"
    assert event["inLanguage"] == "ar"


def test_pages_without_a_thing_to_describe_have_no_json_ld(client, db):
    assert json_ld(client.get("/en/members/")) == []


def test_a_page_with_json_ld_is_kept_by_the_page_cache_and_its_csp_has_no_nonce(
    client, db, settings, django_assert_num_queries
):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 300
    first = client.get("/en/")
    assert "'nonce-" not in first["Content-Security-Policy"]
    with django_assert_num_queries(0):
        second = client.get("/en/")
    assert second["X-Page-Cache"] == "hit"
    assert json_ld(second) == json_ld(first)


def test_a_session_with_meetings_starts_and_ends_at_their_times_in_the_venues_zone(client, db):
    from tests.factories import MeetingFactory

    session = AssemblySessionFactory(
        number=1,
        time_zone="Europe/Paris",
        start_date=datetime.date(2027, 3, 26),
        end_date=datetime.date(2027, 3, 29),
    )
    MeetingFactory(session=session, date=datetime.date(2027, 3, 26))
    MeetingFactory(
        session=session,
        date=datetime.date(2027, 3, 29),
        start_time=datetime.time(15),
        end_time=datetime.time(18, 30),
    )
    [event] = json_ld(client.get("/en/assembly/1/"))
    # Paris changes to summer time on 28 March 2027: the offsets differ.
    assert (event["startDate"], event["endDate"]) == (
        "2027-03-26T10:00:00+01:00",
        "2027-03-29T18:30:00+02:00",
    )
