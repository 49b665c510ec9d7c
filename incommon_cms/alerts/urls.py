"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "alerts"

alerts_patterns = [
    path(_("alerts/"), views.subscribe, name="subscribe"),
    path(_("alerts/manage/"), views.manage_link, name="manage_link"),
    path(_("alerts/mine/"), views.mine, name="mine"),
    path(_("alerts/manage/<str:token>/"), views.manage, name="manage"),
    path(_("alerts/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("alerts/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]

urlpatterns = []
localized_urlpatterns = [path("", include((alerts_patterns, app_name)))]
