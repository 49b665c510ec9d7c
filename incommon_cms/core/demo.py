"""Demo content of the core: home pages in three languages, the charter, about and privacy pages, accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from incommon_cms.core.roles import MODERATORS_GROUP, TRANSLATORS_GROUP

from .demo_utils import home_pages, translated_page, translation
from .models import CommunitySettings, StandardPage
from .site_setup import ensure_default_site

ORDER = 0

HOME = {
    "fr": (
        "In Common",
        "<p>Les alternatives bruxelloises mettent leurs données en commun : carte, agenda, boîte à outils et savoirs, gérés ensemble.</p>",
    ),
    "nl": (
        "In Common",
        "<p>Brusselse alternatieven delen hun gegevens: kaart, agenda, gereedschapskist en kennis, samen beheerd.</p>",
    ),
    "en": (
        "In Common",
        "<p>Brussels' alternatives pool their data: map, agenda, toolbox and knowledge, run together.</p>",
    ),
}

PAGES = [
    (
        {"fr": "charte", "nl": "charter", "en": "charter"},
        {"fr": "Charte de la communauté", "nl": "Charter van de gemeenschap", "en": "Community charter"},
        {
            "fr": "Nous partageons nos données comme un commun : exactes, respectueuses des personnes et ouvertes à toutes les initiatives citoyennes.",
            "nl": "We delen onze gegevens als een commons: juist, respectvol tegenover mensen en open voor alle burgerinitiatieven.",
            "en": "We share our data as a commons: accurate, respectful of people and open to every citizen initiative.",
        },
        "charter_page",
    ),
    (
        {"fr": "a-propos-gouvernance", "nl": "over-het-bestuur", "en": "about-governance"},
        {"fr": "À propos de la gouvernance", "nl": "Over het bestuur", "en": "About the governance"},
        {
            "fr": "Aucune organisation seule ne contrôle les données communes : chaque modification est approuvée par des modérateurs de plusieurs collectifs, et chaque décision est publique.",
            "nl": "Geen enkele organisatie beheert de gedeelde gegevens alleen: elke wijziging wordt goedgekeurd door moderatoren van verschillende collectieven, en elke beslissing is openbaar.",
            "en": "No single organisation controls the common data: every change is approved by moderators from several collectives, and every decision is public.",
        },
        "governance_page",
    ),
    (
        {"fr": "vie-privee", "nl": "privacy", "en": "privacy"},
        {"fr": "Vie privée", "nl": "Privacy", "en": "Privacy"},
        {
            "fr": "Nous ne conservons que ce qui est nécessaire au fonctionnement de la plateforme, sans traceur tiers.",
            "nl": "We bewaren alleen wat nodig is om het platform te laten werken, zonder trackers van derden.",
            "en": "We keep only what the platform needs to work, with no third-party tracker.",
        },
        "privacy_page",
    ),
]

DEMO_PASSWORD = "demo-incommon-2026"  # noqa: S105 - printed demo credentials for a local install


def _user(ctx, key, email, first_name, language="fr", superuser=False, groups=()):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "username": email.split("@")[0],
            "first_name": first_name,
            "language": language,
            "is_staff": superuser,
            "is_superuser": superuser,
            "charter_accepted_at": timezone.now(),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    ctx.users[key] = user
    return user


def load(ctx):
    ensure_default_site()
    homes = home_pages()
    home_fr = homes["fr"]
    home_fr.title, home_fr.intro = HOME["fr"]
    home_fr.save_revision(log_action=False).publish(log_action=False)
    for code in ("nl", "en"):
        title, intro = HOME[code]
        homes[code] = translation(home_fr, code, title=title, intro=intro, slug=f"home-{code}")
    ctx.homes = homes

    site = Site.objects.get(is_default_site=True)
    settings = CommunitySettings.for_site(site)
    for slugs, titles, intros, setting_name in PAGES:
        pages = translated_page(
            home_fr,
            StandardPage,
            slugs,
            titles,
            {code: {"introduction": intro} for code, intro in intros.items()},
            languages=("fr", "nl", "en"),
        )
        setattr(settings, setting_name, pages["fr"])
    settings.save()
    ctx.shared["charter"] = settings.charter_page

    Group.objects.get_or_create(name=MODERATORS_GROUP)
    Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    admin = _user(ctx, "admin", "admin@incommon.localhost", "Admin", superuser=True)
    ctx.credentials.append(("site admin", admin.email))
    for key, email, name, language in [
        ("moderator_1", "moderatrice.amina@incommon.localhost", "Amina", "fr"),
        ("moderator_2", "moderator.pieter@incommon.localhost", "Pieter", "nl"),
        ("moderator_3", "moderatrice.lea@incommon.localhost", "Léa", "fr"),
    ]:
        _user(ctx, key, email, name, language, groups=[MODERATORS_GROUP])
        ctx.credentials.append(("moderator", email))
    _user(ctx, "translator", "vertaler.jan@incommon.localhost", "Jan", "nl", groups=[TRANSLATORS_GROUP])
    ctx.credentials.append(("translator", "vertaler.jan@incommon.localhost"))
    for key, email, name, language in [
        ("member_1", "sophie@incommon.localhost", "Sophie", "fr"),
        ("member_2", "bram@incommon.localhost", "Bram", "nl"),
        ("member_3", "karim@incommon.localhost", "Karim", "fr"),
        ("member_4", "els@incommon.localhost", "Els", "nl"),
    ]:
        _user(ctx, key, email, name, language)
        ctx.credentials.append(("collective member", email))
