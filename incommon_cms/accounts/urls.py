"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import path

from . import views

urlpatterns = []
localized_urlpatterns = [
    path("accounts/settings/", views.account_settings, name="account_settings"),
    path("accounts/my-data/", views.my_data, name="account_data"),
    path("accounts/my-data/export.json", views.export_data, name="account_data_export"),
    path("accounts/delete/", views.delete_account, name="account_delete"),
]
