import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils.translation import override
from wagtail.models import Page

from incommon_cms.core.demo_loader import DemoContext, demo_files, load_demo_files
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from toolbox.factories import DocumentFactory, KnowledgeItemPageFactory, ToolPageFactory
from toolbox.models import (
    KnowledgeAttachment,
    KnowledgeAuthor,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    ToolboxIndexPage,
    ToolContributor,
    ToolPage,
    ToolRelatedTool,
    ToolTheme,
)
from toolbox.pdf import simple_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def alternative(home_fr):
    return AlternativePageFactory(parent=DirectoryIndexPageFactory(parent=home_fr), title="Communa", slug="communa")


def _main(html):
    return html[html.index("<main") : html.index("</main>")]


def test_tool_sheet_shows_its_facts_steps_checklist_contributors_and_licence(
    client, toolbox_index, themes, alternative
):
    other = ToolPageFactory(parent=toolbox_index, title="Météo d'entrée", summary="Un tour de parole.")
    tool = ToolPageFactory(
        parent=toolbox_index,
        title="Décision par consentement",
        summary="Décider sans objection argumentée.",
        themes=[themes["communication"]],
        audience=["everyone", "facilitators"],
        group_size="medium",
        duration="medium",
        difficulty="intermediate",
        prerequisites="Une proposition écrite.",
        licence="CC-BY-SA-4.0",
        source="Adapté de la sociocratie",
        body=[
            {
                "type": "steps",
                "value": {
                    "heading": "Étapes",
                    "steps": [
                        {"title": "Présenter", "text": "", "duration": "5 min"},
                        {"title": "Objections", "text": "", "duration": ""},
                    ],
                },
            },
            {"type": "checklist", "value": {"heading": "Avant", "items": ["Une salle", "Un facilitateur"]}},
        ],
        related_tool_links=[ToolRelatedTool(tool=other)],
        contributors=[ToolContributor(alternative=alternative)],
    )
    html = _main(client.get(tool.url).content.decode())
    assert "<h1>Décision par consentement</h1>" in html
    assert re.search(r"<dt>Public</dt><dd>Tout le monde, Animateurs et animatrices</dd>", html)
    assert "<dt>Difficulté</dt><dd>Intermédiaire</dd>" in html
    assert re.search(r'<ol class="steps">.*Présenter <span class="meta">\(5 min\)</span>.*Objections', html, re.S)
    assert re.search(r'<ul class="checklist"[^>]*>\s*<li>Une salle</li><li>Un facilitateur</li>', html)
    assert '<a href="/fr/carte/communa/">Communa</a>' in html
    assert "Météo d&#x27;entrée</a>" in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>' in html
    assert 'href="/fr/boite-a-outils/?theme=communication">Communication</a>' in html


def test_profile_lists_the_tools_and_knowledge_of_its_alternative(client, toolbox_index, knowledge_index, alternative):
    ToolPageFactory(
        parent=toolbox_index, title="Tableau de rôles", contributors=[ToolContributor(alternative=alternative)]
    )
    ToolPageFactory(parent=toolbox_index, title="Fiche d'un autre collectif")
    KnowledgeItemPageFactory(
        parent=knowledge_index, title="Récit de Communa", authors=[KnowledgeAuthor(alternative=alternative)]
    )
    html = _main(client.get(alternative.url).content.decode())
    tools = html[html.index("profile-tools") :]
    assert "Tableau de rôles</a>" in tools and "autre collectif" not in html
    assert re.search(r"Récit de Communa</a> <span class=\"meta\">\(Publication, 2020\)</span>", html)


def test_profile_without_tools_has_no_empty_section(client, alternative):
    assert "profile-tools" not in client.get(alternative.url).content.decode()


def test_knowledge_item_shows_authors_files_with_licence_doi_and_source(client, knowledge_index, themes, alternative):
    document = DocumentFactory(title="Rapport complet", file=ContentFile(simple_pdf(["Texte"]), name="rapport.pdf"))
    item = KnowledgeItemPageFactory(
        parent=knowledge_index,
        title="Étude sur les ressources",
        item_type="study",
        date=datetime.date(2019, 3, 1),
        language="nl",
        abstract="Ce qui manque aux collectifs.",
        doi="10.5281/zenodo.123456",
        source_url="https://example.org/etude",
        themes=[themes["funding"]],
        authors=[KnowledgeAuthor(name="Claire Dubois"), KnowledgeAuthor(alternative=alternative)],
        attachments=[KnowledgeAttachment(document=document, licence="CC-BY-4.0", description="Version intégrale")],
    )
    html = _main(client.get(item.url).content.decode())
    assert '<p class="badge">Étude ou analyse</p>' in html
    assert re.search(r'<dd>Claire Dubois, <a href="/fr/carte/communa/">Communa</a></dd>', html)
    assert "<dd>Néerlandais</dd>" in html
    assert '<a href="https://doi.org/10.5281/zenodo.123456">10.5281/zenodo.123456</a>' in html
    assert re.search(rf'<a href="{re.escape(document.url)}">Rapport complet</a>\s*<span class="meta">\(PDF', html)
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html


