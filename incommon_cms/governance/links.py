from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute_url(name, user=None, language=None, **kwargs):
    """An absolute link for e-mails, in the recipient's language."""
    language = language or getattr(user, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse(name, kwargs=kwargs or None)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
