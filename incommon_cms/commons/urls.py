"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

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
localized_urlpatterns = []
