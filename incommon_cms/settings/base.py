"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.csp import tile_origin

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("INCOMMON_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "incommon_cms.accounts",
    "incommon_cms.core",
    "incommon_cms.directory",
    "incommon_cms.governance",
    "incommon_cms.commons",
    "incommon_cms.discussions",
    "incommon_cms.search",
    "incommon_cms.ecosystem",
    "incommon_cms.sharing",
    "incommon_cms.alerts",
    "toolbox",
    "agenda",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "incommon_cms.search.apps.WagtailSearchConfig",  # wagtail.search, with index updates after commit
    "wagtail.admin",
    "wagtail",
    "wagtailgeowidget",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "drf_spectacular_sidecar",  # the API docs' assets, served by the site itself, never from a CDN
]

# In this order: the security headers, then the Content-Security-Policy (core/csp.py) so every response below carries
# it, static files, the session, language, user...; the ecosystem's inbound-link counter; the whole-page cache of
# Wagtail pages for anonymous visitors (core/pagecache.py) last, so it sees the final view.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "incommon_cms.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "incommon_cms.ecosystem.counting.InboundLinkMiddleware",
    "incommon_cms.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "incommon_cms.urls"
WSGI_APPLICATION = "incommon_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
SITE_ID = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The login lockout first: it refuses every password check from a locked-out address or login (accounts.lockout).
AUTHENTICATION_BACKENDS = [
    "incommon_cms.accounts.lockout.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: French is the default language; Dutch is its equal; English is a third UI language.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A request body other than uploaded files (a form, a JSON write to the API) above this answers 413 with the reason
# (core/views.py: bad_request), as JSON under /api/.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest file the platform takes in, per kind of data, uploaded or downloaded from an address (core/limits.py;
# documents and images have Wagtail's own limits below). See docs/deploy.md.
INCOMING_SIZE_LIMITS = {
    "import": int(os.environ.get("IMPORT_MAX_BYTES", 20 * 1024 * 1024)),
    "calendar": int(os.environ.get("CALENDAR_MAX_BYTES", 10 * 1024 * 1024)),
}
# Downloads from addresses people give (import sources, calendars: core/fetch.py) refuse private, loopback,
# link-local and reserved addresses unless allowed here (True, or a list of networks such as ["10.8.0.0/16"]), and
# stop after this many seconds in all.
INCOMMON_FETCH_ALLOW_PRIVATE = False
INCOMMON_FETCH_TIME_BUDGET = int(os.environ.get("FETCH_TIME_BUDGET", 60))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "incommon",
    }
}

# Background tasks (django-tasks). The database backend needs `manage.py db_worker` running.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "In Common <noreply@incommon.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[In Common] "

