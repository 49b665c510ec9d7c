"""Untranslated pages: shown in every language with a notice, queued for translators, flagged when outdated."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core import translations
from incommon_cms.core.demo_utils import translation
from incommon_cms.core.models import StandardPage
from incommon_cms.core.roles import TRANSLATORS_GROUP
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.directory.models import Category
from incommon_cms.governance.models import Membership
from toolbox.models import ToolTheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def aliases(settings):
    settings.INCOMMON_TRANSLATION_ALIASES = True


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def about(aliases, homes):
    page = StandardPage(title="Qui sommes-nous", slug="qui-sommes-nous", introduction="Nous mutualisons nos données.")
    homes["fr"].add_child(instance=page)
    return publish(page)


def test_an_untranslated_page_is_shown_under_the_other_language_with_a_notice(client, about):
    alias = about.get_translation(Page.objects.get(depth=2, locale__language_code="nl").locale)
    assert alias.alias_of_id == about.pk
    assert alias.url == "/nl/qui-sommes-nous/"
    html = client.get("/nl/qui-sommes-nous/").content.decode()
    assert '<html lang="nl">' in html
    assert "Deze pagina is nog niet vertaald." in html
    assert "Nous mutualisons nos données." in html
    assert '<main id="main" tabindex="-1" lang="fr">' in html
    assert '<link rel="canonical" href="http://localhost/fr/qui-sommes-nous/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/qui-sommes-nous/">' in html
    assert 'hreflang="nl" href="http://testserver/nl/qui-sommes-nous/"' not in html
    # The original has no notice; its language switcher leads to the copy, shown in the Dutch navigation.
    original = client.get("/fr/qui-sommes-nous/").content.decode()
    assert "translation-notice" not in original
    assert 'href="/nl/qui-sommes-nous/" hreflang="nl"' in original
    # English is not an alias language: no copy, the switcher falls back to the English home.
    assert not StandardPage.objects.filter(locale__language_code="en").exists()


def test_the_notice_in_french_and_english(client, aliases, homes, settings):
    page = StandardPage(title="Over ons", slug="over-ons", introduction="Wij delen onze gegevens.")
    homes["nl"].add_child(instance=page)
    publish(page)
    html = client.get("/fr/over-ons/").content.decode()
    assert "Cette page n’est pas encore traduite." in html
    assert "Wij delen onze gegevens." in html
    settings.INCOMMON_TRANSLATION_ALIAS_LANGUAGES = ("fr", "nl", "en")
    translations.ensure_aliases(page)
    assert "This page has not been translated yet." in client.get("/en/over-ons/").content.decode()


def test_publishing_the_source_updates_its_copy_and_deleting_it_removes_the_copy(client, about):
    about.introduction = "Nous mutualisons toutes nos données."
    publish(about)
    assert "Nous mutualisons toutes nos données." in client.get("/nl/qui-sommes-nous/").content.decode()
    about.delete()
    assert not StandardPage.objects.exists()


def test_sync_translations_creates_missing_copies_once(settings, homes):
    page = StandardPage(title="Charte", slug="charte")
    homes["fr"].add_child(instance=page)
    publish(page)
    child = StandardPage(title="Annexe", slug="annexe")
    page.add_child(instance=child)
    publish(child)
    assert StandardPage.objects.count() == 2
    settings.INCOMMON_TRANSLATION_ALIASES = True
    out = io.StringIO()
    call_command("sync_translations", stdout=out)
    assert "2 untranslated copies created." in out.getvalue()
    nl_child = StandardPage.objects.get(locale__language_code="nl", slug="annexe")
    assert nl_child.alias_of_id == child.pk
    assert nl_child.get_parent().specific.alias_of_id == page.pk
    call_command("sync_translations", stdout=out)
    assert "0 untranslated copies created." in out.getvalue()
    assert StandardPage.objects.count() == 4


def translate_with_localize(page, language, **strings):
    """What a translator does in wagtail-localize: submit, translate, publish (fallback for untouched strings)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    target = Page.objects.get(depth=2, locale__language_code=language).locale
    job, _created = Translation.objects.get_or_create(source=source, target_locale=target)
    job.save_target(publish=True)
    translated = page.get_translation(target).specific
    for name, value in strings.items():
        setattr(translated, name, value)
    publish(translated)
    return translated


