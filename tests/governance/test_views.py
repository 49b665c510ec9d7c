"""The governance pages as people use them: forms, claims, invitations, reports, queue, log and overview."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import WorkflowState

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory.models import AlternativePage, PlacePage
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Claim, Decision, Invitation, Membership, Report

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


# --- Front-end profile editing -----------------------------------------------------------------------------------


def test_the_edit_form_submits_a_draft_and_shows_its_status(client, profiles, people):
    page = profiles["communa"]
    client.force_login(people["editor"])
    form = text(client.get(f"/fr/gouvernance/profil/{page.pk}/modifier/"))
    assert 'value="Occupations temporaires de bâtiments vides."' in form
    assert 'id="profile-map"' in form and "vendor/leaflet/leaflet.js" in form
    response = client.post(
        f"/fr/gouvernance/profil/{page.pk}/modifier/",
        {
            "title": "Communa",
            "short_description": "Des bâtiments vides pour des projets citoyens.",
            "description": "Premier paragraphe.\n\nSecond <b>paragraphe</b>.",
            "latitude": "50.85",
            "longitude": "4.35",
            "data_licence": "CC-BY-SA-4.0",
            "save": "1",
        },
        follow=True,
    )
    html = text(response)
    assert "Vos modifications ont été envoyées aux modérateurs" in html
    assert '<span class="badge">en cours</span>' in html
    live = AlternativePage.objects.get(pk=page.pk)
    assert live.short_description == "Occupations temporaires de bâtiments vides."
    proposed = live.get_latest_revision_as_object()
    assert proposed.short_description == "Des bâtiments vides pour des projets citoyens."
    assert proposed.description == "<p>Premier paragraphe.</p><p>Second &lt;b&gt;paragraphe&lt;/b&gt;.</p>"
    assert (proposed.latitude, proposed.longitude) == (50.85, 4.35)
    assert "POINT(4.35 50.85)" in proposed.location
    assert WorkflowState.objects.get(object_id=str(page.pk)).requested_by == people["editor"]


def test_the_edit_form_keeps_what_was_typed_on_errors(client, profiles, people):
    page = profiles["communa"]
    client.force_login(people["editor"])
    response = client.post(
        f"/fr/gouvernance/profil/{page.pk}/modifier/",
        {"title": "", "short_description": "Mon texte tapé avec soin", "website": "pas une adresse", "save": "1"},
    )
    assert response.status_code == 400
    html = text(response)
    assert "Mon texte tapé avec soin" in html
    assert "pas une adresse" in html
    assert "Veuillez corriger les erreurs" in html
    assert not WorkflowState.objects.exists()


def test_preview_shows_the_proposal_without_sending_it(client, profiles, people):
    page = profiles["communa"]
    client.force_login(people["editor"])
    response = client.post(
        f"/fr/gouvernance/profil/{page.pk}/modifier/",
        {"title": "Communa", "short_description": "Texte en aperçu", "data_licence": "CC-BY-SA-4.0", "preview": "1"},
    )
    html = text(response)
    assert 'id="preview"' in html and '<p class="lead">Texte en aperçu</p>' in html
    assert not WorkflowState.objects.exists()
    assert AlternativePage.objects.get(pk=page.pk).latest_revision is None


def test_proposing_a_new_place(client, directory, people):
    user = people["signed_in"]
    client.force_login(user)
    assert "Un lieu à partager" in text(client.get("/fr/gouvernance/profil/nouveau/"))
    assert 'name="capacity"' in text(client.get("/fr/gouvernance/profil/nouveau/?type=place"))
    response = client.post(
        "/fr/gouvernance/profil/nouveau/",
        {"profile_type": "place", "title": "Salle du Marais", "capacity": "40", "save": "1"},
    )
    assert response.status_code == 302
    page = PlacePage.objects.get(title="Salle du Marais")
    assert not page.live and page.capacity == 40
    assert Membership.objects.get(profile=page).user == user
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/fr/carte/salle-du-marais/").status_code == 404


# --- Claims --------------------------------------------------------------------------------------------------------


def test_claiming_a_profile_without_members_and_moderators_accepting(client, profiles, people):
    orphan = profiles["orphan"]
    claimant = people["signed_in"]
    client.force_login(claimant)
    assert "C'est mon organisation" in text(client.get(orphan.url))
    client.post(f"/fr/gouvernance/profil/{orphan.pk}/revendiquer/", {"message": "Je suis coordinatrice."})
    claim = Claim.objects.get()
    assert claim.status == Claim.PENDING
    # A profile with members cannot be claimed.
    client.post(f"/fr/gouvernance/profil/{profiles['communa'].pk}/revendiquer/", {"message": "Moi aussi"})
    assert Claim.objects.count() == 1

    client.force_login(people["moderator"])
    queue = text(client.get("/fr/gouvernance/moderation/"))
    assert "Je suis coordinatrice." in queue
    response = client.post(
        f"/fr/gouvernance/moderation/demande/{claim.pk}/",
        {f"claim-{claim.pk}-decision": "accept", f"claim-{claim.pk}-reason": "Confirmé par téléphone."},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(profile=orphan)
    assert membership.user == claimant and membership.role == Membership.ADMIN
    decision = Decision.objects.get(action=Decision.CLAIM_ACCEPT)
    assert decision.reason == "Confirmé par téléphone." and decision.actor_collectives == "BRAL"
    assert any(claimant.email in m.to and "Vous gérez maintenant Radio Panik" in m.subject for m in mail.outbox)


def test_refusing_a_claim_needs_a_reason_and_keeps_the_typed_form(client, profiles, people):
    claim = Claim.objects.create(profile=profiles["orphan"], user=people["signed_in"], message="C'est moi")
    client.force_login(people["moderator"])
    response = client.post(f"/fr/gouvernance/moderation/demande/{claim.pk}/", {f"claim-{claim.pk}-decision": "refuse"})
    assert response.status_code == 400
    assert "Veuillez donner un motif" in text(response)
    claim.refresh_from_db()
    assert claim.status == Claim.PENDING
    client.post(
        f"/fr/gouvernance/moderation/demande/{claim.pk}/",
        {f"claim-{claim.pk}-decision": "refuse", f"claim-{claim.pk}-reason": "Aucun lien trouvé."},
    )
    claim.refresh_from_db()
    assert claim.status == Claim.REFUSED
    assert not Membership.objects.filter(profile=profiles["orphan"]).exists()
    assert Decision.objects.get(action=Decision.CLAIM_REFUSE).reason == "Aucun lien trouvé."


def test_only_moderators_see_the_queue(client, people):
    assert client.get("/fr/gouvernance/moderation/").status_code == 302
    client.force_login(people["editor"])
    assert client.get("/fr/gouvernance/moderation/").status_code == 403


# --- Members and invitations ---------------------------------------------------------------------------------------


def test_inviting_by_email_and_accepting_after_login(client, profiles, people):
    page = profiles["communa"]
    client.force_login(people["collective_admin"])
    response = client.post(
        f"/fr/gouvernance/profil/{page.pk}/membres/",
        {"action": "invite", "email": "Nadia@Example.org", "role": "editor"},
    )
    assert response.status_code == 302
    (message,) = [m for m in mail.outbox if "nadia@example.org" in m.to]
    assert "Vous êtes invité·e à gérer Communa" in message.subject
    link = re.search(r"http://testserver(/fr/gouvernance/invitation/[^/\s]+/)", message.body).group(1)

    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    nadia = UserFactory(email="nadia@example.org", first_name="Nadia", last_name="")
    client.force_login(nadia)
    client.post(link)
    assert Membership.objects.get(user=nadia).role == Membership.EDITOR
    assert Invitation.objects.get().accepted_by == nadia
    assert Decision.objects.get(action=Decision.MEMBER_JOIN).details["member"] == "Nadia"
    # Used once only.
    client.force_login(people["signed_in"])
    client.post(link)
    assert not Membership.objects.filter(user=people["signed_in"]).exists()


def test_an_editor_cannot_manage_members(client, profiles, people):
    client.force_login(people["editor"])
    response = client.post(
        f"/fr/gouvernance/profil/{profiles['communa'].pk}/membres/",
        {"action": "invite", "email": "x@example.org", "role": "admin"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_changing_roles_and_removing_members_is_logged(client, profiles, people):
    page = profiles["communa"]
    client.force_login(people["collective_admin"])
    editor_membership = Membership.objects.get(user=people["editor"], profile=page)
    client.post(
        f"/fr/gouvernance/profil/{page.pk}/membres/",
        {"action": "role", "membership": editor_membership.pk, "role": "admin"},
    )
    editor_membership.refresh_from_db()
    assert editor_membership.role == Membership.ADMIN
    client.post(f"/fr/gouvernance/profil/{page.pk}/membres/", {"action": "remove", "membership": editor_membership.pk})
    assert not Membership.objects.filter(pk=editor_membership.pk).exists()
    assert list(Decision.objects.values_list("action", flat=True)) == [Decision.MEMBER_REMOVE, Decision.ROLE_CHANGE]
    # The last administrator stays.
    own = Membership.objects.get(user=people["collective_admin"], profile=page)
    response = client.post(
        f"/fr/gouvernance/profil/{page.pk}/membres/", {"action": "remove", "membership": own.pk}, follow=True
    )
    assert "au moins un administrateur" in text(response)
    assert Membership.objects.filter(pk=own.pk).exists()
    # Removal also takes away the Wagtail page permission.
    assert not profiles["communa"].permissions_for_user(people["editor"]).can_edit()


# --- Reports -------------------------------------------------------------------------------------------------------


def test_every_page_links_to_the_report_form(client, profiles, home_fr):
    html = text(client.get(profiles["communa"].url))
    assert f'href="/fr/gouvernance/signaler/?page={profiles["communa"].pk}"' in html
    assert "Signaler une erreur sur cette page" in html


def test_anyone_reports_an_error_and_a_moderator_resolves_it(client, profiles, people):
    page = profiles["bral"]
    form = text(client.get(f"/fr/gouvernance/signaler/?page={page.pk}"))
    assert "À propos de la page « BRAL »" in form
    assert '<div class="honeypot" aria-hidden="true">' in form
    response = client.post(
        "/fr/gouvernance/signaler/",
        {"page": page.pk, "kind": "error", "message": "Le numéro de téléphone a changé.", "website_url": ""},
    )
    assert response.status_code == 302 and response.url == page.url
    report = Report.objects.get()
    assert report.page_id == page.pk and report.reporter is None

    client.force_login(people["moderator_other"])
    assert "Le numéro de téléphone a changé." in text(client.get("/fr/gouvernance/moderation/"))
    client.post(
        f"/fr/gouvernance/moderation/signalement/{report.pk}/",
        {f"report-{report.pk}-decision": "accept", f"report-{report.pk}-reason": "Numéro corrigé."},
    )
    report.refresh_from_db()
    assert report.status == Report.RESOLVED and report.handled_by == people["moderator_other"]
    decision = Decision.objects.get(action=Decision.REPORT_RESOLVE)
    assert decision.reason == "Numéro corrigé." and decision.profile.pk == page.pk
    assert "Numéro corrigé." in text(client.get("/fr/gouvernance/journal/"))


def test_the_honeypot_stops_bots(client, profiles):
    response = client.post(
        "/fr/gouvernance/signaler/",
        {"page": profiles["bral"].pk, "kind": "abuse", "message": "Spam", "website_url": "http://spam.example"},
    )
    assert response.status_code == 400
    assert "Ce formulaire n&#x27;a pas pu être envoyé." in text(response)
    assert not Report.objects.exists()


def test_reports_are_rate_limited(client, profiles):
    for number in range(7):
        client.post("/fr/gouvernance/signaler/", {"kind": "error", "message": f"Erreur {number}", "url": "/fr/"})
    assert Report.objects.count() == 5
    response = client.post("/fr/gouvernance/signaler/", {"kind": "error", "message": "Encore une", "url": "/fr/"})
    assert "beaucoup de signalements" in text(response)
    assert "Encore une" in text(response)


# --- Log and governance page ---------------------------------------------------------------------------------------


def test_the_log_filters_by_decision_profile_and_words_and_paginates(client, profiles, people):
    for number in range(30):
        record_decision(
            action=Decision.APPROVE, actor=people["moderator"], target=profiles["bral"], reason=f"Motif {number}"
        )
    record_decision(
        action=Decision.REJECT, actor=people["moderator"], target=profiles["communa"], reason="Source manquante"
    )
    html = text(client.get("/fr/gouvernance/journal/"))
    assert "Page 1 sur 2" in html and "Source manquante" in html
    assert "Motif 29" in html and "Motif 0" not in html
    assert "Motif 0" in text(client.get("/fr/gouvernance/journal/?page=2"))
    only_rejections = text(client.get("/fr/gouvernance/journal/?action=reject"))
    assert "Source manquante" in only_rejections and "Motif" not in only_rejections
    per_profile = text(client.get(f"/fr/gouvernance/journal/?profile={profiles['communa'].pk}"))
    assert "Décisions concernant Communa" in per_profile and "Motif" not in per_profile
    assert "Source manquante" in text(client.get("/fr/gouvernance/journal/?q=manquante"))
    # The profile page shows its own latest decisions and links to its log.
    profile_html = text(client.get(profiles["communa"].url))
    assert f"/fr/gouvernance/journal/?profile={profiles['communa'].pk}" in profile_html
    assert "Modification refusée" in profile_html


def test_translated_urls():
    from django.urls import reverse
    from django.utils import translation

    with translation.override("nl"):
        assert reverse("governance:log") == "/nl/bestuur/logboek/"
    with translation.override("fr"):
        assert reverse("governance:log") == "/fr/gouvernance/journal/"
    with translation.override("en"):
        assert reverse("governance:log") == "/en/governance/log/"


def test_the_governance_page_is_generated_from_the_live_configuration(client, task, profiles, people):
    html = text(client.get("/fr/gouvernance/"))
    assert "dès que 2 modérateurs l'approuvent" in html
    assert "au moins deux collectifs différents" in html
    assert "aucune n'est publiée automatiquement" in html
    assert "<strong>Amina</strong> – BRAL" in html and "<strong>Pieter</strong> – Financité" in html
    task.required_approvals = 3
    task.distinct_collectives = False
    task.minor_fields = ["opening_hours", "phone"]
    task.save()
    html = text(client.get("/fr/gouvernance/"))
    assert "dès que 3 modérateurs" in html
    assert "au moins deux collectifs différents" not in html
    assert "heures d&#x27;ouverture, téléphone" in html
    html = text(client.get("/nl/bestuur/"))
    assert "zodra 3 moderatoren ze goedkeuren" in html


# --- Wagtail admin: dashboard panel, digest ------------------------------------------------------------------------


def test_the_dashboard_panel_lists_pending_changes_with_their_diff(client, profiles, people, submit):
    submit(profiles["communa"], people["editor"], short_description="Nouveau texte", email="other-secret@x.example")
    client.force_login(people["moderator"])
    html = text(client.get("/admin/"))
    assert "Cogestion : modifications en attente de votes" in html
    assert "Occupations temporaires de bâtiments vides." in html and "Nouveau texte" in html
    assert "Approbations : 0 sur 2." in html
    assert "contact-secret@communa.example" in html  # moderators may see private values in the admin
    client.force_login(people["moderator_own"])
    html = text(client.get("/admin/"))
    assert "d'autres modérateurs décident" in html


def test_approving_in_the_admin_counts_as_a_vote_and_publishes_at_k(client, profiles, people, submit):
    page = profiles["communa"]
    state = submit(page, people["editor"], short_description="Approuvé dans l'admin")
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/"
    for moderator in ("moderator", "moderator_other"):
        client.force_login(people[moderator])
        client.post(url, {"comment": ""})
    assert AlternativePage.objects.get(pk=page.pk).short_description == "Approuvé dans l'admin"
    client.force_login(people["moderator_same"])
    reject_url = f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/"
    state = submit(page, people["editor"], short_description="Encore")
    reject_url = f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/"
    client.post(reject_url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # a rejection without reason is refused
    client.post(reject_url, {"comment": "Trop vague."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_the_digest_reaches_each_moderator_in_their_language(profiles, people, submit):
    people["moderator_other"].language = "nl"
    people["moderator_other"].save()
    submit(profiles["communa"], people["editor"], short_description="Nouveau", email="digest-secret@x.example")
    Claim.objects.create(profile=profiles["orphan"], user=people["signed_in"], message="Moi")
    mail.outbox.clear()
    call_command("send_moderation_digest")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    dutch = by_recipient[people["moderator_other"].email]
    assert "Moderatie: wat op u wacht" in dutch.subject
    assert "Communa" in dutch.body and "korte beschrijving" in dutch.body and "Radio Panik" in dutch.body
    french = by_recipient[people["moderator"].email]
    assert "Modération : ce qui vous attend" in french.subject
    assert "description courte" in french.body
    # The member-moderator of Communa is not asked to vote on it; nobody gets private values by e-mail.
    assert "Communa (" not in by_recipient[people["moderator_own"].email].body
    assert all("secret" not in m.body for m in mail.outbox)


def test_the_default_workflow_is_attached_idempotently_and_on_publish(home_fr, directory):
    from wagtail.models import WorkflowPage

    from incommon_cms.directory.factories import DirectoryIndexPageFactory
    from incommon_cms.governance.workflows import ensure_default_workflow

    assert WorkflowPage.objects.get(page=directory).workflow.name == "Co-governance"
    assert ensure_default_workflow() == []
    other = DirectoryIndexPageFactory(parent=home_fr, slug="carte-2", title="Carte 2")
    assert not WorkflowPage.objects.filter(page=other).exists()
    other.save_revision().publish()
    assert WorkflowPage.objects.get(page=other).workflow.name == "Co-governance"
