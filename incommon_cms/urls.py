from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from incommon_cms.accounts import views as account_views
from incommon_cms.core import views as core_views

# Every app keeps its routes in its own urls.py: `urlpatterns` (language-independent: API, feeds, embeds)
# and `localized_urlpatterns` (mounted under /fr/, /nl/, /en/).
APP_URL_MODULES = [
    "incommon_cms.core.urls",
    "incommon_cms.accounts.urls",
    "incommon_cms.directory.urls",
    "incommon_cms.governance.urls",
    "incommon_cms.commons.urls",
    "incommon_cms.discussions.urls",
    "incommon_cms.search.urls",
    "incommon_cms.ecosystem.urls",
    "incommon_cms.sharing.urls",
    "incommon_cms.alerts.urls",
    "toolbox.urls",
    "agenda.urls",
]
_app_modules = [import_module(name) for name in APP_URL_MODULES]

# Every sign-in goes through allauth's login page and its lockout (see accounts.lockout): the admins' own login and
# password reset pages redirect there. These patterns come before the admins' so that they win.
admin_login_patterns = [
    path(
        "django-admin/login/",
        account_views.login_redirect,
        {"home": "admin:index", "may_enter": lambda user: user.is_active and user.is_staff},
    ),
    path(
        "admin/login/",
        account_views.login_redirect,
        {"home": "wagtailadmin_home", "may_enter": lambda user: user.has_perm("wagtailadmin.access_admin")},
    ),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
]

urlpatterns = [
    *admin_login_patterns,
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap),
    path("healthz", core_views.healthz, name="healthz"),
]
for module in _app_modules:
    urlpatterns += module.urlpatterns

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

localized = [
    path("accounts/", include("allauth.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]
for module in _app_modules:
    localized += module.localized_urlpatterns
# Wagtail's login for private pages, before Wagtail's own pattern: allauth's page too.
localized.append(path("_util/login/", account_views.login_redirect, name="private_page_login"))
localized.append(path("", include(wagtail_urls)))

urlpatterns += i18n_patterns(*localized, prefix_default_language=True)

handler400 = "incommon_cms.core.views.bad_request"
handler404 = "incommon_cms.core.views.page_not_found"
handler500 = "incommon_cms.core.views.server_error"
