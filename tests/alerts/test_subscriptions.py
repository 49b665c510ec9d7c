import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from agenda.factories import AgendaIndexPageFactory
from incommon_cms.accounts.factories import UserFactory
from incommon_cms.accounts.gdpr import delete_account, export_user_data
from incommon_cms.alerts import tokens
from incommon_cms.alerts.digest import send_digests
from incommon_cms.alerts.models import Delivery, Subscription

from .conftest import SAINT_GILLES_BBOX, publish_profile, text_of

pytestmark = pytest.mark.django_db

URL_RE = re.compile(r"https?://\S+")


def subscribe_url(language="fr"):
    with translation.override(language):
        return reverse("alerts:subscribe")


def post_subscription(client, email="ana@example.org", query=f"bbox={SAINT_GILLES_BBOX}&category=food", **extra):
    data = {"email": email, "frequency": "daily", "language": "fr", "topic": "map", "query": query, **extra}
    return client.post(subscribe_url(), data)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def confirm_from(message, client):
    link = next(url for url in URL_RE.findall(text_of(message)) if "/confirm" in url)
    page = client.get(path_of(link))
    assert page.status_code == 200
    return client.post(path_of(link), follow=True)


def test_subscribing_sends_only_a_confirmation_until_it_is_confirmed(client, smtp, categories, directory):
    page = client.get(subscribe_url() + f"?topic=map&query=bbox%3D{SAINT_GILLES_BBOX}%26category%3Dfood")
    assert page.status_code == 200
    assert 'name="query" value="bbox=4.33,50.82,4.36,50.84&amp;category=food"' in page.content.decode()

    response = post_subscription(client)
    assert response.status_code == 200
    assert "ana@example.org" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.query == "category=food&bbox=4.33%2C50.82%2C4.36%2C50.84"
    [message] = smtp.messages
    assert message["To"] == "ana@example.org"
    assert any(text in message["Subject"] for text in ("Confirm your alert", "Confirmez votre alerte"))

    publish_profile(directory["fr"], "Potager de Saint-Gilles", categories["food"], 50.83, 4.345, postcode="1060")
    assert send_digests(timezone.now() + datetime.timedelta(days=2)) == 0
    assert len(smtp.messages) == 1

    confirmed = confirm_from(message, client)
    assert confirmed.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_the_digest_lists_new_profiles_of_the_area_once(client, smtp, categories, directory):
    post_subscription(client)
    confirm_from(smtp.messages[0], client)
    publish_profile(directory["fr"], "Potager de Saint-Gilles", categories["food"], 50.83, 4.345, postcode="1060")
    publish_profile(directory["fr"], "Épicerie de Schaerbeek", categories["food"], 50.87, 4.38, postcode="1030")
    publish_profile(directory["fr"], "Panneaux solaires", categories["energy"], 50.83, 4.345, postcode="1060")

    later = timezone.now() + datetime.timedelta(days=1)
    assert send_digests(later) == 1
    digest = smtp.messages[-1]
    plain, html = text_of(digest), text_of(digest, "html")
    assert "Potager de Saint-Gilles" in plain and "Potager de Saint-Gilles" in html
    assert "Schaerbeek" not in plain and "Panneaux solaires" not in plain
    assert "Profils nouveaux et mis à jour" in plain
    unsubscribe = str(digest["List-Unsubscribe"]).strip().strip("<>")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in plain and unsubscribe in html

    # A second run, a retry, the day after: nothing is sent again for the same items.
    assert send_digests(later) == 0
    assert send_digests(later + datetime.timedelta(days=1)) == 0
    assert len(smtp.messages) == 2
    assert Delivery.objects.count() == 1

    # RFC 8058 one-click unsubscribe: a POST without session or CSRF token.
    answer = client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert not Subscription.objects.exists()


def test_an_updated_profile_is_sent_again_as_an_update(client, smtp, categories, directory):
    post_subscription(client)
    confirm_from(smtp.messages[0], client)
    profile = publish_profile(directory["fr"], "Potager", categories["food"], 50.83, 4.345, postcode="1060")
    now = timezone.now()
    assert send_digests(now + datetime.timedelta(days=1)) == 1
    profile.short_description = "Ouvert le samedi."
    profile.save_revision().publish()
    Subscription.objects.update(last_digest_at=now)
    assert send_digests(now + datetime.timedelta(days=1)) == 1
    assert "Ouvert le samedi." in text_of(smtp.messages[-1])


def test_resubscribing_does_not_duplicate_and_changes_nothing_before_confirmation(client, smtp, categories):
    post_subscription(client)
    confirm_from(smtp.messages[0], client)
    post_subscription(client, email="ANA@example.org", frequency="weekly")
    assert Subscription.objects.count() == 1
    assert Subscription.objects.get().frequency == "daily"


