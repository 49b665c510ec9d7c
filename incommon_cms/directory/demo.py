"""Demo content of the directory: categories, the map page, alternatives, places and good addresses."""

import datetime

from django.utils.text import slugify

from incommon_cms.core.demo_utils import locale, translated_page

from .generate import generate_profiles
from .models import AlternativePage, Category, Commune, DirectoryIndexPage, GoodAddressPage, PlacePage, Postcode
from .reference_data import load_reference_data

ORDER = 10

CATEGORY_COLORS = {
    "food": "#2e7d32",
    "housing": "#6d4c41",
    "energy": "#f9a825",
    "mobility": "#1565c0",
    "culture": "#8e24aa",
    "health": "#c62828",
    "economy": "#00838f",
    "education": "#ef6c00",
    "environment": "#558b2f",
    "solidarity": "#ad1457",
    "digital-commons": "#37474f",
}

# The last alternative stays in French only, to show how untranslated content is presented.
UNTRANSLATED_NAMES = {"Repair Café Schaerbeek"}


def load_categories(ctx):
    categories = {}
    fr, nl = locale("fr"), locale("nl")
    for slug, names in ctx.data["categories"].items():
        source, _ = Category.objects.get_or_create(
            slug=slug, locale=fr, defaults={"name": names["fr"], "color": CATEGORY_COLORS.get(slug, "#2f6f4f")}
        )
        translated = source.get_translation_or_none(nl)
        if translated is None:
            translated = source.copy_for_translation(nl)
            translated.name = names["nl"]
            translated.save()
        categories[slug] = {"fr": source, "nl": translated}
    ctx.shared["categories"] = categories
    return categories


def _profile(ctx, index_pages, model, item, categories, extra=None, languages=("fr", "nl")):
    extra = extra or {}
    fields = {}
    for code in languages:
        fields[code] = {
            "short_description": item["summary"][code][:280],
            "postcode": item.get("postcode", ""),
            "languages": item.get("languages", ["fr"]),
            "last_verified": datetime.date.today() - datetime.timedelta(days=30 * (len(item["name"]) % 18)),
            **extra,
        }
    slug = slugify(item["name"])[:80]
    pages = translated_page(
        index_pages["fr"],
        model,
        {"fr": slug, "nl": slug},
        {code: item["name"] for code in languages},
        fields,
        languages,
    )
    for code, page in pages.items():
        wanted = [categories[slug][code] for slug in item.get("categories", []) if slug in categories]
        if set(page.categories.all()) != set(wanted) or not page.tags.exists():
            page.categories.set(wanted)
            page.tags.set(item.get("tags", []))
            page.save_revision(log_action=False).publish(log_action=False)
    return pages


def load(ctx):
    load_reference_data(Commune, Postcode)  # shipped by a migration; restored here after a database flush
    categories = load_categories(ctx)
    index_pages = translated_page(
        ctx.homes["fr"],
        DirectoryIndexPage,
        {"fr": "carte", "nl": "kaart", "en": "map"},
        {"fr": "Carte des alternatives", "nl": "Kaart van de alternatieven", "en": "Map of the alternatives"},
        {
            "fr": {
                "intro": "<p>Trouvez les initiatives citoyennes, les lieux à partager et les bonnes adresses de Bruxelles.</p>"
            },
            "nl": {"intro": "<p>Vind de burgerinitiatieven, deelbare ruimtes en goede adressen van Brussel.</p>"},
            "en": {"intro": "<p>Find Brussels' citizen initiatives, rooms to share and good addresses.</p>"},
        },
        languages=("fr", "nl", "en"),
    )
    ctx.shared["directory_index"] = index_pages
    profiles = {}
    for item in ctx.data["alternatives"]:
        languages = ("fr",) if item["name"] in UNTRANSLATED_NAMES else ("fr", "nl")
        profiles[item["name"]] = _profile(
            ctx, index_pages, AlternativePage, item, categories, {"kind": item.get("kind", "")}, languages
        )
    for item in ctx.data["places"]:
        extra = {"capacity": item.get("capacity"), "equipment": "\n".join(item.get("equipment", []))}
        profiles[item["name"]] = _profile(ctx, index_pages, PlacePage, item, categories, extra)
    for item in ctx.data["good_addresses"]:
        profiles[item["name"]] = _profile(ctx, index_pages, GoodAddressPage, item, categories)
    ctx.shared["profiles"] = profiles
    ctx.log(f"  directory: {len(profiles)} profiles")
    if ctx.size:
        created = generate_profiles(ctx.size, stdout=ctx.stdout)
        ctx.log(f"  directory: {created} generated profiles added ({ctx.size} in total)")
