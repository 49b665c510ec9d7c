"""The decision log's verbs come from a registry each app fills from its ready() (`governance.log`)."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils import translation

from incommon_cms.governance import log
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision

pytestmark = pytest.mark.django_db

# Every app's verbs and their English labels, as the log shows them.
EXPECTED = {
    # governance
    "approve": "Change approved",
    "reject": "Change rejected",
    "auto_approve": "Minor change approved automatically",
    "claim_accept": "Claim accepted",
    "claim_refuse": "Claim refused",
    "report_resolve": "Report resolved",
    "report_dismiss": "Report dismissed",
    "role_change": "Role changed",
    "member_remove": "Member removed",
    "import": "Data imported",
    "member_join": "Member joined",
    "emergency_publish": "Emergency publication by a site administrator",
    "emergency_unpublish": "Emergency withdrawal by a site administrator",
    # agenda
    "event_approve": "Event approved",
    "event_reject": "Event rejected",
    # discussions
    "comment_hide": "Comment hidden",
    "comment_remove": "Comment removed",
    "comment_approve": "Comment approved",
    # commons
    "merge": "Profiles merged",
}


def test_each_app_registers_its_verbs():
    with translation.override("en"):
        assert {value: str(label) for value, label in log.verb_choices()} == EXPECTED
    assert sorted(log.approval_verbs()) == ["approve", "auto_approve", "claim_accept", "event_approve"]
    # The model's choices are the registry's.
    assert list(Decision._meta.get_field("action").choices) == log.verb_choices()


def test_an_unknown_verb_is_refused_with_a_clear_error_and_nothing_is_written():
    with pytest.raises(ValueError, match=r"Unknown decision-log verb 'comment_delete'.*register_verb"):
        record_decision(action="comment_delete", reason="Spam")
    assert not Decision.objects.exists()
    with pytest.raises(ValidationError) as error:
        Decision(action="comment_delete").full_clean()
    assert "action" in error.value.message_dict


def test_a_verb_registered_again_must_keep_its_label():
    log.register_verb("merge", log._VERBS["merge"].label)  # the same registration again is harmless
    assert len(log.verb_choices()) == len(EXPECTED)
    with pytest.raises(ImproperlyConfigured, match="'merge' is already registered"):
        log.register_verb("merge", "Merged")
    with pytest.raises(ImproperlyConfigured, match="1 to 30 characters"):
        log.register_verb("x" * 31, "Too long")
    with translation.override("en"):
        assert str(dict(log.verb_choices())["merge"]) == "Profiles merged"
    assert "x" * 31 not in dict(log.verb_choices())


@pytest.mark.parametrize(
    "language, labels",
    [
        ("fr", ["Commentaire masqué", "Profils fusionnés", "Événement approuvé", "Données importées"]),
        ("nl", ["Reactie verborgen", "Profielen samengevoegd", "Evenement goedgekeurd", "Gegevens geïmporteerd"]),
    ],
)
def test_the_log_shows_every_apps_verbs_in_the_visitors_language(client, home_fr, language, labels):
    for action in ("comment_hide", "merge", "event_approve", "import"):
        record_decision(action=action, reason=f"raison {action}")
    with translation.override(language):
        url = reverse("governance:log")
    html = client.get(url).content.decode()
    for label in labels:
        assert f'<span class="badge">{label}</span>' in html
        assert f">{label}</option>" in html
    filtered = client.get(url, {"action": "merge"}).content.decode()
    assert "raison merge" in filtered and "raison import" not in filtered
    # A verb nobody registered is not a filter: the whole log is shown.
    unfiltered = client.get(url, {"action": "nonsense"}).content.decode()
    assert "raison merge" in unfiltered and "raison import" in unfiltered
