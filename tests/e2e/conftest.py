"""Browser journeys: Playwright driving Debian's chromium against pytest-django's live server.

Screenshots go to test-artifacts/ (kept by CI). `assert_accessible(page)` runs axe-core in the
page and fails on any serious or critical WCAG 2.2 AA violation.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from tests.factories import (
    AgendaItemFactory,
    AssemblySessionFactory,
    DocumentFactory,
    DocumentFileFactory,
)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "name") saves test-artifacts/<test>-<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def assert_accessible(page):
    """No serious or critical axe-core violation (WCAG 2.0-2.2 A and AA rules) on the page."""
    # Injected through evaluate: the page's CSP does not apply to it (DESIGN.md pitfalls).
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, indent=2)


@pytest.fixture
def register(private_media, host, member_b):
    """The first session's register as a delegate of member A sees it: a members-only budget (in
    English and Arabic, with its files) and member B's restricted document under the same item."""
    session = AssemblySessionFactory(number=1, venue_en="Geneva", venue_ar="جنيف")
    item = AgendaItemFactory(session=session, number="3", title_en="Budget", order=3)
    budget = DocumentFactory(
        symbol="OEC/GA/1/3",
        title_en="Proposed budget",
        title_ar="الميزانية المقترحة",
        access="members",
        session=session,
        agenda_item=item,
        organisation=host,
    )
    DocumentFileFactory(document=budget, language="en", original_filename="budget.pdf")
    DocumentFileFactory(document=budget, language="ar", original_filename="budget-ar.pdf")
    theirs = DocumentFactory(
        symbol="OEC/GA/1/7",
        title_en="Contribution arrangements of Member B",
        access="restricted",
        restricted_to=[member_b],
        session=session,
        agenda_item=item,
        organisation=host,
    )
    DocumentFileFactory(document=theirs, language="en")
    return {"budget": budget, "theirs": theirs}


# live_server needs committed rows (transactional_db); seed_demo puts back what a data
# migration made and the flush after another test removed (partnerships' reference terms).
@pytest.fixture
def demo(transactional_db):
    """The demo site of `make run`."""
    call_command("seed_demo", stdout=io.StringIO())
