"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import path

from . import views

urlpatterns = []
localized_urlpatterns = [
    path("accounts/settings/", views.account_settings, name="account_settings"),
]
