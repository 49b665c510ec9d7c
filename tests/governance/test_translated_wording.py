"""Governance wording in the reader's language: the workflow's and task's names wherever Wagtail or the platform
shows them, and the moderators' decision forms."""

import json

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from incommon_cms.governance.forms import DecisionForm, ReportDecisionForm
from incommon_cms.governance.labels import StoredName
from incommon_cms.governance.models import Claim, Report
from incommon_cms.governance.moderation import approve
from incommon_cms.governance.workflows import TASK_NAME, WORKFLOW_NAME

pytestmark = pytest.mark.django_db

WAGTAIL_MESSAGE = "→ %(task_name)s"
LABELS = {
    "fr": ("Cogestion", "Approbation en cogestion"),
    "nl": ("Medebeheer", "Goedkeuring in medebeheer"),
}


def admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def pending(profiles, people, submit):
    """Communa with a change proposed by its editor and a first approval given."""
    communa = profiles["communa"]
    state = submit(communa, people["editor"], short_description="Un nouveau texte proposé.")
    approve(state.current_task_state, people["moderator"])
    return communa


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_admin_names_the_workflow_and_its_task_in_the_readers_language(client, people, pending, language):
    workflow_label, task_label = LABELS[language]
    client.force_login(admin_language(people["moderator_other"], language))
    pages = {
        "dashboard": client.get("/admin/"),
        "editor": client.get(f"/admin/pages/{pending.pk}/edit/"),
        "workflow history": client.get(f"/admin/pages/{pending.pk}/workflow_history/"),
        "history": client.get(f"/admin/pages/{pending.pk}/history/"),
    }
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert WORKFLOW_NAME not in html and TASK_NAME not in html, name
    # "Awaiting your review": the task's step, with its status.
    assert f'data-w-tooltip-content-value="{task_label}: ' in pages["dashboard"].content.decode()
    editor = pages["editor"].content.decode()
    assert f'<span id="title-text-workflow-status-dialog">{workflow_label}</span>' in editor
    assert task_label in editor
    assert workflow_label in pages["workflow history"].content.decode()
    history = pages["history"].content.decode()
    assert workflow_label in history and task_label in history


def test_the_site_admin_sees_the_names_translated_and_the_stored_key_stays(client, people, pending):
    task = Task.objects.get(name=TASK_NAME)
    client.force_login(people["site_admin"])
    html = client.get(f"/admin/workflows/tasks/edit/{task.pk}/").content.decode()
    assert 'value="Approbation en cogestion"' in html
    assert 'value="Co-governance approval"' not in html
    listing = client.get("/admin/workflows/list/").content.decode()
    assert "Cogestion" in listing and WORKFLOW_NAME not in listing

    # Saving the name as displayed, in any language, stores the key back.
    task = Task.objects.get(pk=task.pk).specific
    task.name = "Goedkeuring in medebeheer"
    task.save()
    assert Task.objects.filter(pk=task.pk).values_list("name", flat=True).get() == TASK_NAME
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.name = "Cogestion"
    workflow.save()
    assert Workflow.objects.filter(pk=workflow.pk).values_list("name", flat=True).get() == WORKFLOW_NAME
    # A name the admin chose is kept as typed.
    workflow.name = "Relecture croisée"
    workflow.save()
    assert Workflow.objects.get(pk=workflow.pk).name == "Relecture croisée"


def test_a_stored_name_is_its_key_for_data_and_its_label_for_people(directory):
    name = Task.objects.get(name=TASK_NAME).name
    assert isinstance(name, StoredName)
    assert name == TASK_NAME and json.dumps({"title": name}) == json.dumps({"title": TASK_NAME})
    template = Template("{{ name }}|{% filter upper %}{{ name }}{% endfilter %}")
    for language, (_workflow_label, task_label) in LABELS.items():
        with translation.override(language):
            assert str(name) == task_label
            assert f"{name}" == task_label
            # Wagtail's own messages are %-formatted translations ("Sent to %(task_name)s").
            assert WAGTAIL_MESSAGE % {"task_name": name} == f"→ {task_label}"
            assert template.render(Context({"name": name})) == f"{task_label}|{task_label.upper()}"
    with translation.override("en"):
        assert str(name) == TASK_NAME


@pytest.mark.parametrize(("language", "label"), [("fr", "Cogestion"), ("nl", "Medebeheer")])
def test_the_public_governance_page_names_the_workflow_in_the_readers_language(client, directory, language, label):
    with translation.override(language):
        url = reverse("governance:overview")
    html = client.get(url).content.decode()
    assert f"<h3>{label}</h3>" in html
    assert WORKFLOW_NAME not in html


DESK_WORDING = {
    "fr": {
        "present": ["Décision", "Accepter", "Refuser", "Motif", "Décider", "Résolu : la page a été corrigée"],
        "absent": [">Decision<", ">Decide<", "Accept</label>", "Refuse</label>", ">Reason"],
    },
    "nl": {
        "present": ["Beslissing", "Aanvaarden", "Weigeren", "Reden", "Beslissen", "Opgelost: de pagina werd verbeterd"],
        "absent": [">Decision<", ">Decide<", "Accept</label>", "Refuse</label>", ">Reason"],
    },
}


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_moderation_page_decides_in_the_readers_language(client, profiles, people, language):
    Claim.objects.create(profile=profiles["orphan"], user=people["signed_in"], message="C'est notre radio.")
    Report.objects.create(page=profiles["bral"], kind=Report.ERROR, message="Adresse fausse")
    client.force_login(people["moderator"])
    with translation.override(language):
        url = reverse("governance:queue")
    html = client.get(url).content.decode()
    assert "C'est notre radio." in html or "C&#x27;est notre radio." in html
    for text in DESK_WORDING[language]["present"]:
        assert text in html, text
    for text in DESK_WORDING[language]["absent"]:
        assert text not in html, text


@pytest.mark.parametrize(("language", "label"), [("fr", "Décision"), ("nl", "Beslissing")])
def test_the_decision_forms_label_every_field(language, label):
    with translation.override(language):
        for form in (DecisionForm(), ReportDecisionForm()):
            assert str(form["decision"].label) == label
            assert ">Decision<" not in form["decision"].label_tag()
