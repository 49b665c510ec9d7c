"""What each kind of alert lists, read through the pages' own filters, and a digest's idempotence across workers."""

import datetime

import pytest
from django.utils import timezone

from agenda.factories import AgendaIndexPageFactory, EventPageFactory
from incommon_cms.alerts.digest import send_digests
from incommon_cms.alerts.models import Delivery, Subscription
from incommon_cms.directory.models import Commune
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision
from tests.concurrency import require_postgresql, run_together
from toolbox.factories import ToolboxIndexPageFactory, ToolPageFactory, ToolThemeFactory

from .conftest import publish_profile, text_of


def confirmed(topic, query="", collective=None, language="fr"):
    return Subscription.objects.create(
        email=f"{topic}@example.org",
        topic=topic,
        query=query,
        collective=collective,
        language=language,
        confirmed_at=timezone.now() - datetime.timedelta(minutes=1),
    )


def publish(page):
    page.save_revision().publish()
    return page


def tomorrow():
    return timezone.now() + datetime.timedelta(days=1)


@pytest.mark.django_db
def test_agenda_alert_lists_a_series_once_with_the_agenda_filters(smtp, homes):
    agenda = AgendaIndexPageFactory(parent=homes["fr"])
    saint_gilles = Commune.objects.get_or_create(nis_code="21013", defaults={"name_fr": "Saint-Gilles"})[0]
    ixelles = Commune.objects.get_or_create(nis_code="21009", defaults={"name_fr": "Ixelles"})[0]
    confirmed("agenda", f"commune={saint_gilles.pk}")
    publish(EventPageFactory(parent=agenda, title="Repair café", rrule="FREQ=WEEKLY;COUNT=10", commune=saint_gilles))
    publish(EventPageFactory(parent=agenda, title="Balade à Ixelles", commune=ixelles))

    assert send_digests(tomorrow()) == 1
    plain = text_of(smtp.messages[0])
    assert plain.count("Repair café") == 1
    assert "Balade à Ixelles" not in plain


@pytest.mark.django_db
def test_collective_alert_lists_its_profile_its_events_and_decisions_about_it(smtp, homes, categories, directory):
    profile = publish_profile(directory["fr"], "Potager du Parc", categories["food"], 50.83, 4.345, postcode="1060")
    Subscription.objects.create(
        email="fan@example.org",
        topic="collective",
        collective=profile,
        confirmed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    agenda = AgendaIndexPageFactory(parent=homes["fr"])
    event = EventPageFactory(parent=agenda, title="Récolte partagée")
    event.organisers.set([profile])
    publish(event)
    publish(EventPageFactory(parent=agenda, title="Fête d'un autre collectif"))
    record_decision(action=Decision.APPROVE, target=profile, profile=profile, reason="Horaires mis à jour.")
    profile.short_description = "Ouvert le samedi."
    profile.save_revision().publish()

    assert send_digests(tomorrow()) == 1
    plain = text_of(smtp.messages[0])
    assert "Potager du Parc (Ouvert le samedi.)" in plain
    assert "Récolte partagée" in plain and "autre collectif" not in plain
    assert "Horaires mis à jour." in plain


@pytest.mark.django_db
def test_toolbox_alert_by_theme_and_decision_log_alert(smtp, homes):
    toolbox = ToolboxIndexPageFactory(parent=homes["fr"])
    governance_theme = ToolThemeFactory(slug="gouvernance", name="Gouvernance")
    other_theme = ToolThemeFactory(slug="finances", name="Finances")
    confirmed("toolbox", "theme=gouvernance")
    confirmed("decisions")
    sociocracy = ToolPageFactory(parent=toolbox, title="Sociocratie")
    sociocracy.themes.set([governance_theme])
    publish(sociocracy)
    budget = ToolPageFactory(parent=toolbox, title="Budget participatif")
    budget.themes.set([other_theme])
    publish(budget)
    record_decision(action=Decision.IMPORT, reason="Import du tableau partagé.")

    assert send_digests(tomorrow()) == 2
    by_address = {message["To"]: text_of(message) for message in smtp.messages}
    assert "Sociocratie" in by_address["toolbox@example.org"]
    assert "Budget participatif" not in by_address["toolbox@example.org"]
    assert "Import du tableau partagé." in by_address["decisions@example.org"]
    assert "Sociocratie" not in by_address["decisions@example.org"]


@pytest.mark.django_db
def test_an_unconfirmed_or_not_yet_due_subscription_gets_nothing(smtp, categories, directory):
    Subscription.objects.create(email="a@example.org", topic="decisions")
    weekly = confirmed("decisions")
    weekly.frequency = Subscription.WEEKLY
    weekly.save()
    record_decision(action=Decision.IMPORT, reason="Import.")
    assert send_digests(tomorrow()) == 0
    assert send_digests(timezone.now() + datetime.timedelta(days=7)) == 1
    assert [message["To"] for message in smtp.messages] == ["decisions@example.org"]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_digest_once(smtp, categories, directory):
    require_postgresql()
    subscriptions = [
        Subscription.objects.create(email=f"p{number}@example.org", topic="decisions", confirmed_at=timezone.now())
        for number in range(5)
    ]
    record_decision(action=Decision.IMPORT, reason="Import concurrent.")
    later = tomorrow()

    results = run_together(lambda: send_digests(later), lambda: send_digests(later))

    assert not [result for result in results if isinstance(result, BaseException)], results
    assert sum(results) == 5
    assert sorted(message["To"] for message in smtp.messages) == sorted(s.email for s in subscriptions)
    assert Delivery.objects.count() == 5
