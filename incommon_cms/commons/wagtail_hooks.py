from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet, SnippetViewSetGroup

from incommon_cms.core.roles import is_moderator

from . import admin_views
from .engine import RESTORED_ACTION, WITHDRAWN_ACTION
from .models import ApiToken, ImportSource


class ImportSourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("commons.change_importsource"):
            buttons += [
                ListingButton(
                    _("Dry run"), reverse("commons_admin:dry_run", args=[instance.pk]), icon_name="view", priority=5
                ),
                ListingButton(
                    _("History"), reverse("commons_admin:history", args=[instance.pk]), icon_name="history", priority=6
                ),
            ]
        return buttons


class ImportSourceViewSet(SnippetViewSet):
    model = ImportSource
    icon = "download"
    menu_label = gettext_lazy("Import sources")
    index_view_class = ImportSourceIndexView
    list_display = [
        "name",
        "kind",
        "profile_type",
        "schedule",
        "conflict_policy",
        Column("last_run", label=gettext_lazy("Last run")),
    ]
    list_filter = ["kind", "schedule", "is_active"]
    search_fields = ["name", "attribution"]


class ApiTokenCreateView(CreateView):
    """Creating a token shows its key once; only its hash is kept."""

    def save_instance(self):
        self.key = self.form.instance.generate_key()
        return super().save_instance()

    def get_success_message(self, instance):
        return _("Token created. Copy its key now, it will not be shown again: %(key)s") % {"key": self.key}


class ApiTokenViewSet(SnippetViewSet):
    model = ApiToken
    icon = "key"
    menu_label = gettext_lazy("API tokens")
    add_view_class = ApiTokenCreateView
    list_display = ["name", "user", "profile", "source", "is_active", "last_used_at"]


class CommonsViewSetGroup(SnippetViewSetGroup):
    items = (ImportSourceViewSet, ApiTokenViewSet)
    menu_icon = "download"
    menu_label = gettext_lazy("Data commons")
    menu_name = "data-commons"
    menu_order = 500


register_snippet(CommonsViewSetGroup)


@hooks.register("register_admin_urls")
def register_commons_urls():
    urls = [
        path("sources/<int:pk>/dry-run/", admin_views.dry_run, name="dry_run"),
        path("sources/<int:pk>/apply/", admin_views.apply, name="apply"),
        path("sources/<int:pk>/history/", admin_views.history, name="history"),
        path("runs/<int:pk>/", admin_views.run_report, name="run"),
        path("duplicates/", admin_views.duplicates, name="duplicates"),
        path("duplicates/<int:first>/<int:second>/", admin_views.merge, name="merge"),
    ]
    return [path("commons/", include((urls, "commons_admin"), namespace="commons_admin"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_duplicates_menu_item():
    return ModeratorMenuItem(
        gettext_lazy("Duplicates"), reverse("commons_admin:duplicates"), icon_name="duplicate", order=510
    )


@hooks.register("register_log_actions")
def register_sync_log_actions(actions):

    @actions.register_action(WITHDRAWN_ACTION)
    class Withdrawn(LogFormatter):
        label = gettext_lazy("Withdrawn by an import source")

        def format_message(self, log_entry):
            return _("Withdrawn by the source “%(source)s”: %(reason)s") % {
                "source": log_entry.data.get("source", ""),
                "reason": log_entry.data.get("reason", ""),
            }

    @actions.register_action(RESTORED_ACTION)
    class Restored(LogFormatter):
        label = gettext_lazy("Restored by an import source")

        def format_message(self, log_entry):
            return _("Back in the source “%(source)s”: published again.") % {"source": log_entry.data.get("source", "")}
