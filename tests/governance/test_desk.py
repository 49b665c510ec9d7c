"""The moderation desk: one page, a section per kind of work registered by each app, every item actionable there."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory.factories import AlternativePageFactory
from incommon_cms.directory.models import AlternativePage, ProfilePage
from incommon_cms.discussions import moderation as discussions
from incommon_cms.discussions.models import TopicIndexPage
from incommon_cms.governance import desk
from incommon_cms.governance.models import Claim, Decision, Report, Vote

pytestmark = pytest.mark.django_db

NEW_TEXT = "Des bâtiments vides pour des projets citoyens."
OLD_TEXT = "Occupations temporaires de bâtiments vides."


def text(response):
    return response.content.decode()


def gettext_in(language, message):
    with translation.override(language):
        return translation.gettext(message)


def section(html, key):
    """The HTML of one section of the desk."""
    anchor = "desk-" + key.replace("_", "-")
    start = html.index(f'<section class="desk-section" id="{anchor}"')
    return html[start : html.index("</section>", start)]


def header_count(html):
    match = re.search(r'<a href="[^"]+" class="desk-link">[^<]*?\((\d+)\)</a>', html)
    return int(match.group(1)) if match else None


def item_count(html):
    return len(re.findall(r'<li class="card [^"]*desk-item', html))


@pytest.fixture
def change(profiles, people, submit):
    return submit(profiles["communa"], people["editor"], short_description=NEW_TEXT)


@pytest.fixture
def everything(home_fr, directory, profiles, people, change):
    """One item waiting in every section of the desk."""
    newcomer = UserFactory(username="nina", first_name="Nina", last_name="")
    reader = UserFactory(username="rudi", first_name="Rudi", last_name="")
    Claim.objects.create(profile=profiles["orphan"], user=people["signed_in"], message="Je suis la coordinatrice.")
    Report.objects.create(page=profiles["bral"], kind=Report.ERROR, message="Le numéro de téléphone a changé.")
    discussions.post_comment(user=newcomer, target=profiles["bral"], text="Mon tout premier commentaire")
    doubtful = discussions.post_comment(user=people["editor"], target=profiles["bral"], text="Commentaire douteux")
    discussions.flag_comment(
        user=reader, comment=doubtful, reason="other", details="Il donne l'adresse privée d'une bénévole."
    )
    topics = TopicIndexPage(title="Espace de partage", slug="espace-de-partage")
    home_fr.add_child(instance=topics)
    topics.save_revision().publish()
    discussions.open_topic(
        user=newcomer, index_page=topics, title="Qui prête une remorque ?", topic_type="question", theme=None, body="?"
    )
    ProfilePage.objects.filter(pk=profiles["orphan"].pk).update(last_verified=datetime.date(2020, 1, 1))
    AlternativePageFactory(parent=directory, title="Repair Café Ixelles", website="https://repair-ixelles.example/")
    AlternativePageFactory(
        parent=directory, title="Repair Café d'Ixelles", website="https://www.repair-ixelles.example"
    )
    return {"change": change}


@pytest.mark.parametrize(
    "language, url, headings",
    [
        (
            "fr",
            "/fr/gouvernance/moderation/",
            ["Cogestion : modifications en attente de votes", "Demandes de gestion", "Signalements",
             "Commentaires en attente de modération", "Commentaires signalés", "Sujets en attente de modération",
             "Fiches à vérifier", "Doublons possibles"],
        ),
        (
            "nl",
            "/nl/bestuur/moderatie/",
            ["Medebeheer: wijzigingen die op stemmen wachten", "Beheeraanvragen", "Meldingen",
             "Reacties die op moderatie wachten", "Gemelde reacties", "Onderwerpen die op moderatie wachten",
             "Te controleren fiches", "Mogelijke dubbels"],
        ),
    ],
)  # fmt: skip
def test_the_desk_lists_every_section_with_its_items(client, people, everything, language, url, headings):
    client.force_login(people["moderator"])
    response = client.get(url)
    assert response.status_code == 200
    html = text(response)
    assert f"<h1>{gettext_in(language, 'Moderation desk')}</h1>" in html
    for heading in headings:
        assert f">{heading} <span class=" in html, heading

    changes = section(html, "changes")
    assert "Communa" in changes and "Karim" in changes
    assert NEW_TEXT in changes and OLD_TEXT in changes
    assert f'action="{reverse("governance:vote", args=[everything["change"].current_task_state.pk])}"' in changes
    assert "csrfmiddlewaretoken" in changes
    assert f'href="/admin/pages/{everything["change"].object_id}/edit/"' in changes
    assert "Je suis la coordinatrice." in section(html, "claims")
    assert "Le numéro de téléphone a changé." in section(html, "reports")
    assert "Mon tout premier commentaire" in section(html, "held_comments")
    reported = section(html, "reported_comments")
    assert "Commentaire douteux" in reported and "Mon tout premier" not in reported
    assert gettext_in(language, "Other") in reported
    assert "Il donne l&#x27;adresse privée d&#x27;une bénévole." in reported
    assert "Qui prête une remorque ?" in section(html, "pending_topics")
    stale = section(html, "stale_profiles")
    assert "Radio Panik" in stale and "BRAL" not in stale
    duplicates = section(html, "duplicates")
    assert "Repair Café Ixelles" in duplicates and "Repair Café d&#x27;Ixelles" in duplicates
    assert "/admin/commons/duplicates/" in duplicates

    # The header link counts exactly what the desk lists, and so does the registry.
    assert item_count(html) == 8
    assert header_count(html) == 8
    assert desk.pending_count(people["moderator"]) == 8
    assert [s.key for s in desk.sections()] == [
        "changes",
        "claims",
        "reports",
        "sharing",
        "held_comments",
        "reported_comments",
        "pending_topics",
        "stale_profiles",
        "duplicates",
    ]


def test_the_header_count_follows_the_work_done(client, people, profiles, change):
    client.force_login(people["moderator"])
    assert header_count(text(client.get(profiles["bral"].url))) == 1
    Report.objects.create(page=profiles["bral"], kind=Report.ERROR, message="Adresse fausse")
    assert header_count(text(client.get(profiles["bral"].url))) == 2
    assert "X-Page-Cache" not in client.get(profiles["bral"].url)


def test_two_approvals_from_the_desk_publish_the_change_and_write_the_log(client, people, profiles, change):
    task_state = change.current_task_state
    url = reverse("governance:vote", args=[task_state.pk])

    client.force_login(people["moderator"])
    response = client.post(url, {"action": "approve", "comment": "Vérifié sur leur site."})
    assert response.status_code == 302 and response["Location"] == "/fr/gouvernance/moderation/#desk-changes"
    vote = Vote.objects.get(task_state=task_state)
    assert (vote.user, vote.vote, vote.comment) == (people["moderator"], Vote.APPROVE, "Vérifié sur leur site.")
    html = text(client.get(response["Location"]))
    assert gettext_in("fr", "Your approval is counted: %(count)s of %(needed)s.") % {"count": 1, "needed": 2} in html
    assert "Vous avez déjà voté sur cette modification." in section(html, "changes")
    assert f'action="{url}"' not in html
    assert AlternativePage.objects.get(pk=profiles["communa"].pk).short_description == OLD_TEXT

    client.force_login(people["moderator_other"])
    response = client.post(url, {"action": "approve", "comment": ""})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == WorkflowState.STATUS_APPROVED
    assert AlternativePage.objects.get(pk=profiles["communa"].pk).short_description == NEW_TEXT
    decision = Decision.objects.get(action=Decision.APPROVE)
    assert decision.target_title == "Communa" and "short_description" in decision.details["fields"]
    assert [a["name"] for a in decision.details["approvers"]] == ["Amina", "Pieter"]
    assert decision.reason == "Vérifié sur leur site."
    html = text(client.get(response["Location"]))
    assert (
        gettext_in("fr", "The change has the approvals it needs: it is published and recorded in the public log.")
        in html
    )
    assert NEW_TEXT not in section(html, "changes")
    assert header_count(html) == 0


def test_requesting_changes_needs_a_reason(client, people, change):
    task_state = change.current_task_state
    client.force_login(people["moderator"])
    response = client.post(reverse("governance:vote", args=[task_state.pk]), {"action": "reject", "comment": "  "})
    assert response.status_code == 400
    assert "Veuillez expliquer ce qui doit changer." in section(text(response), "changes")
    assert not Vote.objects.exists()

    response = client.post(
        reverse("governance:vote", args=[task_state.pk]), {"action": "reject", "comment": "Il manque l'adresse."}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert Decision.objects.get(action=Decision.REJECT).reason == "Il manque l'adresse."


def test_a_moderator_of_the_edited_collective_cannot_vote(client, people, change):
    task_state = change.current_task_state
    url = reverse("governance:vote", args=[task_state.pk])
    client.force_login(people["moderator_own"])
    html = text(client.get("/fr/gouvernance/moderation/"))
    changes = section(html, "changes")
    assert NEW_TEXT in changes
    assert "Vous êtes membre de ce collectif : d&#x27;autres modérateurs décident." in changes
    assert f'action="{url}"' not in changes and 'name="comment"' not in changes

    response = client.post(url, {"action": "approve", "comment": "C'est nous, c'est juste."})
    assert response.status_code == 403
    assert (
        f'<p class="form-errors" role="alert" id="change-{task_state.pk}-error">'
        "Vous êtes membre de ce collectif : d&#x27;autres modérateurs décident.</p>"
    ) in text(response)
    assert not Vote.objects.exists()
    assert not Decision.objects.exists()

    # The author cannot vote on their own submission either.
    client.force_login(people["editor"])
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert not Vote.objects.exists()


def test_non_moderators_get_no_link_and_no_desk(client, people, profiles, change):
    assert header_count(text(client.get(profiles["bral"].url))) is None
    response = client.get("/fr/gouvernance/moderation/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for role in ("signed_in", "editor", "collective_admin"):
        client.force_login(people[role])
        html = text(client.get(profiles["bral"].url))
        assert 'class="desk-link"' not in html and header_count(html) is None
        assert client.get("/fr/gouvernance/moderation/").status_code == 403
        url = reverse("governance:vote", args=[change.current_task_state.pk])
        assert client.post(url, {"action": "approve"}).status_code == 403
    assert desk.pending_count(people["editor"]) is None
    assert not Vote.objects.exists()


def test_claims_and_reports_decided_on_the_desk_go_back_to_their_section(client, people, profiles):
    claim = Claim.objects.create(profile=profiles["orphan"], user=people["signed_in"], message="C'est moi")
    client.force_login(people["moderator"])
    response = client.post(
        f"/fr/gouvernance/moderation/demande/{claim.pk}/",
        {f"claim-{claim.pk}-decision": "refuse", f"claim-{claim.pk}-reason": "Aucun lien trouvé."},
    )
    assert response["Location"] == "/fr/gouvernance/moderation/#desk-claims"
    assert Decision.objects.get(action=Decision.CLAIM_REFUSE).reason == "Aucun lien trouvé."
    html = text(client.get(response["Location"]))
    assert "C&#x27;est moi" not in html and header_count(html) == 0


def test_the_old_discussions_queue_sends_to_the_desk(client, people):
    client.force_login(people["moderator"])
    response = client.get("/fr/discussions/moderation/")
    assert response.status_code == 302 and response["Location"] == "/fr/gouvernance/moderation/#desk-held-comments"
    client.force_login(people["editor"])
    assert client.get("/fr/discussions/moderation/").status_code == 403


def test_a_stale_profile_is_marked_as_checked_from_the_desk(client, people, profiles):
    orphan = profiles["orphan"]
    ProfilePage.objects.filter(pk=orphan.pk).update(last_verified=datetime.date(2020, 1, 1))
    client.force_login(people["moderator"])
    html = text(client.get("/fr/gouvernance/moderation/"))
    assert "Radio Panik" in section(html, "stale_profiles") and header_count(html) == 1
    response = client.post(
        reverse("ecosystem:confirm_as_member", args=[orphan.pk]),
        {"next": "/fr/gouvernance/moderation/#desk-stale-profiles"},
    )
    assert response["Location"] == "/fr/gouvernance/moderation/#desk-stale-profiles"
    html = text(client.get("/fr/gouvernance/moderation/"))
    assert "Radio Panik" not in section(html, "stale_profiles") and header_count(html) == 0


def test_the_admin_dashboard_panel_links_to_the_desk(client, people, change):
    client.force_login(people["moderator"])
    html = text(client.get("/admin/"))
    assert "Cogestion : modifications en attente de votes" in html and NEW_TEXT in html
    assert f'href="/fr/gouvernance/moderation/">{gettext_in("fr", "Open the moderation desk")}</a>' in html
    # The admin menu item (in the sidebar's JSON props) is now the desk.
    menu_item = json.dumps(gettext_in("fr", "Moderation desk"))
    assert re.search(re.escape(menu_item) + r'.{0,120}?"url": "/fr/gouvernance/moderation/"', html)
    assert json.dumps("Demandes et signalements") not in html
