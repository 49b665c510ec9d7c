"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "ecosystem"

urlpatterns = []

ecosystem_patterns = [
    path(_("collective/<int:pk>/statistics/"), views.collective_dashboard, name="collective_dashboard"),
    path(_("collective/<int:pk>/confirm/"), views.confirm_as_member, name="confirm_as_member"),
    path(_("still-right/<str:token>/"), views.confirm_profile, name="confirm_profile"),
    path(_("moderation/profiles-to-check/"), views.stale_profiles_list, name="stale_profiles"),
]

localized_urlpatterns = [path("", include((ecosystem_patterns, "ecosystem")))]
