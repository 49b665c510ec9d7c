"""In Chromium: the publish bypass a moderator tried in the Wagtail editor is refused with a reason; a site
administrator's emergency publication asks for a reason and shows in the public log."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.models import Decision
from incommon_cms.governance.moderation import approve

from .test_browser import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PROPOSED = "Occupations temporaires et logements solidaires."
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def pending(profiles, people, submit):
    for user in people.values():
        user.set_password(PASSWORD)
        user.save()
    communa = profiles["communa"]
    state = submit(communa, people["editor"], short_description=PROPOSED)
    approve(state.current_task_state, people["moderator"])
    return communa


def public_text(page):
    return ProfilePage.objects.get(pk=page.pk).specific.short_description


def test_a_moderator_of_the_collective_cannot_publish_from_the_editor(browser_page, pending, people):
    page = browser_page
    log_in(page, people["moderator_own"])
    page.goto(f"/admin/pages/{pending.pk}/edit/")
    expect(page.locator("input[name=title]")).to_have_value("Communa")
    assert page.locator("[name=action-publish]").count() == 0
    assert page.get_by_text("Publication d’urgence…").count() == 0

    # The bypass of old: a Publish sent from the editor (here added to the form, as a crafted request would).
    page.evaluate(
        """() => {
            const form = document.querySelector("input[name=title]").form;
            const input = Object.assign(document.createElement("input"), {type: "hidden", name: "action-publish", value: "1"});
            form.appendChild(input);
            HTMLFormElement.prototype.submit.call(form);
        }"""
    )
    page.wait_for_load_state()
    message = page.get_by_text("Vos modifications ont été enregistrées comme brouillon, sans être publiées.")
    expect(message).to_be_visible()
    assert "modérateurs de deux autres collectifs" in message.inner_text()
    shot(page, "bypass-refused-fr")
    assert public_text(pending) == "Occupations temporaires de bâtiments vides."
    assert not Decision.objects.filter(action__in=[Decision.APPROVE, Decision.EMERGENCY_PUBLISH]).exists()


def test_a_site_admins_emergency_publication_asks_a_reason_and_is_in_the_log(browser_page, pending, people):
    page = browser_page
    log_in(page, people["site_admin"])
    page.goto(f"/admin/pages/{pending.pk}/edit/")
    assert page.locator("[name=action-publish]").count() == 0
    link = page.locator(f"a[href$='/admin/governance/emergency/{pending.pk}/']")
    expect(link).to_have_count(1)
    page.goto(link.get_attribute("href"))
    expect(page.get_by_role("heading", name="Publication d’urgence")).to_be_visible()
    page.get_by_role("button", name="Confirmer, et publier ma raison dans le journal").click()
    expect(page.get_by_text("Champ requis.")).to_be_visible()  # Wagtail's wording for a required field
    assert public_text(pending) == "Occupations temporaires de bâtiments vides."

    page.get_by_label("Publier maintenant la dernière version").check()
    page.get_by_label("Pourquoi cela ne peut-il pas attendre les modérateurs ?").fill(
        "L’adresse publiée envoie les gens dans un bâtiment fermé ce week-end."
    )
    shot(page, "emergency-form-fr")
    page.get_by_role("button", name="Confirmer, et publier ma raison dans le journal").click()
    expect(page.get_by_text("C’est fait. La décision et sa raison figurent dans le journal public.")).to_be_visible()
    assert public_text(pending) == PROPOSED

    page.goto("/fr/gouvernance/journal/")
    entry = page.locator("li, tr, article").filter(has_text="Publication d’urgence par un administrateur du site").first
    expect(entry).to_contain_text("L’adresse publiée envoie les gens dans un bâtiment fermé ce week-end.")
    expect(entry).to_contain_text("Communa")
    shot(page, "log-emergency-fr")
