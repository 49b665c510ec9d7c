"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix.

The map page itself is the Wagtail `DirectoryIndexPage` (/fr/carte/, /nl/kaart/, /en/map/).
"""

from django.urls import include, path

from . import views

directory_patterns = [
    path("geo/profiles.geojson", views.profiles_geojson, name="geojson"),
    path("embed/map/", views.embed_map, name="embed_map"),
]

urlpatterns = [path("", include((directory_patterns, "directory")))]
localized_urlpatterns = []
