"""Demo builders of the directory: reference data, categories, profiles (alternatives, places, good addresses).

The content is in `demo_data/directory.json`; see `incommon_cms.core.demo_loader` for the format. Later records find
the profiles in `ctx.shared["profiles"]` (name → {language: page}) and the categories in `ctx.shared["categories"]`
(slug → {language: category}).
"""

import datetime

from django.apps import apps

from incommon_cms.core.demo_loader import demo_builder
from incommon_cms.core.demo_utils import translated_names, translated_page

from .generate import generate_profiles
from .models import Category, Commune, Postcode
from .reference_data import load_reference_data


@demo_builder("directory.reference_data")
def reference_data(ctx):
    """The communes and postcodes, shipped by a migration and restored here after a database flush."""
    load_reference_data(Commune, Postcode)


@demo_builder("directory.category")
def category(ctx, *, slug, name, color):
    """A category in French and its translations (`name` by language)."""
    categories = translated_names(Category, slug, name, color=color)
    ctx.shared.setdefault("categories", {})[slug] = categories


@demo_builder("directory.profile")
def profile(
    ctx,
    *,
    parent,
    model,
    name,
    slug,
    translations,
    summary,
    verified_days_ago,
    postcode="",
    languages=("fr",),
    categories=(),
    tags=(),
    fields=None,
):
    """A profile page of `model` in each language of `translations`, with its categories and tags."""
    last_verified = datetime.date.today() - datetime.timedelta(days=verified_days_ago)
    by_language = {
        code: {
            "short_description": summary[code],
            "postcode": postcode,
            "languages": list(languages),
            "last_verified": last_verified,
            **(fields or {}),
        }
        for code in translations
    }
    pages = translated_page(
        ctx.pages[parent]["fr"],
        apps.get_model(model),
        dict.fromkeys(translations, slug),
        dict.fromkeys(translations, name),
        by_language,
        tuple(translations),
    )
    known = ctx.shared.get("categories", {})
    for code, page in pages.items():
        wanted = [known[slug][code] for slug in categories if slug in known]
        if set(page.categories.all()) != set(wanted) or not page.tags.exists():
            page.categories.set(wanted)
            page.tags.set(list(tags))
            page.save_revision(log_action=False).publish(log_action=False)
    ctx.shared.setdefault("profiles", {})[name] = pages


@demo_builder("directory.synthetic_profiles")
def synthetic_profiles(ctx):
    """`load_demo --size N`: synthetic profiles up to N in all, for benchmarks."""
    if ctx.size:
        created = generate_profiles(ctx.size, stdout=ctx.stdout)
        ctx.log(f"  directory: {created} generated profiles added ({ctx.size} in total)")
