"""Relevance: each query must bring the expected item into the first five results of the site search.

The corpus is built with factories (profiles, events, tool sheets, knowledge items and discussion topics in French
and Dutch, with near-miss distractors) once per module and per backend: the Whoosh backend everywhere, and the
PostgreSQL database backend with the French and Dutch text search configurations when the database is PostgreSQL.
"""

import datetime

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from incommon_cms.core.demo_utils import translation
from incommon_cms.core.site_setup import ensure_default_site
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.discussions.models import TopicIndexPage, TopicPage
from incommon_cms.search import service
from toolbox.factories import (
    KnowledgeIndexPageFactory,
    KnowledgeItemPageFactory,
    ToolboxIndexPageFactory,
    ToolPageFactory,
)

from .conftest import DATABASE, WHOOSH

# The marker makes pytest-django create the test database before the module's corpus is built.
pytestmark = pytest.mark.django_db

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

# (reader's language, query, title expected in the top 5, its content type)
RELEVANCE_SET = [
    # Profiles
    ("fr", "formation", "Coopérative vélo Cyclo", "directory.alternativepage"),
    ("fr", "énergie", "Energie citoyenne Bruxelles", "directory.alternativepage"),
    ("fr", "energie", "Energie citoyenne Bruxelles", "directory.alternativepage"),
    ("fr", "panneaux solaires", "Energie citoyenne Bruxelles", "directory.alternativepage"),
    ("fr", "potagers", "Potager collectif de Forest", "directory.alternativepage"),
    ("nl", "moestuin", "Moestuin van Vorst", "directory.alternativepage"),
    ("nl", "zonnepanelen", "Burgerenergie Brussel", "directory.alternativepage"),
    ("nl", "fietsmechanica", "Fietscoöperatie Cyclo", "directory.alternativepage"),
    # Events
    ("fr", "formations", "Formation au compostage", "agenda.eventpage"),
    ("fr", "formation compost", "Formation au compostage", "agenda.eventpage"),
    ("fr", "energie", "Soirée des communautés d'énergie", "agenda.eventpage"),
    ("nl", "moestuinen", "Workshop moestuin aanleggen", "agenda.eventpage"),
    ("nl", "opleidingen", "Opleiding composteren", "agenda.eventpage"),
    # Tool sheets
    ("fr", "Énergies", "Créer une communauté d'énergie", "toolbox.toolpage"),
    ("fr", "formations courtes", "Animer une formation courte", "toolbox.toolpage"),
    ("nl", "moestuin", "Een moestuin starten", "toolbox.toolpage"),
    ("nl", "énergie", "Een energiecoöperatie oprichten", "toolbox.toolpage"),
    # Knowledge items
    ("fr", "formation permaculture", "Guide des formations en permaculture", "toolbox.knowledgeitempage"),
    ("fr", "energie renouvelable", "Étude sur l'énergie renouvelable à Bruxelles", "toolbox.knowledgeitempage"),
    ("nl", "moestuinen", "Onderzoek naar stadsmoestuinen en moestuinen", "toolbox.knowledgeitempage"),
    ("nl", "energie", "Studie over energie in Brussel", "toolbox.knowledgeitempage"),
    # Discussion topics
    ("fr", "formations compostage", "Qui donne des formations au compostage ?", "discussions.topicpage"),
    ("fr", "énergie", "Partager l'énergie entre voisins ?", "discussions.topicpage"),
    ("nl", "moestuin", "Wie deelt zijn moestuinen?", "discussions.topicpage"),
    ("nl", "energie", "Energie delen met de buren?", "discussions.topicpage"),
]


