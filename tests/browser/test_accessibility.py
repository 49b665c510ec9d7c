"""axe-core (vendored in tests/vendor/axe-core) in Debian's Chromium over the main page of every app, in French and
Dutch: no serious or critical violation; and every page fits a 360 px wide phone without horizontal scrolling."""

from pathlib import Path

import pytest

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.discussions.models import TopicIndexPage
from incommon_cms.ecosystem.models import EcosystemPage
from toolbox.factories import (
    KnowledgeIndexPageFactory,
    KnowledgeItemPageFactory,
    ToolboxIndexPageFactory,
    ToolPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = (Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js").read_text()
BLOCKING = {"serious", "critical"}


def published(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def site_pages(homes):
    """One page of each kind in fr and nl; returns {language: [urls]}."""
    fr = homes["fr"]
    directory = DirectoryIndexPageFactory(parent=fr)
    profile = published(
        AlternativePageFactory(
            parent=directory, title="Repair Café Ixelles", short_description="On répare ensemble.", postcode="1050"
        )
    )
    toolbox = ToolboxIndexPageFactory(parent=fr)
    tool = published(ToolPageFactory(parent=toolbox, title="Animer une assemblée"))
    knowledge = KnowledgeIndexPageFactory(parent=fr)
    item = published(KnowledgeItemPageFactory(parent=knowledge, title="Guide des communs"))
    agenda = AgendaIndexPageFactory(parent=fr)
    event = published(EventPageFactory(parent=agenda, title="Repair café du samedi"))
    topics = TopicIndexPage(title="Espace de partage", slug="espace-de-partage")
    fr.add_child(instance=topics)
    published(topics)
    ecosystem = EcosystemPage(title="Écosystème", slug="ecosysteme")
    fr.add_child(instance=ecosystem)
    published(ecosystem)
    pages = [directory, profile, toolbox, tool, knowledge, item, agenda, event, topics, ecosystem]
    urls = {"fr": ["/fr/"] + [page.url for page in pages]}
    urls["nl"] = ["/nl/"] + [translation(page, "nl").url for page in pages]
    for language in ("fr", "nl"):
        urls[language] += [
            f"/{language}/accounts/login/",
            f"/{language}/accounts/signup/",
        ]
    from django.urls import reverse
    from django.utils import translation as i18n

    for language in ("fr", "nl"):
        with i18n.override(language):
            urls[language] += [
                reverse("search") + "?q=repair",
                reverse("governance:overview"),
                reverse("governance:log"),
            ]
    return urls


def axe_violations(page):
    page.add_script_tag(content=AXE)
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)}))"
    )
    return [violation for violation in results if violation["impact"] in BLOCKING]


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_main_pages_have_no_serious_accessibility_violation_and_fit_a_phone(
    _browser, live_server, site_pages, language
):
    context = _browser.new_context(
        base_url=live_server.url, locale=f"{language}-BE", bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = {}
    try:
        for url in site_pages[language]:
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(url)
            assert response.status == 200, url
            violations = axe_violations(page)
            if violations:
                problems[url] = violations
            page.set_viewport_size({"width": 360, "height": 740})
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.setdefault(url, []).append({"id": "horizontal-scroll-at-360px", "overflow": overflow})
    finally:
        context.close()
    assert not problems, problems