def test_an_author_needs_a_name_or_an_alternative_and_a_doi_is_checked():
    with pytest.raises(ValidationError):
        KnowledgeAuthor().clean()
    item = KnowledgeItemPage(
        title="x", slug="x", item_type="study", date=datetime.date(2020, 1, 1), doi="https://doi.org/x"
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    assert "doi" in error.value.message_dict


def test_knowledge_facets_by_type_year_and_language(client, knowledge_index, themes):
    for title, item_type, year, language in [
        ("Cahier 2018", "publication", 2018, "fr"),
        ("Étude 2018", "study", 2018, "nl"),
        ("Étude 2020", "study", 2020, "fr"),
    ]:
        KnowledgeItemPageFactory(
            parent=knowledge_index, title=title, item_type=item_type, date=datetime.date(year, 5, 1), language=language
        )
    html = client.get("/fr/savoirs/?type=study&year=2018").content.decode()
    results = html[html.index('class="faceted-results"') :]
    assert re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', results) == ["Étude 2018"]
    year_facet = html[html.index('id="facet-year"') : html.index("</fieldset>", html.index('id="facet-year"'))]
    assert re.findall(r">(\d{4})\s*<span class=\"facet-count\" aria-hidden=\"true\">(\d+)</span>", year_facet) == [
        ("2020", "1"),
        ("2018", "1"),
    ]
    assert 'value="publication">' in html  # publication: 1 in 2018, offered to widen the search


def test_untranslated_sheets_are_listed_in_their_original_language(client, homes, toolbox_index):
    translated = ToolPageFactory(parent=toolbox_index, title="Budget", summary="Budget FR")
    ToolPageFactory(parent=toolbox_index, title="Seulement en français")
    index_nl = translation(toolbox_index, "nl", title="Gereedschapskist", slug="gereedschapskist")
    translation(translated, "nl", title="Begroting", summary="Begroting NL")
    html = client.get(index_nl.url).content.decode()
    titles = re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', html)
    assert sorted(titles) == ["Begroting", "Seulement en français"]


def test_demo_loader_builds_tools_and_knowledge_in_both_languages_and_is_idempotent(homes):
    toolbox_files = demo_files(app_labels={"toolbox"})
    load_demo_files(DemoContext(stdout=io.StringIO(), homes=homes), toolbox_files)
    counts = (Page.objects.count(), ToolTheme.objects.count(), KnowledgeAttachment.objects.count())
    load_demo_files(DemoContext(stdout=io.StringIO(), homes=homes), toolbox_files)
    assert counts == (Page.objects.count(), ToolTheme.objects.count(), KnowledgeAttachment.objects.count())

    assert ToolboxIndexPage.objects.count() == 3 and KnowledgeIndexPage.objects.count() == 3
    for code in ("fr", "nl"):
        assert ToolPage.objects.live().filter(locale__language_code=code).count() == 15
        assert KnowledgeItemPage.objects.live().filter(locale__language_code=code).count() >= 10
    assert ToolTheme.objects.filter(locale__language_code="nl").count() == 8
    nl_tool = ToolPage.objects.get(locale__language_code="nl", title="Besluiten bij consent")
    assert [theme.name for theme in nl_tool.themes.all()] == ["Collectieve intelligentie"]
    with override("nl"):  # as a Dutch reader sees the sheet
        assert nl_tool.related_tools()[0].locale.language_code == "nl"
    # A word found only inside a generated PDF attachment finds the item in both languages, once the index is built
    # as after loading the demo in production (indexing each of the demo's saves at once would be the slowest part).
    call_command("update_index", stdout=io.StringIO())
    found = KnowledgeItemPage.objects.live().search("photocopieuse")
    assert sorted(page.locale.language_code for page in found) == ["fr", "nl"]
