"""Sending e-mails to members in their own language."""

import contextlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(user_or_email, template_prefix, context, language=None, headers=None):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and optional `<prefix>.html` in the recipient's language.

    `headers` are added to the message (e.g. List-Unsubscribe).
    """
    email = getattr(user_or_email, "email", user_or_email)
    language = language or getattr(user_or_email, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context, "language": language}
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}.txt", context)
        message = EmailMultiAlternatives(
            settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.splitlines()), body, to=[email], headers=headers
        )
        with contextlib.suppress(TemplateDoesNotExist):
            message.attach_alternative(render_to_string(f"{template_prefix}.html", context), "text/html")
        message.send()
    return message
