"""Stale profiles, the monthly reminder in each member's language and the one-click confirmation link."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.directory import freshness
from incommon_cms.directory.models import ProfilePage
from incommon_cms.ecosystem import reminders
from incommon_cms.ecosystem.models import FreshnessReminder, ProfileVerification
from incommon_cms.governance.models import Membership

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"http://testserver(/\w\w/(?:toujours-exact|klopt-nog)/[^\s/]+/)")


@pytest.fixture
def members(known_data):
    """Beta (stale) has a French and a Dutch member; Alpha (fresh) has a member; Gamma (stale) has nobody."""
    fr = UserFactory(email="claire@example.org", language="fr")
    nl = UserFactory(email="joris@example.org", language="nl")
    fresh = UserFactory(email="fresh@example.org", language="fr")
    Membership.objects.create(user=fr, profile=known_data["beta"], role=Membership.ADMIN)
    Membership.objects.create(user=nl, profile=known_data["beta"])
    Membership.objects.create(user=fresh, profile=known_data["alpha"])
    return {"fr": fr, "nl": nl, "fresh": fresh}


def verified(page):
    return ProfilePage.objects.get(pk=page.pk).last_verified


def test_is_stale(known_data, today):
    assert freshness.is_stale(known_data["beta"], today)
    assert freshness.is_stale(known_data["gamma"], today)  # never verified, published in 2024
    assert not freshness.is_stale(known_data["alpha"], today)
    assert not freshness.is_stale(known_data["shop"], today)  # verified 2025-11-20: less than 365 days
    assert set(freshness.stale_profiles(today).values_list("title", flat=True)) == {"Beta", "Gamma"}


def test_stale_period_is_configurable(known_data, today, settings):
    settings.PROFILE_STALE_AFTER_DAYS = 180
    assert freshness.is_stale(known_data["shop"], today)
    assert not freshness.is_stale(known_data["alpha"], today)


def test_reminder_goes_only_to_collectives_with_stale_profiles_in_their_language(members, today):
    report = reminders.send_reminders(today)
    assert report.emails == 2 and report.profiles == 1 and report.unclaimed == 1
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"claire@example.org", "joris@example.org"}
    french, dutch = by_recipient["claire@example.org"], by_recipient["joris@example.org"]
    assert french.subject == "[In Common] Votre fiche est-elle toujours exacte ?"
    assert dutch.subject == "[In Common] Klopt uw fiche nog?"
    assert "Beta" in french.body and "Alpha" not in french.body and "Gamma" not in french.body
    assert "Confirmez en un clic" in french.body
    assert "Bevestig met één klik" in dutch.body
    assert LINK_RE.search(french.body).group(1).startswith("/fr/toujours-exact/")
    assert LINK_RE.search(dutch.body).group(1).startswith("/nl/klopt-nog/")
    assert "http://testserver/fr/carte/beta/" in french.body
    assert "text/html" in [alternative[1] for alternative in french.alternatives]


def test_reminder_is_not_sent_twice_in_a_month(members, today):
    reminders.send_reminders(today)
    assert len(mail.outbox) == 2
    assert FreshnessReminder.objects.count() == 2
    reminders.send_reminders(today + datetime.timedelta(days=10))
    assert len(mail.outbox) == 2
    reminders.send_reminders(today + datetime.timedelta(days=31))
    assert len(mail.outbox) == 4


def test_command_and_task(members):
    out = __import__("io").StringIO()
    call_command("send_freshness_reminders", stdout=out)
    assert out.getvalue().startswith("2 reminder(s) sent about 1 profile(s);")
    assert len(mail.outbox) == 2


def test_one_click_link_confirms_without_login_only_once_and_only_that_profile(client, members, known_data, today):
    reminders.send_reminders(today)
    message = next(m for m in mail.outbox if m.to == ["claire@example.org"])
    path = LINK_RE.search(message.body).group(1)
    beta, gamma = known_data["beta"], known_data["gamma"]

    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Beta" in html and "Oui, tout est toujours exact" in html
    assert verified(beta) == datetime.date(2025, 1, 10)  # opening the link (or a mail scanner) changes nothing

    response = client.post(path)
    assert response.status_code == 200
    assert "est confirmée comme toujours exacte" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert verified(beta) == timezone.localdate()
    assert verified(gamma) is None
    assert verified(known_data["alpha"]) == datetime.date(2026, 10, 1)
    log = ProfileVerification.objects.get()
    assert (log.profile_id, log.method, log.previous_date, log.user) == (
        beta.pk,
        ProfileVerification.REMINDER_LINK,
        datetime.date(2025, 1, 10),
        None,
    )

    again = client.post(path)
    assert again.status_code == 410
    assert "déjà été utilisé" in again.content.decode()
    assert ProfileVerification.objects.count() == 1
    # The Dutch member's link named the same profile: it is used up too.
    dutch = next(m for m in mail.outbox if m.to == ["joris@example.org"])
    assert client.post(LINK_RE.search(dutch.body).group(1)).status_code == 410


def test_confirmation_updates_every_translation_and_their_latest_revision(known_data):
    alpha, alpha_nl = known_data["alpha"], known_data["alpha_nl"]
    ProfilePage.objects.filter(translation_key=alpha.translation_key).update(last_verified=datetime.date(2024, 1, 1))
    alpha.refresh_from_db()
    reminders.confirm_with_token(reminders.make_token(alpha), today=datetime.date(2026, 11, 15))
    assert verified(alpha) == verified(alpha_nl) == datetime.date(2026, 11, 15)
    alpha_nl.refresh_from_db()
    assert alpha_nl.latest_revision.content["last_verified"] == "2026-11-15"


def test_tampered_and_expired_links_are_refused(client, known_data):
    beta = known_data["beta"]
    token = reminders.make_token(beta)
    tampered = token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")
    response = client.post(f"/fr/toujours-exact/{tampered}/")
    assert response.status_code == 400
    assert "pas valide" in response.content.decode()
    # A token naming another profile cannot be forged without the secret key.
    forged = signing.TimestampSigner(salt="other").sign_object({"k": str(beta.translation_key), "v": ""})
    assert client.post(f"/fr/toujours-exact/{forged}/").status_code == 400

    past = timezone.now() - datetime.timedelta(days=61)
    with mock.patch("django.core.signing.time.time", return_value=past.timestamp()):
        old_token = reminders.make_token(beta)
    response = client.post(f"/fr/toujours-exact/{old_token}/")
    assert response.status_code == 400
    assert "expiré" in response.content.decode()
    assert verified(beta) == datetime.date(2025, 1, 10)


def test_moderators_list_shows_unclaimed_stale_profiles_only(client, members, known_data):
    moderator = UserFactory(email="mod@example.org", is_superuser=True)
    client.force_login(members["fr"])
    assert client.get("/fr/moderation/fiches-a-verifier/").status_code == 403
    client.force_login(moderator)
    html = client.get("/fr/moderation/fiches-a-verifier/").content.decode()
    assert ">Gamma</a>" in html
    assert ">Beta</a>" not in html  # stale, but its members receive the reminder
    assert ">Alpha</a>" not in html
    response = client.post(
        f"/fr/collectif/{known_data['gamma'].pk}/confirmer/", {"next": "/fr/moderation/fiches-a-verifier/"}
    )
    assert response.status_code == 302 and response["Location"] == "/fr/moderation/fiches-a-verifier/"
    assert ProfileVerification.objects.get().method == ProfileVerification.MODERATOR
    assert ">Gamma</a>" not in client.get("/fr/moderation/fiches-a-verifier/").content.decode()
