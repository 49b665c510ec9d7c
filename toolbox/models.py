"""Tool sheets (the toolbox) and the knowledge repository: two page trees sharing one theme taxonomy."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from incommon_cms.core.governed import GovernedIndexMixin, GovernedPageMixin
from incommon_cms.core.page_context import page_context
from incommon_cms.directory.fields import ChoiceListField

from .blocks import ToolStreamBlock

LICENCE_CHOICES = [
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"),
    ("CC0-1.0", "CC0 1.0"),
    ("ODbL-1.0", "ODbL 1.0"),
    ("all-rights-reserved", _("All rights reserved (ask the authors)")),
]
LICENCE_URLS = {
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}

AUDIENCE_CHOICES = [
    ("everyone", _("Everyone")),
    ("volunteers", _("Volunteers")),
    ("facilitators", _("Facilitators")),
    ("coordinators", _("Coordinators and staff")),
    ("board", _("Board members")),
    ("newcomers", _("Newcomers")),
]
GROUP_SIZE_CHOICES = [
    ("any", _("Any size")),
    ("individual", _("On your own")),
    ("small", _("Small group (2–8)")),
    ("medium", _("Medium group (9–25)")),
    ("large", _("Large group (26 or more)")),
]
DURATION_CHOICES = [
    ("short", _("Under 30 minutes")),
    ("medium", _("30 minutes to 2 hours")),
    ("half-day", _("Half a day")),
    ("day", _("A day or more")),
    ("ongoing", _("Ongoing practice")),
]
DIFFICULTY_CHOICES = [
    ("easy", _("Easy")),
    ("intermediate", _("Intermediate")),
    ("advanced", _("Advanced")),
]
KNOWLEDGE_TYPE_CHOICES = [
    ("publication", _("Publication")),
    ("study", _("Study or analysis")),
    ("research-data", _("Research data")),
    ("testimony", _("Testimony or experience report")),
    ("training", _("Training material")),
]
DOCUMENT_LANGUAGE_CHOICES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("de", _("German")),
    ("mul", _("Several languages")),
    ("other", _("Other language")),
]

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


def licence_url(code):
    return LICENCE_URLS.get(code, "")


@register_snippet
class ToolTheme(TranslatableMixin, index.Indexed, models.Model):
    """A theme of the toolbox and the knowledge repository (funding, group dynamics...). Translated per locale."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("The same in every language."))
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_tooltheme_slug_per_locale")]

    def __str__(self):
        return self.name


def themes_field():
    return ParentalManyToManyField(ToolTheme, blank=True, related_name="+", verbose_name=_("themes"))


def themes_by_slug(slugs, locale=None):
    """{slug: theme} for these slugs, each in `locale` (default: the active one), else in the default language."""
    if locale is None:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
    try:
        default_id = Locale.get_default().pk
    except Locale.DoesNotExist:
        default_id = None
    wanted_id = getattr(locale, "pk", None)

    def preference(theme):
        return 0 if theme.locale_id == wanted_id else 1 if theme.locale_id == default_id else 2

    chosen = {}
    for theme in ToolTheme.objects.filter(slug__in=set(slugs)):
        if theme.slug not in chosen or preference(theme) < preference(chosen[theme.slug]):
            chosen[theme.slug] = theme
    return dict(sorted(chosen.items(), key=lambda item: (item[1].sort_order, item[1].name)))


class ThemedMixin:
    """Shows a page's themes in the reader's language, whatever locale the linked themes belong to."""

    @property
    def theme_slugs(self):
        return sorted({theme.slug for theme in self.themes.all()})

    @property
    def localized_themes(self):
        return list(themes_by_slug(self.theme_slugs).values())


