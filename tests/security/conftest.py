"""A small world with one person per role of the permission matrix, public and private content."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from agenda.models import EventProposal
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.commons.calendars import subscribe
from incommon_cms.core.demo_utils import translation
from incommon_cms.core.roles import MODERATORS_GROUP
from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory, DirectoryIndexPageFactory
from incommon_cms.discussions import moderation
from incommon_cms.discussions.models import ThreadFollower, TopicIndexPage, TopicPage
from incommon_cms.governance.models import Claim, Invitation, Membership, Report
from incommon_cms.governance.workflows import ensure_default_workflow
from toolbox.factories import ToolboxIndexPageFactory, ToolPageFactory

ROLES = ["visitor", "user", "editor", "collective_admin", "moderator", "admin"]
SECRET_EMAIL = "secret-contact@collective-a.example"
SECRET_PHONE = "+32 2 999 99 99"


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def world(homes):
    ensure_default_workflow()
    theme = CategoryFactory(slug="food", name="Alimentation", locale=homes["fr"].locale)
    directory = publish(DirectoryIndexPageFactory(parent=homes["fr"], title="Carte", slug="carte"))
    translation(directory, "nl", title="Kaart", slug="kaart")
    collective_a = publish(
        AlternativePageFactory(
            parent=directory,
            title="Collectif A",
            slug="collectif-a",
            email=SECRET_EMAIL,
            email_private=True,
            phone=SECRET_PHONE,
            phone_private=True,
        )
    )
    collective_b = publish(AlternativePageFactory(parent=directory, title="Collectif B", slug="collectif-b"))
    draft_profile = AlternativePageFactory(parent=directory, title="Brouillon secret", slug="brouillon", live=False)
    draft_profile.save_revision()
    unmanaged = publish(AlternativePageFactory(parent=directory, title="Sans membres", slug="sans-membres"))

    moderators = Group.objects.get_or_create(name=MODERATORS_GROUP)[0]
    users = {
        "visitor": None,
        "user": UserFactory(username="sam", first_name="Sam"),
        "editor": UserFactory(username="karim", first_name="Karim"),
        "collective_admin": UserFactory(username="sophie", first_name="Sophie"),
        "moderator": UserFactory(username="amina", first_name="Amina"),
        "admin": UserFactory(username="ada", first_name="Ada", is_superuser=True, is_staff=True),
    }
    Membership.objects.create(user=users["editor"], profile=collective_a, role=Membership.EDITOR)
    Membership.objects.create(user=users["collective_admin"], profile=collective_a, role=Membership.ADMIN)
    users["moderator"].groups.add(moderators)
    Membership.objects.create(user=users["moderator"], profile=collective_b, role=Membership.ADMIN)
    outsider = UserFactory(username="bert", first_name="Bert")
    Membership.objects.create(user=outsider, profile=collective_b, role=Membership.ADMIN)

    agenda = publish(AgendaIndexPageFactory(parent=homes["fr"]))
    event = EventPageFactory(parent=agenda, title="Repair café", slug="repair-cafe")
    event.organisers.set([collective_a])
    publish(event)
    draft_event = EventPageFactory(parent=agenda, title="Événement brouillon", slug="brouillon-event", live=False)
    toolbox = publish(ToolboxIndexPageFactory(parent=homes["fr"]))
    tool = publish(ToolPageFactory(parent=toolbox, title="Outil public", slug="outil-public"))
    draft_tool = ToolPageFactory(parent=toolbox, title="Outil brouillon", slug="outil-brouillon", live=False)

    topic_index = TopicIndexPage(title="Espace de partage", slug="espace-de-partage")
    homes["fr"].add_child(instance=topic_index)
    publish(topic_index)
    topic = moderation.open_topic(
        user=users["editor"],
        index_page=topic_index,
        title="Sujet public",
        topic_type="question",
        theme=theme,
        body="Bonjour",
    )
    if not topic.live:
        moderation.approve_topic(moderator=users["moderator"], topic=topic)
        topic.refresh_from_db()
    pending_topic = moderation.open_topic(
        user=users["user"],
        index_page=topic_index,
        title="Sujet en attente",
        topic_type="question",
        theme=theme,
        body="?",
    )
    pending_topic = TopicPage.objects.get(pk=pending_topic.pk)
    comment = moderation.post_comment(user=users["editor"], target=collective_b, text="Un commentaire public")
    held = moderation.post_comment(user=users["user"], target=collective_b, text="Commentaire en attente de modération")

    feed = subscribe(name="Agenda de A", organiser=collective_a, url="https://example.org/a.ics", user=users["editor"])
    proposal = EventProposal.objects.create(email="anon@example.org", data={"title": "Proposition"})
    invitation = Invitation.objects.create(
        profile=collective_a, email="new@example.org", invited_by=users["collective_admin"]
    )
    claim = Claim.objects.create(profile=unmanaged, user=users["user"], message="C'est nous")
    report = Report.objects.create(page=collective_b, kind=Report.ERROR, message="Adresse fausse")
    follower = ThreadFollower.objects.get(user=users["editor"], object_pk=str(collective_b.pk))

    return SimpleNamespace(
        homes=homes,
        theme=theme,
        directory=directory,
        a=collective_a,
        b=collective_b,
        draft_profile=draft_profile,
        unmanaged=unmanaged,
        users=users,
        agenda=agenda,
        event=event,
        draft_event=draft_event,
        toolbox=toolbox,
        tool=tool,
        draft_tool=draft_tool,
        topic_index=topic_index,
        topic=topic,
        pending_topic=pending_topic,
        comment=comment,
        held=held,
        feed=feed,
        proposal=proposal,
        invitation=invitation,
        claim=claim,
        report=report,
        follower=follower,
        today=datetime.date.today(),
    )


@pytest.fixture
def client_as(client):
    """A test client signed in as the person with `role` (anonymous for "visitor")."""
    from django.test import Client

    def make(world, role):
        new = Client()
        if world.users[role] is not None:
            new.force_login(world.users[role])
        return new

    return make