def test_translating_a_copy_and_updating_the_source_marks_the_translation_outdated(client, about):
    alias = about.get_translation(Page.objects.get(depth=2, locale__language_code="nl").locale)
    assert translations.translation_status(alias) == translations.UNTRANSLATED
    queue = translations.translation_queue("nl")
    assert [(item.original.pk, item.status) for item in queue] == [(about.pk, "untranslated")]
    assert queue[0].translate_url == f"/admin/localize/submit/page/{about.pk}/"

    dutch = translate_with_localize(about, "nl", title="Wie zijn we", introduction="Wij delen onze gegevens.")
    assert dutch.pk == alias.pk and dutch.alias_of_id is None
    assert translations.translation_status(about) == translations.SOURCE
    assert translations.translation_status(dutch) == translations.TRANSLATED
    assert translations.translation_queue("nl") == []
    html = client.get(dutch.url).content.decode()
    assert "Wij delen onze gegevens." in html and "translation-notice" not in html

    # The French source changes: the Dutch translation is flagged, not silently stale.
    about.refresh_from_db()
    about.introduction = "Nous mutualisons nos données, ensemble."
    publish(about)
    dutch.refresh_from_db()
    assert translations.translation_status(dutch) == translations.OUTDATED
    source = TranslationSource.objects.get(object_id=about.translation_key)
    queue = translations.translation_queue("nl")
    assert [(item.page.pk, item.status) for item in queue] == [(dutch.pk, "outdated")]
    assert queue[0].translate_url == f"/admin/localize/update/{source.pk}/"
    html = client.get(dutch.url).content.decode()
    assert "Deze vertaling is mogelijk verouderd." in html
    assert "Wij delen onze gegevens." in html

    # Translators sync (wagtail-localize's "Sync translated pages") and publish: up to date again.
    source.update_from_db()
    Translation.objects.get(source=source).save_target(publish=True)
    dutch.refresh_from_db()
    assert translations.translation_status(dutch) == translations.TRANSLATED


def test_a_manual_translation_older_than_its_source_is_outdated(aliases, homes):
    page = StandardPage(title="Aide", slug="aide")
    homes["fr"].add_child(instance=page)
    publish(page)
    dutch = translation(page, "nl", title="Hulp", slug="hulp")
    assert dutch.alias_of_id is None
    assert translations.translation_status(dutch) == translations.TRANSLATED
    publish(StandardPage.objects.get(pk=page.pk))
    assert translations.translation_status(dutch) == translations.OUTDATED


@pytest.fixture
def directory(aliases, homes):
    fr = DirectoryIndexPageFactory(parent=homes["fr"], title="Carte", slug="carte")
    return {"fr": fr, "nl": translation(fr, "nl", title="Kaart", slug="kaart")}


@pytest.fixture
def collective(directory):
    page = AlternativePageFactory(
        parent=directory["fr"], title="Potager du Parc", slug="potager-du-parc", short_description="Un potager."
    )
    page.set_point(50.85, 4.35)
    return publish(page)


def test_map_listing_and_api_mark_an_untranslated_profile_with_its_language(client, collective):
    copy = collective.get_translation(Page.objects.get(depth=2, locale__language_code="nl").locale)
    listing = client.get("/nl/kaart/").content.decode()
    assert 'href="/nl/kaart/potager-du-parc/" lang="fr" hreflang="fr"' in listing
    assert '<p lang="fr">Un potager.</p>' in listing

    feed = json.loads(client.get("/geo/profiles.geojson?lang=nl").content)
    [feature] = feed["features"]
    assert feature["id"] == copy.pk
    assert feature["properties"]["url"].endswith("/nl/kaart/potager-du-parc/")
    assert feature["properties"]["lang"] == "fr"
    assert feature["properties"]["translated"] is False
    french = json.loads(client.get("/geo/profiles.geojson?lang=fr").content)["features"][0]["properties"]
    assert (french["lang"], french["translated"]) == ("fr", True)

    [record] = json.loads(client.get("/api/v1/profiles/?lang=nl").content)["results"]
    assert record["title"] == "Potager du Parc"
    assert (record["language"], record["translated"]) == ("fr", False)


