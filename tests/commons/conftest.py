from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from incommon_cms.commons.models import ImportSource
from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory, DirectoryIndexPageFactory
from incommon_cms.directory.models import AlternativePage

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def directory(home_fr):
    return DirectoryIndexPageFactory(parent=home_fr)


@pytest.fixture
def categories(locales):
    return {
        slug: CategoryFactory(slug=slug, name=name, locale=locales["fr"])
        for slug, name in [("food", "Alimentation"), ("repair", "Réparation"), ("garden", "Jardins")]
    }


@pytest.fixture
def make_source(locales, directory, categories):
    def make(kind, mapping, *, content=None, filename="data.csv", **options):
        options.setdefault("name", f"{kind} source")
        options.setdefault("licence", "CC-BY-4.0")
        options.setdefault("attribution", "© Réseau des alternatives")
        source = ImportSource(kind=kind, mapping=mapping, locale=locales["fr"], **options)
        if content is not None:
            source.file.save(filename, ContentFile(content), save=False)
        source.full_clean()
        source.save()
        return source

    return make


@pytest.fixture
def untranslated_copy(homes, categories, settings):
    """A French profile and its untranslated Dutch copy (a Wagtail alias), listed by the API for ?lang=nl."""
    settings.INCOMMON_TRANSLATION_ALIASES = True
    directory = DirectoryIndexPageFactory(parent=homes["fr"])
    directory.save_revision().publish()
    translation(directory, "nl", title="Kaart", slug="kaart")
    original = AlternativePageFactory(parent=directory, title="Notre collectif", short_description="Avant.")
    original.save_revision().publish()
    alias = AlternativePage.objects.get(translation_key=original.translation_key, locale__language_code="nl")
    assert alias.alias_of_id == original.pk
    return original, alias


def replace_file(source, content, filename="data.csv"):
    source.file.save(filename, ContentFile(content), save=True)


@pytest.fixture(autouse=True)
def english():
    """Reports are written in the active language; these tests read them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
