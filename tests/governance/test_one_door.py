"""One door to publication: every path that could put common data live, change it or take it off, tried by every role.

A collective editor has proposed a change to the live profile "Communa" (a vote is under way). Each role then tries
each path of Wagtail and of the platform; afterwards the public page must be exactly what it was, and the log must
hold no decision. Only the quorum of the co-governance workflow, or a site administrator's emergency publication with
a written reason (in the public log), changes what the public sees.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.models import ApiToken
from incommon_cms.core.roles import TRANSLATORS_GROUP
from incommon_cms.core.translations import ensure_translators_group
from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance import publishing
from incommon_cms.governance.models import Decision
from incommon_cms.governance.moderation import approve
from incommon_cms.governance.submissions import pending_task_states

pytestmark = pytest.mark.django_db

PROPOSED = "Occupations temporaires et logements solidaires."
PUBLISHED = "Occupations temporaires de bâtiments vides."
ROLES = [
    "visitor",
    "signed_in",
    "editor",
    "collective_admin",
    "moderator_own",
    "moderator_other",
    "translator",
    "site_admin",
]


@pytest.fixture
def cast(people):
    translator = UserFactory(first_name="Tine", last_name="", username="tine", is_staff=True)
    ensure_translators_group()
    translator.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    return {**people, "visitor": None, "translator": translator}


@pytest.fixture
def pending(profiles, cast, submit):
    """Communa, live, with a change proposed by its editor and one outside approval already given."""
    communa = profiles["communa"]
    state = submit(communa, cast["editor"], short_description=PROPOSED)
    approve(state.current_task_state, cast["moderator"])
    return communa


def public_state(page):
    page = ProfilePage.objects.get(pk=page.pk).specific
    return page.live, page.short_description, page.live_revision_id


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def editor_form_data(client, page, admin):
    """Every field of the Wagtail editor's form for `page`, as the browser would send it."""
    client.force_login(admin)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    client.logout()
    form = next(f for f in BeautifulSoup(html, "html.parser").find_all("form") if f.find(attrs={"name": "title"}))
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            values = [o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")]
            data.setdefault(name, []).extend(values)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    data["short_description"] = "Publié en contournant le vote."
    return data


@pytest.mark.parametrize("role", ROLES)
def test_the_editors_publish_button_does_not_publish(client, pending, cast, role):
    before = public_state(pending)
    data = editor_form_data(client, pending, cast["site_admin"])
    response = login(client, cast[role]).post(
        f"/admin/pages/{pending.pk}/edit/", {**data, "action-publish": "action-publish"}, follow=True
    )
    assert public_state(pending) == before
    assert not Decision.objects.filter(action__in=[Decision.APPROVE, Decision.EMERGENCY_PUBLISH]).exists()
    html = response.content.decode()
    if role == "translator":
        # The page is in moderation: locked for people who neither moderate nor belong to the collective.
        assert "Vos modifications ont été enregistrées comme brouillon" not in html
        assert ProfilePage.objects.get(pk=pending.pk).get_latest_revision_as_object().short_description == PROPOSED
    if role in ("moderator_own", "moderator_other", "site_admin", "editor", "collective_admin"):
        # Those who reach the editor are told why, in their language, and what they typed is kept as a draft.
        assert "Vos modifications ont été enregistrées comme brouillon, sans être publiées." in html
        assert ProfilePage.objects.get(pk=pending.pk).get_latest_revision_as_object().short_description == (
            "Publié en contournant le vote."
        )


@pytest.mark.parametrize("role", ["moderator_own", "moderator_other", "translator", "site_admin", "editor"])
def test_the_editor_offers_no_publish_action(client, pending, cast, role):
    html = login(client, cast[role]).get(f"/admin/pages/{pending.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html
    assert ("Publication d’urgence" in html) is (role == "site_admin")


@pytest.mark.parametrize("role", ROLES)
def test_bulk_actions_neither_publish_nor_unpublish(client, pending, cast, role):
    before = public_state(pending)
    for action in ("publish", "unpublish", "delete"):
        login(client, cast[role]).post(
            f"/admin/bulk/wagtailcore/page/{action}/?id={pending.pk}", {"include_descendants": "on"}
        )
    assert public_state(pending) == before


@pytest.mark.parametrize("role", ROLES)
def test_unpublish_delete_move_and_copy_views_change_nothing_public(client, pending, cast, directory, home_fr, role):
    before = public_state(pending)
    client = login(client, cast[role])
    client.post(f"/admin/pages/{pending.pk}/unpublish/", {"include_descendants": "on"})
    client.post(f"/admin/pages/{pending.pk}/delete/")
    client.post(f"/admin/pages/{pending.pk}/move/{home_fr.pk}/confirm/")
    client.post(
        f"/admin/pages/{pending.pk}/copy/",
        {
            "new_title": "Communa bis",
            "new_slug": "communa-bis",
            "new_parent_page": directory.pk,
            "publish_copies": "on",
        },
    )
    assert public_state(pending) == before
    assert ProfilePage.objects.get(pk=pending.pk).get_parent().pk == directory.pk
    assert not ProfilePage.objects.filter(slug="communa-bis", live=True).exists()


@pytest.mark.parametrize("role", ROLES)
def test_revert_to_an_old_revision_and_schedule_publish_nothing(client, pending, cast, role):
    before = public_state(pending)
    data = editor_form_data(client, pending, cast["site_admin"])
    old = pending.revisions.order_by("created_at").first()
    later = (timezone.now() + timezone.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    login(client, cast[role]).post(
        f"/admin/pages/{pending.pk}/edit/",
        {**data, "revision": old.pk, "go_live_at": later, "action-publish": "action-publish"},
    )
    assert not Revision.objects.filter(object_id=str(pending.pk), approved_go_live_at__isnull=False).exists()
    call_command("publish_scheduled")
    assert public_state(pending) == before


@pytest.mark.parametrize("role", [r for r in ROLES if r != "visitor"])
def test_code_that_publishes_for_a_user_is_refused(pending, cast, role):
    """The model-level door: any code path that publishes on behalf of a user (views, API, commands) asks the tester."""
    user = cast[role]
    before = public_state(pending)
    page = Page.objects.get(pk=pending.pk).specific
    with pytest.raises(PermissionDenied):
        page.get_latest_revision().publish(user=user)
    with pytest.raises(PermissionDenied):
        page.unpublish(user=user)
    assert not page.permissions_for_user(user).can_publish()
    assert not page.permissions_for_user(user).can_delete()
    assert not page.get_parent().permissions_for_user(user).can_publish_subpage()
    assert public_state(pending) == before
    anonymous = page.permissions_for_user(AnonymousUser())
    assert not anonymous.can_publish() and not anonymous.can_unpublish()


def test_pages_outside_the_common_data_keep_wagtails_rules(home_fr, cast):
    assert home_fr.permissions_for_user(cast["site_admin"]).can_publish()
    assert not home_fr.permissions_for_user(cast["moderator_other"]).can_publish()


def test_the_quorum_publishes_the_revision_that_was_voted(pending, cast):
    """A draft saved after the votes started does not ride along with the approval."""
    task_state = pending_task_states().get()
    draft = ProfilePage.objects.get(pk=pending.pk).specific.get_latest_revision_as_object()
    draft.title = "Communa (titre changé en douce)"
    draft.save_revision(user=cast["moderator_other"])
    approve(task_state, cast["moderator_other"])
    page = ProfilePage.objects.get(pk=pending.pk).specific
    assert page.live and page.short_description == PROPOSED
    assert page.title == "Communa"
    decision = Decision.objects.get(action=Decision.APPROVE)
    assert decision.details["fields"] == ["short_description"]


def test_a_site_admins_emergency_publication_needs_a_reason_and_is_logged(pending, cast):
    admin = cast["site_admin"]
    with pytest.raises(ValidationError):
        publishing.emergency(pending, admin, action="publish", reason="  ")
    for role in ("moderator_other", "moderator_own", "translator", "editor"):
        with pytest.raises(PermissionDenied):
            publishing.emergency(pending, cast[role], action="publish", reason="Urgent")
    assert public_state(pending)[1] == PUBLISHED
    publishing.emergency(pending, admin, action="publish", reason="Adresse erronée qui envoie les gens ailleurs.")
    assert public_state(pending)[1] == PROPOSED
    decision = Decision.objects.get(action=Decision.EMERGENCY_PUBLISH)
    assert decision.reason == "Adresse erronée qui envoie les gens ailleurs."
    assert decision.actor == admin and decision.details["fields"] == ["short_description"]
    assert not pending_task_states().exists()  # the vote under way ended with the publication

    publishing.emergency(pending, admin, action="unpublish", reason="Contenu signalé comme dangereux.")
    assert not public_state(pending)[0]
    assert Decision.objects.get(action=Decision.EMERGENCY_UNPUBLISH).reason == "Contenu signalé comme dangereux."


def test_the_emergency_form_in_the_admin(client, pending, cast, settings):
    client.force_login(cast["moderator_other"])
    refused = client.get(f"/admin/governance/emergency/{pending.pk}/")
    assert refused.status_code in (302, 403) and "Pourquoi" not in refused.content.decode()
    client.post(f"/admin/governance/emergency/{pending.pk}/", {"action": "publish", "reason": "Moi aussi"})
    assert public_state(pending)[1] == PUBLISHED
    client.force_login(cast["site_admin"])
    html = client.get(f"/admin/governance/emergency/{pending.pk}/").content.decode()
    assert "Pourquoi cela ne peut-il pas attendre les modérateurs ?" in html
    response = client.post(f"/admin/governance/emergency/{pending.pk}/", {"action": "publish", "reason": ""})
    assert response.status_code == 400 and public_state(pending)[1] == PUBLISHED
    response = client.post(
        f"/admin/governance/emergency/{pending.pk}/", {"action": "publish", "reason": "Erreur d’adresse urgente."}
    )
    assert response.status_code == 302 and public_state(pending)[1] == PROPOSED
    log = client.get("/fr/gouvernance/journal/").content.decode()
    assert "Publication d’urgence par un administrateur du site" in log
    assert "Erreur d’adresse urgente." in log


@pytest.mark.parametrize("role", [r for r in ROLES if r != "visitor"])
def test_the_open_api_only_proposes(client, pending, cast, role):
    """A partner token acting for any role (bound to the collective itself) never changes the public page."""
    token = ApiToken(name="Partenaire", user=cast[role], profile=pending)
    key = token.generate_key()
    token.save()
    before = public_state(pending)
    response = client.patch(
        f"/api/v1/alternatives/{pending.pk}/",
        {"short_description": "Écrit par l'API."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 202 and response.json()["status"] == "pending_moderation"
    assert public_state(pending) == before
    assert client.get(f"/api/v1/alternatives/{pending.pk}/").json()["short_description"] == PUBLISHED


@pytest.mark.parametrize("role", ROLES)
def test_the_member_editor_only_proposes(client, pending, cast, role):
    before = public_state(pending)
    form = {
        "title": "Communa",
        "short_description": "Écrit dans le formulaire des membres.",
        "kind": pending.kind,
        "postcode": pending.postcode or "",
        "city": pending.city or "",
    }
    response = login(client, cast[role]).post(f"/fr/gouvernance/profil/{pending.pk}/modifier/", form)
    assert public_state(pending) == before
    if role in ("editor", "collective_admin", "moderator_own", "site_admin"):  # those who may propose did
        assert response.status_code == 302, response.content.decode()[:2000]
        proposed = ProfilePage.objects.get(pk=pending.pk).specific.get_latest_revision_as_object()
        assert proposed.short_description == "Écrit dans le formulaire des membres."
    assert "Écrit dans le formulaire des membres." not in client.get(pending.url).content.decode()


def test_a_translator_sends_a_translation_to_the_vote(client, profiles, cast, homes):
    """wagtail-localize only knows Publish, which is refused on common data: the translation goes to the vote."""
    from wagtail_localize.models import Translation, TranslationSource

    from incommon_cms.governance.workflows import ensure_default_workflow

    nl_directory = profiles["communa"].get_parent().copy_for_translation(homes["nl"].locale)
    nl_directory.save_revision().publish()
    ensure_default_workflow()
    source, _created = TranslationSource.get_or_create_from_instance(profiles["communa"])
    job = Translation.objects.create(source=source, target_locale=homes["nl"].locale)
    job.save_target(publish=False)  # what the translation editor keeps while the translator works
    nl = profiles["communa"].get_translation(homes["nl"].locale).specific
    assert not nl.live
    translator = cast["translator"]
    with pytest.raises(PermissionDenied):
        nl.get_latest_revision().publish(user=translator)

    client.force_login(translator)
    explorer = client.get(f"/admin/pages/{nl_directory.pk}/").content.decode()
    assert f"/admin/governance/submit-translation/{nl.pk}/" in explorer
    assert "Envoyer la traduction aux modérateurs" in explorer
    client.post(f"/admin/governance/submit-translation/{nl.pk}/")
    state = pending_task_states().get(workflow_state__object_id=str(nl.pk))
    assert not ProfilePage.objects.get(pk=nl.pk).live
    approve(state, cast["moderator"])
    approve(pending_task_states().get(workflow_state__object_id=str(nl.pk)), cast["moderator_other"])
    assert ProfilePage.objects.get(pk=nl.pk).live
    assert Decision.objects.filter(action=Decision.APPROVE, target_id=str(nl.pk)).exists()