def _topic(index, title, body):
    page = TopicPage(title=title, body=body, topic_type=TopicPage.QUESTION)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_corpus():
    """The same kinds of content in fr and nl, with distractors sharing words with the queries."""
    fr = ensure_default_site()
    nl = translation(fr, "nl", title="In Common NL", slug="home-nl")
    directory = {"fr": DirectoryIndexPageFactory(parent=fr), "nl": DirectoryIndexPageFactory(parent=nl, slug="kaart")}
    agenda = {"fr": AgendaIndexPageFactory(parent=fr), "nl": AgendaIndexPageFactory(parent=nl, slug="agenda-nl")}
    tools = {"fr": ToolboxIndexPageFactory(parent=fr), "nl": ToolboxIndexPageFactory(parent=nl, slug="gereedschap")}
    knowledge = {"fr": KnowledgeIndexPageFactory(parent=fr), "nl": KnowledgeIndexPageFactory(parent=nl, slug="kennis")}
    topics = {}
    for code, home, slug in (("fr", fr, "espace"), ("nl", nl, "ruimte")):
        topics[code] = TopicIndexPage(title=slug, slug=slug)
        home.add_child(instance=topics[code])

    profiles = [
        ("Energie citoyenne Bruxelles", "Des panneaux solaires sur les toits : une énergie renouvelable et locale."),
        ("Potager collectif de Forest", "Un potager partagé, du compost et des semences pour le quartier."),
        ("Coopérative vélo Cyclo", "Atelier de réparation et formations en mécanique vélo."),
        ("Repair Café Ixelles", "Réparer ensemble appareils et vêtements."),
        ("Épicerie solidaire", "Des produits locaux à prix justes, sans énergie gaspillée en emballages."),
    ]
    for title, text in profiles:
        AlternativePageFactory(parent=directory["fr"], title=title, short_description=text)
    for title, text in [
        ("Burgerenergie Brussel", "Zonnepanelen op daken: lokale, hernieuwbare energie."),
        ("Moestuin van Vorst", "Gedeelde moestuinen, compost en zaden in Vorst."),
        ("Fietscoöperatie Cyclo", "Fietsatelier met opleidingen fietsmechanica."),
        ("Kringwinkel Elsene", "Tweedehands kleren en meubels."),
    ]:
        AlternativePageFactory(parent=directory["nl"], title=title, short_description=text)

    soon = timezone.now() + datetime.timedelta(days=5)
    for code, title, text in [
        ("fr", "Formation au compostage", "Une formation pratique pour composter en ville."),
        ("fr", "Soirée des communautés d'énergie", "Débat : produire et partager notre énergie."),
        ("fr", "Marché de printemps", "Des producteurs locaux et une buvette."),
        ("nl", "Workshop moestuin aanleggen", "Leer je eigen moestuin aanleggen in de stad."),
        ("nl", "Opleiding composteren", "Een praktische opleiding om thuis te composteren."),
        ("nl", "Lentemarkt", "Lokale producenten en een bar."),
    ]:
        EventPageFactory(parent=agenda[code], title=title, summary=text, start=soon, end=soon)

    for code, title, text in [
        ("fr", "Créer une communauté d'énergie", "Les étapes pour produire et partager de l'électricité verte."),
        ("fr", "Animer une formation courte", "Une méthode pour des formations courtes et participatives."),
        ("fr", "Tenir un budget", "Un tableau pour suivre les dépenses du collectif."),
        ("nl", "Een moestuin starten", "Stappenplan voor gedeelde moestuinen in de buurt."),
        ("nl", "Een energiecoöperatie oprichten", "Samen energie produceren: de stappen."),
        ("nl", "Een budget bijhouden", "Een tabel om de uitgaven te volgen."),
    ]:
        ToolPageFactory(parent=tools[code], title=title, summary=text)

    for code, title, text in [
        ("fr", "Guide des formations en permaculture", "Un recueil des formations en permaculture à Bruxelles."),
        ("fr", "Étude sur l'énergie renouvelable à Bruxelles", "Les énergies renouvelables des coopératives."),
        ("fr", "Rapport sur la mobilité", "Le vélo dans les quartiers."),
        ("nl", "Onderzoek naar stadsmoestuinen en moestuinen", "De moestuinen van Brussel in kaart."),
        ("nl", "Studie over energie in Brussel", "Hernieuwbare energie van burgercoöperaties."),
    ]:
        KnowledgeItemPageFactory(parent=knowledge[code], title=title, abstract=text)

    _topic(topics["fr"], "Qui donne des formations au compostage ?", "Nous cherchons des formations pour le quartier.")
    _topic(topics["fr"], "Partager l'énergie entre voisins ?", "Comment partager l'électricité de nos panneaux ?")
    _topic(topics["fr"], "Une camionnette à prêter", "Pour un déménagement samedi.")
    _topic(topics["nl"], "Wie deelt zijn moestuinen?", "Wij zoeken een stukje grond voor onze moestuin.")
    _topic(topics["nl"], "Energie delen met de buren?", "Hoe delen we de stroom van onze zonnepanelen?")


BACKENDS = [
    pytest.param("whoosh", id="whoosh"),
    pytest.param(
        "database",
        id="postgresql",
        marks=pytest.mark.skipif(not ON_POSTGRESQL, reason="the database backend stems only on PostgreSQL"),
    ),
]


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request, django_db_setup, django_db_blocker, tmp_path_factory):
    backend = {"BACKEND": WHOOSH, "PATH": tmp_path_factory.mktemp("relevance")}
    if request.param == "database":
        backend = {"BACKEND": DATABASE}
    with (
        django_db_blocker.unblock(),
        override_settings(WAGTAILSEARCH_BACKENDS={"default": backend}, SEARCH_INDEX_UPDATES="immediate"),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            build_corpus()
            yield request.param
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize(("language", "query", "expected", "content_type"), RELEVANCE_SET)
def test_expected_item_in_top_five(corpus, language, query, expected, content_type):
    outcome = service.search(query, language)
    top = [(result.page.title, result.type_key) for result in outcome.results[:5]]
    assert (expected, content_type) in top, f"{query!r} ({language}, {corpus}): {top}"
    assert not outcome.results[0].other_language, f"{query!r} ({language}): {top}"


def test_the_set_covers_every_searchable_content_type_in_both_languages():
    covered = {(language, content_type) for language, _, _, content_type in RELEVANCE_SET}
    types = {content_type for _, _, _, content_type in RELEVANCE_SET}
    assert types == {
        "directory.alternativepage",
        "agenda.eventpage",
        "toolbox.toolpage",
        "toolbox.knowledgeitempage",
        "discussions.topicpage",
    }
    assert covered == {(language, content_type) for language in ("fr", "nl") for content_type in types}
