import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
ACCOUNT_RATE_LIMITS = False
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Search: a private index directory per test run (tests needing a clean index use their own, see tests/search), in
# memory (/dev/shm) where there is one: each indexed save commits small files, which a disk makes slow.
_SHARED_MEMORY = Path("/dev/shm")  # noqa: S108 - only the parent of a private directory made by mkdtemp
TEST_SEARCH_DIR = Path(
    tempfile.mkdtemp(prefix="incommon-search-", dir=_SHARED_MEMORY if os.access(_SHARED_MEMORY, os.W_OK) else None)
)
atexit.register(shutil.rmtree, TEST_SEARCH_DIR, True)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "incommon_cms.search.backends.whoosh", "PATH": TEST_SEARCH_DIR}}
# Index updates wait for the commit, and a test case never commits: tests build their pages without writing the
# index (the slowest part of their set-up). Tests about search are marked `search` (tests/conftest.py), which indexes
# each save at once; transactional tests (browser) commit, so their saves are indexed as in production.
SEARCH_INDEX_UPDATES = "on_commit"

# Untranslated copies (aliases) are on in production; tests build minimal trees and translate with
# `copy_for_translation`, so copies are off here (INCOMMON_TRANSLATION_ALIASES=1 turns them on) and switched on by the
# tests of the translation workflow (tests/core/test_translation_workflow.py).
INCOMMON_TRANSLATION_ALIASES = os.environ.get("INCOMMON_TRANSLATION_ALIASES", "0") == "1"