# Accounts (django-allauth): e-mail only, verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
ACCOUNT_FORMS = {"signup": "incommon_cms.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "incommon_cms.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/10m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Reverse proxies in front of the application whose X-Forwarded-For is trusted for the client's address (rate limits).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# WAGTAILADMIN_LOGIN_URL and WAGTAIL_FRONTEND_LOGIN_URL keep Wagtail's defaults (/admin/login/, /<lang>/_util/login/):
# incommon_cms/urls.py sends both on to allauth's login page with `next`, and answers 403 to a signed-in member Wagtail
# refused, where pointing them straight at allauth's page (which sends signed-in people on to `next`) would loop.

# Wagtail
WAGTAIL_SITE_NAME = "In Common"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "txt", "xlsx", "json", "geojson", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Maps: tiles are configurable; OpenStreetMap by default.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_DEFAULT_CENTER = (50.8466, 4.3528)
# The area the platform serves (directory/service_area.py): a point given outside it (by a partner, a member or an
# import) is refused with a reason. The Brussels-Capital Region spans 50.76-50.92 N and 4.24-4.48 E; about 10 km are
# added on each side for the collectives and events just beyond the region's limits.
SERVICE_AREA_BOUNDS = {"south": 50.67, "north": 51.01, "west": 4.10, "east": 4.62}
GEO_WIDGET_DEFAULT_LOCATION = {"lat": MAP_DEFAULT_CENTER[0], "lng": MAP_DEFAULT_CENTER[1]}
GEO_WIDGET_ZOOM = 13
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
# Online geocoding (Nominatim through geopy) is optional; the offline postcode geocoder always runs.
GEOCODER_ONLINE = os.environ.get("GEOCODER_ONLINE", "") == "1"

# Discussions
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False

# Open API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    # JSON bodies too deep, undecodable or holding lone surrogates are refused with a reason (commons/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "incommon_cms.commons.api.parsers.JSONBodyParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "In Common open API",
    "DESCRIPTION": _("The pooled data of Brussels' citizen initiatives."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["incommon_cms.core.openapi.only_public_api"],
    # The docs pages' assets come from drf-spectacular-sidecar, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Platform rules
PROFILE_STALE_AFTER_DAYS = int(os.environ.get("PROFILE_STALE_AFTER_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"incommon": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- governance ---
# An approved co-governance workflow publishes the revision without requiring a publish permission from the approver.
WAGTAIL_FINISH_WORKFLOW_ACTION = "incommon_cms.governance.finish.publish_approved"

# --- Discussions (incommon_cms.discussions) ---
# Threads use django-comments-xtd's storage through the `discussions.Comment` proxy and In Common's own
# server-rendered views; only signed-in members post, and members may flag comments for the moderators.
COMMENTS_XTD_MODEL = "incommon_cms.discussions.models.Comment"
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": True,
        "allow_feedback": False,
        "show_feedback": False,
    }
}
COMMENTS_XTD_THREADED_EMAILS = False
COMMENT_MAX_LENGTH = 3000
DISCUSSIONS = {
    # Published comments or topics after which a member's posts are no longer held for moderation.
    "TRUSTED_AFTER": int(os.environ.get("DISCUSSIONS_TRUSTED_AFTER", "2")),
    # Flags by different members after which a comment is held until a moderator reviews it.
    "AUTO_HOLD_FLAGS": int(os.environ.get("DISCUSSIONS_AUTO_HOLD_FLAGS", "3")),
    # (posts, period in seconds) per member.
    "RATE_LIMITS": {"comment": (10, 600), "topic": (3, 3600), "flag": (20, 3600)},
}

# Whole-page cache of Wagtail pages for anonymous visitors (core/pagecache.py).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))
ECOSYSTEM_CONFIRM_LINK_MAX_AGE_DAYS = 60

# Data commons (imports and the open API): writes per token and hour.
COMMONS_API_WRITE_LIMIT = int(os.environ.get("COMMONS_API_WRITE_LIMIT", "120"))

# Search: the embedded Whoosh backend, one index per content language (see docs/search.md to switch to
# PostgreSQL full-text search or Elasticsearch/OpenSearch).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "incommon_cms.search.backends.whoosh",
        "PATH": Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search")),
    },
}
# Index updates are queued as one background task per transaction, after it commits (incommon_cms.search.indexing).
SEARCH_INDEX_UPDATES = "on_commit"

# Translation workflow (see docs/admin-guide.md, "Translation"): a page not yet translated into one of these languages
# is shown there, in its own language with a notice, as an untranslated copy (a Wagtail alias) that translators
# turn into a translation with wagtail-localize. False: no copies (readers are sent to the original instead).
INCOMMON_TRANSLATION_ALIASES = os.environ.get("INCOMMON_TRANSLATION_ALIASES", "1") == "1"
INCOMMON_TRANSLATION_ALIAS_LANGUAGES = ("fr", "nl")

# --- Security ---
# Content-Security-Policy (django-csp): the public site runs only self-hosted scripts and styles; style
# attributes (category colour swatches) are the one inline exception. Map tiles come from MAP_TILE_URL's host.
_tiles = [origin for origin in [tile_origin(MAP_TILE_URL)] if origin]
# Videos editors embed in rich text (Wagtail embeds): the providers' player origins, space-separated.
_embed_origins = os.environ.get(
    "CSP_FRAME_SRC", "https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com"
).split()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *_tiles],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": _embed_origins or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin and the Swagger/ReDoc pages use inline scripts and styles and blob: workers.
CONTENT_SECURITY_POLICY_RELAXED_PREFIXES = ["/admin/", "/django-admin/", "/api/v1/docs/", "/api/v1/redoc/"]
CONTENT_SECURITY_POLICY_RELAXED = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_tiles],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# No third-party calls from the admin: Gravatar would leak members' e-mail hashes, the update check pings
# releases.wagtail.org; both would also break the policy above.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
