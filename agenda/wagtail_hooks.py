"""Wagtail admin: subscribed calendars, with their reports and a "Synchronise now" action."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarFeed
from .sync import sync_feed


class SyncColumn(Column):
    def get_value(self, instance):
        url = reverse("calendar_feeds:sync", args=[instance.pk])
        return format_html('<a class="button button-small button-secondary" href="{}">{}</a>', url, _("Synchronise"))


class CalendarFeedViewSet(ModelViewSet):
    model = CalendarFeed
    icon = "date"
    menu_label = gettext_lazy("Subscribed calendars")
    menu_order = 310
    add_to_admin_menu = True
    name = "calendar_feeds"
    list_display = ["name", "organiser", "last_run_at", "last_run_ok", SyncColumn("sync", label=gettext_lazy("Sync"))]
    list_filter = ["active", "last_run_ok"]
    search_fields = ["name", "url"]
    form_fields = ["name", "organiser", "url", "file", "active"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("sync/<int:pk>/", self.sync_view, name="sync")]

    def sync_view(self, request, pk):
        feed = get_object_or_404(CalendarFeed, pk=pk)
        if not self.permission_policy.user_has_permission(request.user, "change"):
            messages.error(request, _("You may not synchronise this calendar."))
            return redirect(self.get_url_name("index"))
        if request.method == "POST":
            run = sync_feed(feed, user=request.user)
            if run.ok:
                messages.success(
                    request,
                    _("Calendar synchronised: %(created)s created, %(updated)s updated, %(removed)s removed.")
                    % {"created": run.created, "updated": run.updated, "removed": run.removed},
                )
            else:
                messages.error(
                    request, _("The calendar could not be synchronised: %(reason)s") % {"reason": run.reason}
                )
            return redirect(self.get_url_name("sync"), pk=pk)
        return TemplateResponse(
            request,
            "agenda/admin/sync_feed.html",
            {"feed": feed, "runs": feed.runs.all()[:20], "index_url": reverse(self.get_url_name("index"))},
        )


@hooks.register("register_admin_viewset")
def register_calendar_feeds():
    return CalendarFeedViewSet()