def test_bad_input_keeps_what_was_typed_with_a_reason(client, smtp, categories):
    response = post_subscription(client, email="not-an-address", query="category=nope")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert "nope" in html
    assert not Subscription.objects.exists() and not smtp.messages


def test_honeypot_and_rate_limit(client, smtp, categories):
    assert post_subscription(client, website_url="http://spam.example").status_code == 400
    assert not smtp.messages
    for number in range(10):
        assert post_subscription(client, email=f"p{number}@example.org").status_code == 200
    refused = post_subscription(client, email="eleven@example.org")
    assert refused.status_code == 429
    assert not Subscription.objects.filter(email="eleven@example.org").exists()


def test_expired_and_broken_links_explain_what_to_do(client, categories):
    subscription = Subscription.objects.create(email="ana@example.org", topic="decisions")
    token = tokens.confirm_token(subscription, "daily", "fr")
    with translation.override("fr"):
        url = reverse("alerts:confirm", args=[token])
    assert client.get(url[:-3] + "xx/").status_code == 400
    later = timezone.now() + datetime.timedelta(days=tokens.CONFIRM_DAYS + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        expired = client.get(url)
    assert expired.status_code == 410
    assert "abonnez" in expired.content.decode().lower()


def test_manage_page_changes_frequency_and_unsubscribes(client, smtp, categories):
    post_subscription(client)
    confirmed = confirm_from(smtp.messages[0], client)
    assert "ana@example.org" in confirmed.content.decode()
    subscription = Subscription.objects.get()
    url = confirmed.redirect_chain[-1][0]
    client.post(url, {"subscription": subscription.pk, "frequency": "weekly"})
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"
    client.post(url, {"subscription": subscription.pk, "action": "delete"})
    assert not Subscription.objects.exists()


def test_manage_link_is_sent_only_to_addresses_with_alerts(client, smtp, categories):
    Subscription.objects.create(email="ana@example.org", topic="decisions", confirmed_at=timezone.now())
    with translation.override("fr"):
        url = reverse("alerts:manage_link")
    first = client.post(url, {"email": "ana@example.org"})
    second = client.post(url, {"email": "nobody@example.org"})
    assert first.status_code == second.status_code == 200
    assert [message["To"] for message in smtp.messages] == ["ana@example.org"]
    link = next(url for url in URL_RE.findall(text_of(smtp.messages[0])) if "/alertes/gerer/" in url)
    assert "ana@example.org" in client.get(path_of(link)).content.decode()


def test_a_member_reaches_the_alerts_of_their_address_from_the_account_page(client, smtp, categories):
    user = UserFactory(email="member@example.org")
    Subscription.objects.create(email="member@example.org", topic="decisions", confirmed_at=timezone.now())
    Subscription.objects.create(email="other@example.org", topic="toolbox", confirmed_at=timezone.now())
    client.force_login(user)
    settings_page = client.get(reverse("account_settings")).content.decode()
    assert f'href="{reverse("alerts:mine")}"' in settings_page
    page = client.get(reverse("alerts:mine"), follow=True).content.decode()
    assert "member@example.org" in page and "other@example.org" not in page
    assert client.get(reverse("alerts:subscribe")).content.decode().count('value="member@example.org"') == 1


def test_personal_data_export_and_erase(categories):
    user = UserFactory(email="member@example.org")
    Subscription.objects.create(email="member@example.org", topic="map", query="category=food")
    Subscription.objects.create(email="other@example.org", topic="map")
    assert [alert["filters"] for alert in export_user_data(user)["alerts"]] == ["category=food"]
    delete_account(user)
    assert list(Subscription.objects.values_list("email", flat=True)) == ["other@example.org"]


def test_the_map_and_the_agenda_link_to_an_alert_for_their_view(client, categories, directory, homes):
    html = client.get(directory["fr"].url + "?category=food&page=1").content.decode()
    link = re.search(r'href="([^"]+)" id="alert-link"', html).group(1).replace("&amp;", "&")
    assert link == subscribe_url() + "?topic=map&query=category%3Dfood%26page%3D1"
    form = client.get(link).content.decode()
    assert 'name="query" value="category=food&amp;page=1"' in form
    post_subscription(client, query="category=food&page=1")
    assert Subscription.objects.get().query == "category=food"

    agenda = AgendaIndexPageFactory(parent=homes["fr"])
    html = client.get(agenda.url + "?free=on").content.decode()
    assert f'href="{subscribe_url()}?topic=agenda&amp;query=free%3Don"' in html
