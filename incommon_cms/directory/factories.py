import factory
import wagtail_factories
from wagtail.models import Locale

from .models import AlternativePage, Category, DirectoryIndexPage, GoodAddressPage, PlacePage


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class DirectoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Carte"
    slug = "carte"


class AlternativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AlternativePage

    title = factory.Sequence(lambda n: f"Alternative {n}")
    short_description = "Une initiative citoyenne."
    kind = "asbl"
    postcode = "1000"


class PlacePageFactory(AlternativePageFactory):
    class Meta:
        model = PlacePage

    title = factory.Sequence(lambda n: f"Place {n}")
    capacity = 30


class GoodAddressPageFactory(AlternativePageFactory):
    class Meta:
        model = GoodAddressPage

    title = factory.Sequence(lambda n: f"Good address {n}")
