"""Every e-mail the platform sends, with names, titles and texts full of markup characters: the plain-text part
shows them as typed (no HTML entity), the HTML part escapes them exactly once (never `&amp;lt;`)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from agenda.models import EventProposal
from incommon_cms.directory.models import AlternativePage
from incommon_cms.discussions import moderation as discussions
from incommon_cms.ecosystem.reminders import send_reminders
from incommon_cms.governance import memberships
from incommon_cms.governance import moderation as governance
from incommon_cms.governance.models import Membership
from incommon_cms.governance.submissions import submit_revision

pytestmark = pytest.mark.django_db

NAME = 'Sophie<img src=x onerror=alert(1)> & "Co" l\'équipe'
TITLE = 'Collectif <b>A</b> & "B" d\'Ixelles 🌱'
TEXT = "<script>alert('x')</script> & \"quotes\" l'été 🚲"
ENTITY_RE = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")
DOUBLE_RE = re.compile(r"&amp;(#x?[0-9a-fA-F]+|[a-zA-Z]+);")


def hostile(world):
    """Every person gets a name made of markup, collective A a title made of markup."""
    for user in world.users.values():
        if user is not None:
            user.first_name, user.last_name, user.language = NAME, "", "fr"
            user.save()
    AlternativePage.objects.filter(pk=world.a.pk).update(title=TITLE, draft_title=TITLE)
    world.a.refresh_from_db()


def assert_as_typed(messages, *expected):
    assert messages
    for message in messages:
        for part in (message.subject, message.body):
            assert not ENTITY_RE.search(part), part
        for content, _type in getattr(message, "alternatives", []):
            assert not DOUBLE_RE.search(content), content
    found = "\n".join(message.subject + "\n" + message.body for message in messages)
    for value in expected:
        assert value in found, (value, found)


def test_a_comment_notification_quotes_the_comment_and_its_author_as_typed(world):
    hostile(world)

    discussions.post_comment(user=world.users["collective_admin"], target=world.b, text=TEXT)

    (message,) = [m for m in mail.outbox if m.to == [world.users["editor"].email]]
    assert_as_typed([message], NAME, TEXT)
    html = message.alternatives[0][0]
    assert escape(TEXT) in html and escape(NAME) in html
    assert "<script>" not in html and "<img" not in html


def test_a_rejection_and_wagtails_notifications_name_people_and_pages_as_typed(world):
    hostile(world)
    editor = world.users["editor"]
    draft = world.a.get_latest_revision_as_object()
    draft.short_description = "Autre chose"
    submit_revision(draft, editor)
    state = world.a.workflow_states.get(status="in_progress")
    mail.outbox.clear()

    governance.reject(state.current_task_state, world.users["moderator"], comment=TEXT)

    to_editor = [message for message in mail.outbox if message.to == [editor.email]]
    assert len(to_editor) == 2  # the platform's "changes requested" and Wagtail's own notification
    assert_as_typed(to_editor, NAME, TITLE, TEXT)
    assert any(message.body.rstrip().endswith("/admin/account/#tab-notifications") for message in to_editor)


def test_invitations_claims_and_reminders_are_written_as_typed(world):
    hostile(world)
    memberships.invite(world.a, "new-member@example.org", Membership.EDITOR, world.users["collective_admin"])
    memberships.decide_claim(world.claim, world.users["moderator"], accept=False, reason=TEXT)
    send_reminders(today=datetime.date.today() + datetime.timedelta(days=800))

    assert_as_typed([m for m in mail.outbox if m.to == ["new-member@example.org"]], NAME, TITLE)
    assert_as_typed([m for m in mail.outbox if m.to == [world.users["user"].email]], TEXT)
    reminders = [m for m in mail.outbox if m.to == [world.users["editor"].email]]
    assert_as_typed(reminders, NAME, TITLE)
    assert escape(TITLE) in reminders[0].alternatives[0][0]


def test_an_event_proposal_confirmation_names_the_event_as_typed(client, world):
    day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    data = {
        "email": "ana@example.org",
        "organiser_name": NAME,
        "title": TEXT,
        "start_date": day,
        "start_time": "18:00",
        "street_address": "Rue Haute 10, 1000 Bruxelles",
        "website_url": "",
    }

    client.post(reverse("agenda_propose"), data)

    assert EventProposal.objects.exists()
    assert_as_typed(mail.outbox, TEXT)
