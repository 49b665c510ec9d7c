"""End to end in Chromium: a collective editor edits the profile in the front-end form, two moderators of two
different collectives approve in the Wagtail admin, and the public page shows the new text."""

import pytest
from playwright.sync_api import expect

from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance.models import Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/fr/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_front_end_edit_then_two_moderators_approve_in_the_admin(browser_page, profiles, people):
    page = browser_page
    communa = profiles["communa"]

    log_in(page, people["editor"])
    page.goto(communa.url)
    page.get_by_role("link", name="Modifier mon profil").click()
    page.get_by_label("Description courte").fill("Des bâtiments vides ouverts aux projets citoyens.")
    # The map pin is draggable and writes the coordinates into the form.
    marker = page.locator("#profile-map .leaflet-marker-icon")
    marker.wait_for()
    page.wait_for_timeout(300)
    box = marker.bounding_box()
    marker.hover()
    page.mouse.down()
    page.wait_for_timeout(100)
    page.mouse.move(box["x"] + 60, box["y"] + 40, steps=10)
    page.mouse.move(box["x"] + 90, box["y"] + 70, steps=10)
    page.mouse.up()
    expect(page.locator("input[name=latitude]")).not_to_have_value("")
    expect(page.locator("input[name=longitude]")).not_to_have_value("")
    # Where the drag lands depends on the map's zoom and timing: the point sent is typed, inside Brussels.
    page.fill("input[name=latitude]", "50.8466")
    page.fill("input[name=longitude]", "4.3528")
    page.get_by_role("button", name="Aperçu").click()
    assert page.locator("#preview").get_by_text("Des bâtiments vides ouverts aux projets citoyens.").count() == 1
    page.get_by_role("button", name="Envoyer pour approbation").click()
    assert page.get_by_text("Vos modifications ont été envoyées aux modérateurs").count() == 1

    page.context.clear_cookies()
    page.goto(communa.url)
    assert page.get_by_text("Des bâtiments vides ouverts aux projets citoyens.").count() == 0

    for number, moderator in enumerate(("moderator", "moderator_other"), start=1):
        log_in(page, people[moderator])
        page.goto("/admin/")
        panel = page.locator("#cogovernance-queue-content, [id^=cogovernance-queue]").first
        assert panel.get_by_text("Des bâtiments vides ouverts aux projets citoyens.").count() >= 1
        with page.expect_navigation():
            page.locator("form[action*='/approve/'] button[type=submit]").first.click()
        assert Vote.objects.filter(vote=Vote.APPROVE).count() == number

    page.context.clear_cookies()
    page.goto(communa.url)
    assert page.locator(".lead").inner_text() == "Des bâtiments vides ouverts aux projets citoyens."
    assert AlternativePage.objects.get(pk=communa.pk).short_description.startswith("Des bâtiments vides")
