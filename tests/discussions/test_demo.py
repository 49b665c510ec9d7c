"""The demo: a topic space in fr and nl, topics, threads with replies on profiles and topics; idempotent."""

import io

import pytest

from incommon_cms.core.demo_loader import DemoContext, demo_files, load_demo_files
from incommon_cms.directory.models import ProfilePage
from incommon_cms.discussions.models import Comment, CommentState, TopicIndexPage, TopicPage
from incommon_cms.discussions.threads import comments_of

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_bilingual_topic_space_and_threads_and_is_idempotent(client):
    ctx = DemoContext(stdout=io.StringIO())
    load_demo_files(ctx, demo_files())

    slugs = {page.locale.language_code: page.slug for page in TopicIndexPage.objects.live()}
    assert slugs == {"fr": "espace-de-partage", "nl": "uitwisselingsruimte", "en": "sharing-space"}
    languages = set(TopicPage.objects.live().values_list("locale__language_code", flat=True))
    assert languages == {"fr", "nl"}
    assert Comment.objects.filter(level=1, is_public=True).exists()
    communa = ProfilePage.objects.get(title="Communa", locale__language_code="fr")
    assert comments_of(communa).filter(level=1).exists()
    assert CommentState.objects.filter(status=CommentState.PENDING).count() == 1

    counts = (TopicPage.objects.count(), Comment.objects.count())
    load_demo_files(ctx, demo_files(app_labels={"discussions"}))
    assert (TopicPage.objects.count(), Comment.objects.count()) == counts

    html = client.get("/nl/uitwisselingsruimte/").content.decode()
    assert "Zaal beschikbaar voor workshops op zaterdag" in html
    assert "2 reacties" in html
