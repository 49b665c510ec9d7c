"""In Chromium, in French and in Dutch: on the map filtered on a category, "Alert me about this view" carries the
filters and the area on screen; the confirmation arrives at a local SMTP server, is confirmed, a new matching profile
is published, the digest runs and the message received lists it. Screenshots at desktop and phone sizes go to a
temporary folder, or to the folder named by `ALERTS_SCREENSHOTS`."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from incommon_cms.alerts.digest import send_digests
from incommon_cms.alerts.models import Subscription

from .conftest import publish_profile, text_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def shots(tmp_path):
    folder = ROOT / os.environ["ALERTS_SCREENSHOTS"] if os.environ.get("ALERTS_SCREENSHOTS") else tmp_path

    def take(page, name, language):
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            page.screenshot(path=str(folder / f"alerts-{name}-{language}-{size}.png"), full_page=True)
        page.set_viewport_size(SIZES["desktop"])

    return take


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_alert_me_from_the_map_confirm_and_receive_the_new_profile(
    browser_page, shots, smtp, language, categories, directory
):
    page = browser_page
    publish_profile(directory["fr"], "Potager de Saint-Gilles", categories["food"], 50.83, 4.345, postcode="1060")
    page.goto(directory[language].url + "?category=food")
    expect(page.locator("#alert-link")).to_have_attribute("href", re.compile("bbox"))
    page.click("#alert-link")
    page.wait_for_load_state()
    assert "bbox" in page.input_value("input[name=query]")
    page.fill("input[name=email]", "not-an-address")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.input_value("input[name=email]") == "not-an-address"
    shots(page, "subscribe-error", language)
    page.fill("input[name=email]", f"ana-{language}@example.org")
    page.select_option("select[name=language]", language)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    shots(page, "sent", language)

    [confirmation] = smtp.messages
    [link] = re.findall(r"https?://\S+", text_of(confirmation))
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    shots(page, "manage", language)
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None and subscription.language == language

    publish_profile(directory["fr"], "Nouveau potager", categories["food"], 50.8301, 4.3451, postcode="1060")
    publish_profile(directory["fr"], "Épicerie de Vilvorde", categories["food"], 50.95, 4.6, postcode="1030")
    assert send_digests(timezone.now() + datetime.timedelta(days=1)) == 1
    plain = text_of(smtp.messages[-1])
    assert "Nouveau potager" in plain and "Vilvorde" not in plain
