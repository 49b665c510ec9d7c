import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale

from .models import KnowledgeIndexPage, KnowledgeItemPage, ToolboxIndexPage, ToolPage, ToolTheme


class ToolThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToolTheme
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class ToolboxIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolboxIndexPage

    title = "Boîte à outils"
    slug = "boite-a-outils"


class ToolPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tool {n}")
    summary = "A method for collectives."

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeIndexPage

    title = "Savoirs"
    slug = "savoirs"


class KnowledgeItemPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeItemPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Knowledge item {n}")
    item_type = "publication"
    date = datetime.date(2020, 1, 1)
    language = "fr"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(lambda obj: ContentFile(b"plain text", name="document.txt"))
