import re

import pytest
from django.http import QueryDict
from django.utils.translation import override

from toolbox.facets import KNOWLEDGE_FACETS, TOOL_FACETS, compute, faceted_search, filter_facets, title_key
from toolbox.models import ToolPage

ROWS = {
    1: {"theme": {"funding"}, "difficulty": {"easy"}},
    2: {"theme": {"funding", "digital"}, "difficulty": {"advanced"}},
    3: {"theme": {"digital"}, "difficulty": {"easy"}},
    4: {"difficulty": {"easy"}},
}


def test_without_selection_everything_matches_and_counts_are_totals():
    matching, counts = compute(ROWS, {})
    assert matching == {1, 2, 3, 4}
    assert counts["theme"] == {"funding": 2, "digital": 2}
    assert counts["difficulty"] == {"easy": 3, "advanced": 1}


def test_values_of_one_facet_combine_with_or():
    matching, counts = compute(ROWS, {"theme": {"funding", "digital"}})
    assert matching == {1, 2, 3}
    # A facet's own counts ignore its own selection, so the other values stay reachable.
    assert counts["theme"] == {"funding": 2, "digital": 2}
    assert counts["difficulty"] == {"easy": 2, "advanced": 1}


def test_facets_combine_with_and_and_count_given_the_other_facets():
    matching, counts = compute(ROWS, {"theme": {"funding"}, "difficulty": {"easy"}})
    assert matching == {1}
    assert counts["theme"] == {"funding": 1, "digital": 1}  # among easy items: 1 and 3 (item 4 has no theme)
    assert counts["difficulty"] == {"easy": 1, "advanced": 1}  # among funding items: 1 and 2


def test_a_selection_nobody_has_matches_nothing():
    matching, counts = compute(ROWS, {"theme": {"unknown"}})
    assert matching == set()
    assert counts["difficulty"] == {}
    assert counts["theme"] == {"funding": 2, "digital": 2}


def _search(params):
    queryset = ToolPage.objects.live().order_by("title")
    with override("en"):
        return faceted_search(queryset, TOOL_FACETS, QueryDict(params))


def _counts(result):
    return {group.key: {option.value: option.count for option in group.options} for group in result.groups}


@pytest.mark.django_db
def test_two_facets_on_real_pages_return_the_right_items_with_the_right_counts(tools):
    result = _search("theme=funding&difficulty=easy")
    assert [tool.title for tool in result.items] == ["Budget"]
    counts = _counts(result)
    assert counts["theme"] == {"funding": 1, "digital-tools": 1}
    assert counts["difficulty"] == {"easy": 1, "advanced": 1}
    assert counts["audience"] == {"board": 1}
    assert counts["duration"] == {"short": 1}
    assert [(f.key, f.label) for f in result.active_filters] == [("theme", "Financement"), ("difficulty", "Easy")]
    # Removing one filter keeps the other and the URL state.
    assert result.active_filters[0].remove_query == "?difficulty=easy"
    assert result.active_filters[1].remove_query == "?theme=funding"


@pytest.mark.django_db
def test_or_within_a_facet_and_with_a_third_facet(tools):
    result = _search("theme=funding&theme=digital-tools&audience=volunteers")
    assert sorted(tool.title for tool in result.items) == ["Agenda partagé", "Crowdfunding"]
    counts = _counts(result)
    assert counts["theme"] == {"funding": 1, "digital-tools": 2}
    assert counts["audience"] == {"board": 2, "volunteers": 2}
    assert counts["difficulty"] == {"easy": 1, "advanced": 1}


@pytest.mark.search
@pytest.mark.django_db
def test_text_search_combines_with_facets(tools):
    result = _search("q=Crowdfunding&difficulty=easy")
    assert result.items == []
    assert _counts(result)["difficulty"] == {"easy": 0, "advanced": 1}  # the chosen value stays, to be unchecked
    result = _search("q=Crowdfunding")
    assert [tool.title for tool in result.items] == ["Crowdfunding"]
    assert result.state_query == "q=Crowdfunding"


@pytest.mark.django_db
def test_unknown_or_hostile_values_are_ignored(tools):
    result = _search("theme=<script>&difficulty=impossible&page=abc")
    assert result.selected == {"theme": [], "audience": [], "duration": [], "difficulty": []}
    assert len(result.items) == 4
    assert not result.is_filtered


@pytest.mark.django_db
def test_the_listing_is_filtered_through_the_filtersets_which_drop_refused_values(tools):
    selected = {"theme": ["no-such-theme", "funding"], "audience": [], "duration": [], "difficulty": ["hard", "easy"]}
    items = filter_facets(ToolPage.objects.live().order_by("title"), TOOL_FACETS, selected)
    assert [tool.title for tool in items] == ["Budget"]
    assert selected == {"theme": ["funding"], "audience": [], "duration": [], "difficulty": ["easy"]}
    # The repository's facets name the API's parameters where the page's differ.
    assert [facet.filter_name for facet in KNOWLEDGE_FACETS] == ["item_type", "theme", "year", "document_language"]


@pytest.mark.django_db
def test_index_page_renders_facets_with_counts_and_keeps_the_state(client, tools):
    response = client.get("/fr/boite-a-outils/?theme=funding&difficulty=easy")
    html = response.content.decode()
    assert response.status_code == 200
    results = html[html.index('class="faceted-results"') :]
    assert re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', results) == ["Budget"]
    assert '<p class="result-count" role="status">1 fiche</p>' in html
    # Each facet is a fieldset with a legend; selected values stay checked; counts are read out.
    assert re.search(r"<fieldset class=\"facet\" id=\"facet-theme\">\s*<legend>Thème</legend>", html)
    assert re.search(r'name="theme" value="funding" checked>', html)
    assert re.search(r'name="difficulty" value="easy" checked>', html)
    assert re.search(
        r'value="digital-tools">\s*<label[^>]*>Outils numériques\s*<span class="facet-count" aria-hidden="true">1</span>'
        r'\s*<span class="visually-hidden">\(1 résultat\)</span>',
        html,
    )
    assert 'href="?difficulty=easy"' in html  # removes the theme filter, keeps the other


@pytest.mark.django_db
def test_index_without_filters_groups_tools_by_theme(client, tools):
    html = client.get("/fr/boite-a-outils/").content.decode()
    headings = re.findall(r'<h2 id="theme-\d+">(?:<a href="([^"]+)">)?([^<]+)', html)
    assert headings == [
        ("?theme=funding", "Financement"),
        ("?theme=digital-tools", "Outils numériques"),
        ("", "Autres fiches"),
    ]
    assert html.count("Crowdfunding</a>") == 2  # under both of its themes


def test_titles_sort_without_regard_to_accents_or_case():
    from types import SimpleNamespace

    titles = ["World café", "Élection sans candidat", "agenda partagé", "Forum ouvert"]
    pages = sorted((SimpleNamespace(title=title) for title in titles), key=title_key)
    assert [page.title for page in pages] == ["agenda partagé", "Élection sans candidat", "Forum ouvert", "World café"]
