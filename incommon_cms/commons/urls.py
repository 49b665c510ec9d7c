"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from . import views as screens
from .api import views

router = SimpleRouter()
router.register("profiles", views.ProfileViewSet, basename="api-profile")
router.register("alternatives", views.AlternativeViewSet, basename="api-alternative")
router.register("places", views.PlaceViewSet, basename="api-place")
router.register("good-addresses", views.GoodAddressViewSet, basename="api-good-address")
router.register("categories", views.CategoryViewSet, basename="api-category")
router.register("events", views.EventViewSet, basename="api-event")
router.register("tools", views.ToolViewSet, basename="api-tool")
router.register("knowledge", views.KnowledgeViewSet, basename="api-knowledge")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
# The members' Subscribed calendars keep the agenda's addresses and names: they are reached from the agenda.
localized_urlpatterns = [
    path(_("agenda/calendars/"), screens.calendars, name="agenda_calendars"),
    path(_("agenda/calendars/<int:pk>/sync/"), screens.sync_now, name="agenda_sync_now"),
    path(_("agenda/calendars/<int:pk>/edit/"), screens.edit_calendar, name="agenda_calendar_edit"),
]
