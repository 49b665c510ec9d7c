from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from incommon_cms.commons.models import ImportSource
from incommon_cms.directory.factories import CategoryFactory, DirectoryIndexPageFactory

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


def replace_file(source, content, filename="data.csv"):
    source.file.save(filename, ContentFile(content), save=True)


@pytest.fixture(autouse=True)
def english():
    """Reports are written in the active language; these tests read them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
