"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "alerts"

alerts_patterns = [
    path(_("alerts/"), views.subscribe, name="subscribe"),
    path(_("alerts/manage/"), views.manage_link, name="manage_link"),
    path(_("alerts/mine/"), views.mine, name="mine"),
    path(_("alerts/manage/<str:token>/"), views.manage, name="manage"),
    path(_("alerts/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("alerts/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(_("feeds/map.rss"), feeds.map_rss, name="map_rss"),
    path(_("feeds/map.atom"), feeds.map_atom, name="map_atom"),
    path(_("feeds/decisions.rss"), feeds.decisions_rss, name="decisions_rss"),
    path(_("feeds/decisions.atom"), feeds.decisions_atom, name="decisions_atom"),
]

urlpatterns = []
localized_urlpatterns = [path("", include((alerts_patterns, app_name)))]