def test_agenda_marks_an_untranslated_event(client, aliases, homes):
    agenda = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda", slug="agenda")
    translation(agenda, "nl", title="Agenda", slug="agenda")
    publish(EventPageFactory(parent=agenda, title="Repair Café", slug="repair-cafe"))
    html = client.get("/nl/agenda/").content.decode()
    assert 'href="/nl/agenda/repair-cafe/" lang="fr">' in html
    assert "Deze pagina is nog niet vertaald." in client.get("/nl/agenda/repair-cafe/").content.decode()


@pytest.mark.search
def test_search_marks_an_untranslated_result(client, collective, settings, tmp_path):
    from incommon_cms.search import service

    outcome = service.search("potager", "nl")
    [result] = [r for r in outcome.results if r.page.translation_key == collective.translation_key]
    assert result.page.locale.language_code == "nl"
    assert (result.language, result.other_language) == ("fr", True)


def test_a_collective_edits_its_own_language_and_the_copy_is_queued(client, collective):
    member = UserFactory()
    Membership.objects.create(user=member, profile=collective, role=Membership.ADMIN)
    copy = collective.get_translation(Page.objects.get(depth=2, locale__language_code="nl").locale)
    client.force_login(member)
    response = client.get(f"/nl/bestuur/profiel/{copy.pk}/bewerken/")
    assert response.status_code == 302
    assert response["Location"] == f"/nl/bestuur/profiel/{collective.pk}/bewerken/"
    form = client.get(response["Location"]).content.decode()
    assert "U schrijft de versie in het Frans." in form
    assert [item.page.pk for item in translations.translation_queue("nl")] == [copy.pk]


def test_the_translation_queue_is_for_translators(client, collective):
    translator = UserFactory()
    translations.ensure_translators_group().user_set.add(translator)
    client.force_login(UserFactory())
    assert client.get("/admin/translation-queue/").status_code in (302, 403)
    client.force_login(translator)
    response = client.get("/admin/translation-queue/?language=nl")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Potager du Parc" in html
    assert f'href="/admin/localize/submit/page/{collective.pk}/"' in html
    assert 'data-status="untranslated" data-language="nl"' in html


def test_translators_group_may_translate_pages_and_taxonomies(db):
    group = translations.ensure_translators_group()
    assert group.name == TRANSLATORS_GROUP
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation", "change_category", "change_tooltheme"} <= codenames
    assert set(group.page_permissions.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
    }


@pytest.mark.parametrize("model", [Category, ToolTheme])
def test_taxonomies_are_translatable_snippets(locales, model):
    from wagtail.models import TranslatableMixin
    from wagtail.snippets.models import get_snippet_models

    assert issubclass(model, TranslatableMixin) and model in get_snippet_models()
    item = model.objects.create(name="Alimentation", slug="alimentation", locale=locales["fr"])
    source, _created = TranslationSource.get_or_create_from_instance(item)
    Translation.objects.create(source=source, target_locale=locales["nl"]).save_target()
    assert model.objects.get(translation_key=item.translation_key, locale=locales["nl"]).name == "Alimentation"


def test_bulk_loads_defer_copies_to_one_sync(aliases, homes):
    with translations.aliases_deferred():
        page = StandardPage(title="Charte", slug="charte")
        homes["fr"].add_child(instance=page)
        publish(page)
        assert StandardPage.objects.count() == 1
    assert translations.sync_all() == 1
    assert StandardPage.objects.get(locale__language_code="nl").alias_of_id == page.pk


def test_toolbox_lists_an_untranslated_sheet_marked_with_its_language(client, aliases, homes):
    from toolbox.factories import ToolboxIndexPageFactory, ToolPageFactory

    index = ToolboxIndexPageFactory(parent=homes["fr"])
    translation(index, "nl", title="Gereedschapskist", slug="gereedschapskist")
    publish(ToolPageFactory(parent=index, title="Budget participatif", slug="budget-participatif"))
    html = client.get("/nl/gereedschapskist/").content.decode()
    assert '<li class="card tool-card" lang="fr">' in html
    assert 'href="/nl/gereedschapskist/budget-participatif/"' in html
