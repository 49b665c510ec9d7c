"""Profiles of the alternatives, places and good addresses, and the reference data they use."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from incommon_cms.core.governed import GovernedIndexMixin, GovernedPageMixin
from incommon_cms.core.located import LocatedMixin
from incommon_cms.core.page_context import page_context

from .fields import ChoiceListField
from .geocoding import ensure_coordinates
from .privacy import can_see_private_fields
from .sections import sections_for

LANGUAGE_SPOKEN_CHOICES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("sign", _("Sign language")),
]

DATA_LICENCE_CHOICES = [
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC0-1.0", "CC0 1.0"),
    ("ODbL-1.0", "ODbL 1.0"),
]
DATA_LICENCE_URLS = {
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}

KIND_CHOICES = [
    ("asbl", _("Non-profit (asbl/vzw)")),
    ("de-facto-association", _("De facto association")),
    ("cooperative", _("Cooperative")),
    ("alternative-shop", _("Alternative shop")),
    ("citizen-collective", _("Citizen collective")),
    ("independent", _("Independent")),
    ("network", _("Network")),
]


def validate_company_number(value):
    """Belgian enterprise number (BCE/KBO): 10 digits, the last two a mod-97 check."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValidationError(_("Enter a valid Belgian company number, for example 0123.456.749."))


class Commune(models.Model):
    """A municipality: the 19 Brussels communes ship with the platform, others can be added."""

    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    in_brussels_region = models.BooleanField(_("in the Brussels-Capital Region"), default=True)

    panels = [FieldPanel("nis_code"), FieldPanel("name_fr"), FieldPanel("name_nl"), FieldPanel("in_brussels_region")]

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_nl if (get_language() or "fr").startswith("nl") else self.name_fr


