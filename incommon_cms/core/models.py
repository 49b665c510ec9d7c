from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .home import sections_for


class HomePage(Page):
    """The root of each language tree."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for(self, request)
        return context


class StandardPage(Page):
    """A simple content page: charter, about, privacy, help."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    api_fields = ["introduction", "body"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        privacy_page = CommunitySettings.for_request(request).privacy_page
        context["is_privacy_page"] = bool(privacy_page and privacy_page.translation_key == self.translation_key)
        return context


@register_setting(icon="site")
class CommunitySettings(BaseSiteSetting):
    """Links every page needs, editable by site admins."""

    charter_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("community charter"),
        help_text=_("People must accept this page to sign up."),
    )
    governance_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about the governance"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy page"),
    )
    content_licence = models.CharField(
        _("content licence"),
        max_length=100,
        default="CC BY-SA 4.0",
        help_text=_("Licence of the pooled data, shown in the footer."),
    )

    panels = [
        PageChooserPanel("charter_page"),
        PageChooserPanel("governance_page"),
        PageChooserPanel("privacy_page"),
        FieldPanel("content_licence"),
    ]

    class Meta:
        verbose_name = _("community settings")
