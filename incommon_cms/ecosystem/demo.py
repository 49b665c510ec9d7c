"""Demo content of the ecosystem dashboard: the page in fr/nl/en, a few stale profiles, audience and figures."""

import datetime

from django.utils import timezone

from incommon_cms.core.demo_utils import translated_page

from .figures import store_all
from .models import EcosystemPage, InboundLinkCount, PageViewCount, ProfileVerification

ORDER = 70

INTRO = {
    "fr": "<p>L'écosystème des alternatives bruxelloises en chiffres : combien d'initiatives, où, sur quels thèmes, "
    "et comment les données restent à jour grâce aux collectifs.</p>",
    "nl": "<p>Het ecosysteem van de Brusselse alternatieven in cijfers: hoeveel initiatieven, waar, rond welke "
    "thema's, en hoe de collectieven hun gegevens actueel houden.</p>",
    "en": "<p>The ecosystem of Brussels' alternatives in figures: how many initiatives, where, on which themes, "
    "and how the collectives keep the data up to date.</p>",
}

# Profiles whose last verification is pushed back, so that reminders and the moderators' list have work:
# (name, days since the last verification). Communa and Neutrinet have members; the Recyclerie has none.
STALE_PROFILES = [("Communa", 480), ("Neutrinet", 420), ("Recyclerie du Canal", 700)]

# Views per day of the Communa profile over the last 60 days (a deterministic weekly pattern) and inbound links.
VIEW_PATTERN = [12, 9, 7, 8, 10, 15, 4]
INBOUND = [("www.bral.brussels", InboundLinkCount.EMBED, 3), ("carto.example.org", InboundLinkCount.API, 7)]


def load(ctx):
    pages = translated_page(
        ctx.homes["fr"],
        EcosystemPage,
        {"fr": "ecosysteme", "nl": "ecosysteem", "en": "ecosystem"},
        {"fr": "L'écosystème en chiffres", "nl": "Het ecosysteem in cijfers", "en": "The ecosystem in figures"},
        {code: {"intro": text} for code, text in INTRO.items()},
        languages=("fr", "nl", "en"),
    )
    ctx.shared["ecosystem_page"] = pages
    today = timezone.localdate()
    profiles = ctx.shared.get("profiles", {})
    for name, days in STALE_PROFILES:
        translations = profiles.get(name, {})
        if not translations:
            continue
        source = translations["fr"]
        if ProfileVerification.objects.filter(profile__translation_key=source.translation_key).exists():
            continue
        type(source).objects.filter(translation_key=source.translation_key).update(
            last_verified=today - datetime.timedelta(days=days)
        )
    communa = profiles.get("Communa", {})
    for language, page in communa.items():
        for offset in range(60):
            day = today - datetime.timedelta(days=offset)
            count = VIEW_PATTERN[day.weekday()] // (1 if language == "fr" else 3)
            PageViewCount.objects.get_or_create(page_id=page.pk, date=day, defaults={"count": count})
        if language == "fr":
            for host, channel, count in INBOUND:
                for offset in (2, 9, 16):
                    InboundLinkCount.objects.get_or_create(
                        date=today - datetime.timedelta(days=offset),
                        host=host,
                        channel=channel,
                        page_id=page.pk,
                        defaults={"count": count},
                    )
    store_all()
    ctx.log("  ecosystem: page, stale profiles and figures")