class Postcode(models.Model):
    """A postcode with its commune and approximate centroid: the offline geocoder's table."""

    code = models.CharField(_("postcode"), max_length=10, unique=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postcodes")
    locality_fr = models.CharField(max_length=100)
    locality_nl = models.CharField(max_length=100)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["code"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self):
        return f"{self.code} {self.locality}"

    @property
    def locality(self):
        return self.locality_nl if (get_language() or "fr").startswith("nl") else self.locality_fr


@register_snippet
class Category(TranslatableMixin, index.Indexed, models.Model):
    """A theme of the directory and the agenda (food, housing, energy...). Translated per locale."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("The same in every language."))
    color = models.CharField(
        _("colour"),
        max_length=7,
        default="#2f6f4f",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits."))],
        help_text=_("Marker colour on the map, as #rrggbb."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("color"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return self.name


class ProfileTag(TaggedItemBase):
    content_object = ParentalKey("directory.ProfilePage", on_delete=models.CASCADE, related_name="tagged_items")


class DirectoryIndexPage(GovernedIndexMixin, Page):
    """The map and the list of every profile (slug `carte` / `kaart`)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["directory.AlternativePage", "directory.PlacePage", "directory.GoodAddressPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """The page itself, answered with 400 when a filter in the URL is not valid (the reasons are shown)."""
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", None) and response.context_data.get("filter_errors"):
            response.status_code = 400
        return response


def split_links(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def is_web_link(value):
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


class ProfilePage(GovernedPageMixin, LocatedMixin, Page):
    """What alternatives, places and good addresses share, so that map, search, API and moderation treat them alike.

    Contact fields flagged private are shown only to the profile's members and to moderators.
    """

    PRIVATE_FLAGS = {"email": "email_private", "phone": "phone_private", "street_address": "address_private"}
    # The data a profile holds, declared once, in the order the member editor shows it: every kind of profile has
    # `shared_fields`, each kind adds its `type_fields`. The member editor (governance.forms), imports
    # (commons.mapping) and the API serializers (commons.api.serializers) read them through `data_fields()`.
    shared_fields = [
        "title",
        "short_description",
        "description",
        "kind",
        "categories",
        "tags",
        "street_address",
        "postcode",
        "city",
        "address_private",
        "latitude",
        "longitude",
        "website",
        "social_links",
        "email",
        "email_private",
        "phone",
        "phone_private",
        "opening_hours",
        "languages",
        "founding_year",
        "legal_form",
        "company_number",
    ]
    type_fields = []

    short_description = models.CharField(_("short description"), max_length=280, blank=True)
    description = RichTextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=KIND_CHOICES, blank=True)
    categories = ParentalManyToManyField(Category, blank=True, related_name="profiles", verbose_name=_("categories"))
    tags = ClusterTaggableManager(through=ProfileTag, blank=True, verbose_name=_("tags"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo or photo"),
    )

    commune = models.ForeignKey(
        Commune, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles", verbose_name=_("commune")
    )
    # LocatedMixin's point, indexed here: the map and the API select profiles by bounding box.
    latitude = models.FloatField(_("latitude"), null=True, blank=True, db_index=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, db_index=True)

    website = models.URLField(_("website"), blank=True)
    social_links = models.TextField(_("social networks"), blank=True, help_text=_("One address per line."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_private = models.BooleanField(_("e-mail is private"), default=False)
    phone_private = models.BooleanField(_("phone is private"), default=False)
    address_private = models.BooleanField(_("street address is private"), default=False)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    languages = ChoiceListField(verbose_name=_("languages spoken"), item_choices=LANGUAGE_SPOKEN_CHOICES)

    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    legal_form = models.CharField(_("legal form"), max_length=100, blank=True)
    company_number = models.CharField(
        _("company number"), max_length=20, blank=True, validators=[validate_company_number]
    )
    data_licence = models.CharField(
        _("licence of the data"), max_length=20, choices=DATA_LICENCE_CHOICES, default="CC-BY-SA-4.0"
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    data_source = models.CharField(
        _("source of the data"),
        max_length=200,
        blank=True,
        help_text=_("Where this profile comes from when it was imported, e.g. the name of another map."),
    )
    data_source_url = models.URLField(_("address of the source"), blank=True)

    is_creatable = False

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_description"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("image"),
    ]
    location_panels = [
        MultiFieldPanel(
            LocatedMixin.address_panels(after=[FieldPanel("commune"), FieldPanel("address_private")]),
            heading=_("Address and map"),
        ),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("social_links"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("email_private")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_private")]),
                FieldPanel("opening_hours"),
                FieldPanel("languages"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("founding_year"), FieldPanel("legal_form"), FieldPanel("company_number")]),
                FieldRowPanel([FieldPanel("data_licence"), FieldPanel("last_verified")]),
                FieldRowPanel([FieldPanel("data_source"), FieldPanel("data_source_url")]),
            ],
            heading=_("Organisation and data"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_description"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("commune_id"),
        index.FilterField("locale_id"),
    ]
    api_fields = ["short_description", "description", "kind", "website", "opening_hours", "languages"]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("profile")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        can_see_private = can_see_private_fields(request.user, self)
        context["can_see_private"] = can_see_private
        context["contact"] = self.public_contact(can_see_private)
        context["profile_sections"] = sections_for(self, request)
        context.update(page_context(self, request, can_see_private=can_see_private))
        return context

    def save(self, *args, **kwargs):
        ensure_coordinates(self)
        super().save(*args, **kwargs)

    @classmethod
    def data_fields(cls):
        """The fields a member edits, an import fills and the API writes for this kind of profile."""
        return cls.shared_fields + cls.type_fields

    @property
    def profile_type(self):
        """`alternative`, `place` or `good_address`, from the specific page type."""
        model = self.specific_class or type(self)
        return next((name for name, kind in PROFILE_MODELS.items() if issubclass(model, kind)), "alternative")

    @property
    def type_label(self):
        model = self.specific_class or type(self)
        return model._meta.verbose_name

    @property
    def languages_display(self):
        labels = dict(LANGUAGE_SPOKEN_CHOICES)
        return ", ".join(str(labels.get(code, code)) for code in self.languages or [])

    @property
    def social_link_list(self):
        """The social network addresses that are web links (anything else, e.g. `javascript:`, is left out)."""
        return [line for line in split_links(self.social_links) if is_web_link(line)]

    def public_contact(self, can_see_private=False):
        """The contact fields this reader may see, as a dict of field name to value."""
        values = {"email": self.email, "phone": self.phone, "street_address": self.street_address}
        return {
            name: value
            for name, value in values.items()
            if value and (can_see_private or not getattr(self, self.PRIVATE_FLAGS[name]))
        }


class AlternativePage(ProfilePage):
    """An organisation: asbl, de facto association, cooperative, shop, collective, independent or network."""

    is_creatable = True

    content_panels = ProfilePage.content_panels + ProfilePage.location_panels + ProfilePage.contact_panels
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("alternative")
        verbose_name_plural = _("alternatives")


class PlacePage(ProfilePage):
    """A room or space that can be shared."""

    PRICE_CHOICES = [
        ("free", _("Free")),
        ("pay_what_you_can", _("Pay what you can")),
        ("solidarity", _("Solidarity price for associations")),
        ("paid", _("Paid")),
    ]

    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility = models.TextField(_("accessibility details"), blank=True)
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("One item per line."))
    booking_contact = models.CharField(_("booking contact"), max_length=255, blank=True)
    price_policy = models.CharField(_("price policy"), max_length=20, choices=PRICE_CHOICES, blank=True)
    price_details = models.TextField(_("price details"), blank=True)

    type_fields = [
        "capacity",
        "wheelchair_accessible",
        "accessibility",
        "equipment",
        "booking_contact",
        "price_policy",
        "price_details",
    ]
    is_creatable = True

    content_panels = [
        *ProfilePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("wheelchair_accessible")]),
                FieldPanel("accessibility"),
                FieldPanel("equipment"),
                FieldPanel("booking_contact"),
                FieldRowPanel([FieldPanel("price_policy"), FieldPanel("price_details")]),
            ],
            heading=_("The place"),
        ),
        *ProfilePage.location_panels,
        *ProfilePage.contact_panels,
    ]
    search_fields = [*ProfilePage.search_fields, index.SearchField("equipment"), index.FilterField("capacity")]
    api_fields = [*ProfilePage.api_fields, "capacity", "wheelchair_accessible", "equipment", "price_policy"]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    @property
    def equipment_list(self):
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]


class GoodAddressPage(ProfilePage):
    """A useful supplier or service recommended by the alternatives."""

    offer = models.TextField(_("what they offer"), blank=True)
    conditions = models.TextField(_("conditions for associations"), blank=True)

    type_fields = ["offer", "conditions"]
    is_creatable = True

    content_panels = [
        *ProfilePage.content_panels,
        MultiFieldPanel([FieldPanel("offer"), FieldPanel("conditions")], heading=_("The offer")),
        *ProfilePage.location_panels,
        *ProfilePage.contact_panels,
    ]
    search_fields = [*ProfilePage.search_fields, index.SearchField("offer")]
    api_fields = [*ProfilePage.api_fields, "offer", "conditions"]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good address")
        verbose_name_plural = _("good addresses")


# The page model of each kind of profile, by the name imports, the API and the editor use (`ProfilePage.profile_type`).
PROFILE_MODELS = {"alternative": AlternativePage, "place": PlacePage, "good_address": GoodAddressPage}
