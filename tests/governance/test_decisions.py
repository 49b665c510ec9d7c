import pytest

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision, Membership

pytestmark = pytest.mark.django_db


def test_record_decision_snapshots_the_decider_and_the_collective(home_fr):
    index = DirectoryIndexPageFactory(parent=home_fr)
    bral = AlternativePageFactory(parent=index, title="BRAL", email="secret@bral.example", email_private=True)
    communa = AlternativePageFactory(parent=index, title="Communa")
    moderator = UserFactory(first_name="Amina", last_name="")
    Membership.objects.create(user=moderator, profile=bral)
    entry = record_decision(action=Decision.APPROVE, actor=moderator, target=communa, reason="Horaires vérifiés")
    assert entry.actor_name == "Amina"
    assert entry.actor_collectives == "BRAL"
    assert entry.profile.pk == communa.pk
    assert entry.target_title == "Communa"
    assert entry.target_url == communa.url
    assert entry.reason == "Horaires vérifiés"
    # The snapshot survives the decider leaving the collective.
    Membership.objects.all().delete()
    entry.refresh_from_db()
    assert entry.actor_collectives == "BRAL"
    assert "secret@bral.example" not in str(Decision.objects.values().first())