class ToolboxIndexPage(GovernedIndexMixin, Page):
    """The toolbox: every tool sheet, with facets and text search (slug `boite-a-outils` / `gereedschapskist`)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["toolbox.ToolPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("toolbox")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class ToolPage(GovernedPageMixin, Page, ThemedMixin):
    """A tool sheet: a method or practical guide a collective can pick up and use."""

    themes = themes_field()
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in listings."))
    body = StreamField(ToolStreamBlock(), blank=True, verbose_name=_("body"))
    audience = ChoiceListField(verbose_name=_("audience"), item_choices=AUDIENCE_CHOICES)
    group_size = models.CharField(_("group size"), max_length=20, choices=GROUP_SIZE_CHOICES, blank=True)
    duration = models.CharField(_("duration"), max_length=20, choices=DURATION_CHOICES, blank=True)
    difficulty = models.CharField(_("difficulty"), max_length=20, choices=DIFFICULTY_CHOICES, blank=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True, help_text=_("Material, skills or preparation."))
    licence = models.CharField(_("licence"), max_length=30, choices=LICENCE_CHOICES, default="CC-BY-SA-4.0")
    source = models.CharField(
        _("source and credits"), max_length=255, blank=True, help_text=_("Where the method comes from, who adapted it.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("group_size"), FieldPanel("duration"), FieldPanel("difficulty")]),
                FieldPanel("prerequisites"),
            ],
            heading=_("Who, how long, how hard"),
        ),
        FieldPanel("body"),
        InlinePanel("related_tool_links", label=_("Related tools")),
        InlinePanel("contributors", label=_("Contributing alternatives")),
        MultiFieldPanel([FieldPanel("licence"), FieldPanel("source")], heading=_("Licence")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("prerequisites"),
        index.SearchField("attached_documents_text"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("difficulty"),
        index.FilterField("duration"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("theme_slugs"),
        APIField("audience"),
        APIField("group_size"),
        APIField("duration"),
        APIField("difficulty"),
        APIField("prerequisites"),
        APIField("licence"),
        APIField("source"),
        APIField("contributors"),
    ]
    parent_page_types = ["toolbox.ToolboxIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tool sheet")
        verbose_name_plural = _("tool sheets")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_tools"] = self.related_tools()
        context["contributing_alternatives"] = localized_live([link.alternative for link in self.contributors.all()])
        return context

    def related_tools(self):
        return localized_live([link.tool for link in self.related_tool_links.all()])

    def attached_documents_text(self):
        """Text of the documents offered for download in the body, for the search index."""
        from .documents import text_of_documents

        return text_of_documents(block.value for block in self.body if block.block_type == "document")

    @property
    def licence_url(self):
        return licence_url(self.licence)

    @property
    def audience_labels(self):
        labels = dict(AUDIENCE_CHOICES)
        return [str(labels[value]) for value in self.audience if value in labels]


class ToolRelatedTool(Orderable):
    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="related_tool_links")
    tool = models.ForeignKey(ToolPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("tool sheet"))

    panels = [FieldPanel("tool")]


class ToolContributor(Orderable):
    """An alternative that wrote or uses the tool; the tool is then listed on its profile."""

    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="contributors")
    alternative = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("alternative")
    )

    panels = [FieldPanel("alternative")]
    api_fields = [APIField("alternative_id"), APIField("name")]

    @property
    def name(self):
        return self.alternative.title


class KnowledgeIndexPage(GovernedIndexMixin, Page):
    """The knowledge repository (slug `savoirs` / `kennis`), with facets and text search."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["toolbox.KnowledgeItemPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge repository")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class KnowledgeItemPage(GovernedPageMixin, Page, ThemedMixin):
    """A publication, study, data set, testimony or training material, with its files.

    `document_text` holds the text extracted from the attached files so that search finds words inside them.
    """

    item_type = models.CharField(_("type"), max_length=20, choices=KNOWLEDGE_TYPE_CHOICES)
    themes = themes_field()
    date = models.DateField(
        _("date"), help_text=_("Publication date; use the 1st of January if only the year is known.")
    )
    language = models.CharField(_("language"), max_length=5, choices=DOCUMENT_LANGUAGE_CHOICES, default="fr")
    abstract = models.TextField(_("abstract"), blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[RegexValidator(DOI_RE, _("Enter a DOI such as 10.1234/abcd (without https://doi.org/)."))],
    )
    source_url = models.URLField(_("source URL"), blank=True, help_text=_("Where the original can be found."))
    document_text = models.TextField(_("text of the attached documents"), blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("item_type"), FieldPanel("date"), FieldPanel("language")])],
            heading=_("Description"),
        ),
        InlinePanel("authors", label=_("Authors"), min_num=1),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("abstract"),
        InlinePanel("attachments", label=_("Attached files")),
        MultiFieldPanel([FieldPanel("doi"), FieldPanel("source_url")], heading=_("Reference")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("abstract"),
        index.SearchField("document_text"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("item_type"),
        index.FilterField("language"),
        index.FilterField("date"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("item_type"),
        APIField("date"),
        APIField("language"),
        APIField("abstract"),
        APIField("doi"),
        APIField("source_url"),
        APIField("theme_slugs"),
        APIField("authors"),
        APIField("attachments"),
    ]
    parent_page_types = ["toolbox.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")

    def save(self, *args, **kwargs):
        from .documents import text_of_attachments

        update_fields = kwargs.get("update_fields")
        if update_fields is None or "document_text" in update_fields or "attachments" in update_fields:
            self.document_text = text_of_attachments(self.attachments.all())
        super().save(*args, **kwargs)

    @property
    def year(self):
        return self.date.year if self.date else None

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def author_list(self):
        """Authors as dicts with `name` and, for alternatives, `page` (in the reader's language when translated).

        An unpublished alternative is not named (a draft never shows its title): only the person's name, if any."""
        authors = []
        for author in self.authors.all():
            pages = localized_live([author.alternative]) if author.alternative_id else []
            page = pages[0] if pages else None
            name = page.title if page else author.name
            if author.name and page:
                name = f"{author.name} ({page.title})"
            if name:
                authors.append({"name": name, "page": page})
        return authors


class KnowledgeAuthor(Orderable):
    """An author of a knowledge item: a person's name, an alternative of the directory, or both."""

    page = ParentalKey(KnowledgeItemPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("A person, or leave empty."))
    alternative = models.ForeignKey(
        "directory.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("alternative"),
    )

    panels = [FieldPanel("name"), FieldPanel("alternative")]
    api_fields = [APIField("name"), APIField("alternative_id")]

    def clean(self):
        if not self.name and not self.alternative_id:
            raise ValidationError(_("Give the author's name or choose an alternative."))


class KnowledgeAttachment(Orderable):
    """A file of a knowledge item (PDF, spreadsheet, data file) with its own licence."""

    page = ParentalKey(KnowledgeItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("file")
    )
    licence = models.CharField(_("licence"), max_length=30, choices=LICENCE_CHOICES, default="CC-BY-SA-4.0")
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("licence"), FieldPanel("description")])]
    api_fields = [APIField("title"), APIField("url"), APIField("file_extension"), APIField("licence")]

    @property
    def title(self):
        return self.document.title

    @property
    def url(self):
        return self.document.url

    @property
    def file_extension(self):
        return self.document.file_extension

    @property
    def licence_url(self):
        return licence_url(self.licence)


class DocumentText(models.Model):
    """Text extracted from a document, kept with the hash of the file it came from so it is extracted once."""

    document = models.OneToOneField("wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text")
    file_hash = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("extracted document text")

    def __str__(self):
        return str(self.document)


def localized_live(pages):
    """These pages in the reader's language when a live translation exists, else as they are if live."""
    result = []
    for page in pages:
        if page is None:
            continue
        localized = page.localized
        page = localized if localized.live else page
        if page.live:
            result.append(page.specific)
    return result
