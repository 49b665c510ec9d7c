"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = []
localized_urlpatterns = [
    path(_("search/"), views.search, name="search"),
    path(_("search/autocomplete/"), views.autocomplete, name="search_autocomplete"),
]
