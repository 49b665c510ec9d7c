import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_filter_the_toolbox_by_two_facets_then_open_a_tool(browser_page, tools):
    page = browser_page
    page.goto("/fr/boite-a-outils/")
    assert page.locator(".result-count").inner_text() == "4 fiches"

    page.get_by_role("group", name="Thème").get_by_label(re.compile(r"^Financement")).check()
    page.wait_for_url(re.compile(r"theme=funding"))
    assert page.locator(".result-count").inner_text() == "2 fiches"

    page.get_by_role("group", name="Difficulté").get_by_label(re.compile(r"^Facile")).check()
    page.wait_for_url(re.compile(r"theme=funding.*difficulty=easy|difficulty=easy.*theme=funding"))
    assert page.locator(".result-count").inner_text() == "1 fiche"
    assert page.get_by_role("group", name="Thème").get_by_label(re.compile(r"^Financement")).is_checked()
    cards = page.locator(".faceted-results .card-title")
    assert cards.all_inner_texts() == ["Budget"]
    # The difficulty facet counts the funding sheets: one easy, one advanced.
    assert page.get_by_role("group", name="Difficulté").get_by_label(re.compile(r"^Avancé")).count() == 1

    cards.get_by_role("link", name="Budget").click()
    page.wait_for_url("**/boite-a-outils/budget/")
    assert page.get_by_role("heading", level=1).inner_text() == "Budget"
    assert page.get_by_text("Fiche Budget").count() == 1

    page.go_back()
    page.get_by_role("link", name=re.compile(r"^Thème : Financement")).click()
    page.wait_for_url(re.compile(r"\?difficulty=easy$"))
    assert page.locator(".result-count").inner_text() == "3 fiches"


def test_on_a_phone_the_filters_fold_away_and_open_on_demand(browser_page, tools):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/fr/boite-a-outils/")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    theme_group = page.get_by_role("group", name="Thème")
    assert not theme_group.is_visible()
    page.get_by_text("Afficher ou masquer la recherche et les filtres").click()
    theme_group.get_by_label(re.compile(r"^Outils numériques")).check()
    page.wait_for_url(re.compile(r"theme=digital-tools"))
    # With a filter in use the panel stays open, so the reader sees what is applied.
    assert page.get_by_role("group", name="Thème").is_visible()
    assert page.locator(".result-count").inner_text() == "2 fiches"
