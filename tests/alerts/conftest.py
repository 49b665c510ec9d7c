import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from incommon_cms.core.demo_utils import translation
from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory, DirectoryIndexPageFactory

SAINT_GILLES_BBOX = "4.33,50.82,4.36,50.84"


class Inbox:
    """What a real local SMTP server received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler interface
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


def text_of(message, subtype="plain"):
    return message.get_body(preferencelist=(subtype,)).get_content()


@pytest.fixture
def smtp(settings):
    """A local SMTP server (aiosmtpd) behind Django's SMTP backend; yields its inbox."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture
def categories(locales):
    food = CategoryFactory(slug="food", name="Alimentation", locale=locales["fr"])
    food_nl = food.copy_for_translation(locales["nl"])
    food_nl.name = "Voeding"
    food_nl.save()
    energy = CategoryFactory(slug="energy", name="Énergie", locale=locales["fr"])
    return {"food": food, "energy": energy}


@pytest.fixture
def directory(homes):
    fr = DirectoryIndexPageFactory(parent=homes["fr"], title="Carte", slug="carte")
    nl = translation(fr, "nl", title="Kaart", slug="kaart")
    return {"fr": fr, "nl": nl}


def publish_profile(directory, title, category, latitude, longitude, **fields):
    page = AlternativePageFactory(parent=directory, title=title, **fields)
    page.set_point(latitude, longitude)
    page.save()
    page.categories.set([category])
    page.save_revision().publish()
    return page
