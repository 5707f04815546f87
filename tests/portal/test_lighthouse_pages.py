"""`make lighthouse` (tools/lighthouse.py) scores the public pages on the demo data: every page
of its list answers a visitor 200 in each language it runs, so that a renamed demo article or
document shows here, not as a failed Lighthouse run ten minutes later."""

from django.core.management import call_command

from tools.lighthouse import LANGUAGES, PAGES


def test_every_page_lighthouse_scores_answers_a_visitor_on_the_demo_data(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    answers = {
        path.format(lang=language): client.get(path.format(lang=language)).status_code
        for _name, path in PAGES
        for language in LANGUAGES
    }

    assert answers == {path: 200 for path in answers}
    assert len(answers) == 18
