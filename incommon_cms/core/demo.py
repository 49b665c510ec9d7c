"""Demo builders of the core: home pages, any translated page, the community settings, groups and accounts.

The content is in `demo_data/core.json`; see `demo_loader` for the format. The `page` kind serves every app: a page
under a home page (`"parent": "home"`) or under a page an earlier record made (its `key`), in each language it has a
title for.
"""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from .demo_loader import demo_builder
from .demo_utils import home_pages, translated_page, translation
from .models import CommunitySettings
from .site_setup import ensure_default_site

DEMO_PASSWORD = "demo-incommon-2026"  # noqa: S105 - printed demo credentials for a local install


@demo_builder("core.home")
def home(ctx, *, title, intro, slug):
    """The default site with its home pages: the French one retitled, and its translations (`slug` by language)."""
    ensure_default_site()
    homes = home_pages()
    home_fr = homes["fr"]
    home_fr.title, home_fr.intro = title["fr"], intro["fr"]
    home_fr.save_revision(log_action=False).publish(log_action=False)
    for code in title:
        if code != "fr":
            homes[code] = translation(home_fr, code, title=title[code], intro=intro[code], slug=slug[code])
    ctx.homes = homes


@demo_builder("page")
def page(ctx, *, key, model, parent, slug, title, fields=None):
    """A page of `model` ("app_label.ModelName") and its translations, remembered under `key`."""
    parent_page = ctx.homes["fr"] if parent == "home" else ctx.pages[parent]["fr"]
    ctx.pages[key] = translated_page(
        parent_page, apps.get_model(model), slug, title, fields or {}, languages=tuple(title)
    )


@demo_builder("core.community_settings")
def community_settings(ctx, *, pages):
    """The default site's settings pointing at pages made earlier: {"setting name": "page key"}."""
    settings = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    for name, key in pages.items():
        setattr(settings, name, ctx.pages[key]["fr"])
    settings.save()


@demo_builder("core.group")
def group(ctx, *, name):
    Group.objects.get_or_create(name=name)


@demo_builder("core.user")
def user(ctx, *, key, email, first_name, role, language="fr", superuser=False, groups=()):
    """An account with a verified address and the demo password (set once), listed with its role at the end."""
    account, created = get_user_model().objects.get_or_create(
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
        account.set_password(DEMO_PASSWORD)
        account.save()
        EmailAddress.objects.get_or_create(user=account, email=email, defaults={"verified": True, "primary": True})
    for name in groups:
        account.groups.add(Group.objects.get_or_create(name=name)[0])
    ctx.users[key] = account
    ctx.credentials.append((role, email))
