"""Synthetic but realistic profiles spread over Brussels, for benchmarks and load tests.

Creating thousands of Wagtail pages one by one takes minutes, so the rows are written in bulk: the `Page` rows
with `bulk_create`, the profile rows with plain INSERTs (Django's `bulk_create` does not handle multi-table
inheritance). The pages are live, in French, under the French map page; their slugs start with `generated-`
so that running again only tops up to the requested number. They are not added to the search index
(`manage.py update_index` does it when wanted).
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page

from . import geojson
from .models import (
    KIND_CHOICES,
    AlternativePage,
    Category,
    DirectoryIndexPage,
    GoodAddressPage,
    PlacePage,
    Postcode,
    ProfilePage,
    ProfileTag,
)

SLUG_PREFIX = "generated-"
BATCH_SIZE = 1000

ALTERNATIVE_NAMES = [
    "Potager collectif",
    "Repair Café",
    "Atelier vélo",
    "GASAP",
    "Coopérative d'habitants",
    "Donnerie",
    "Maison de quartier",
    "Compost de quartier",
    "Collectif zéro déchet",
    "Café citoyen",
    "Bibliothèque d'outils",
    "École des devoirs",
    "Coopérative énergétique",
    "Épicerie sociale",
    "Jardin partagé",
    "Fablab",
    "Cuisine solidaire",
    "Réseau d'échange de savoirs",
]
PLACE_NAMES = ["Salle polyvalente", "Espace associatif", "Atelier partagé", "Local de quartier", "Salle de réunion"]
GOOD_ADDRESS_NAMES = ["Épicerie vrac", "Imprimerie coopérative", "Traiteur local", "Vélociste", "Brasserie artisanale"]
PLACE_WORDS = [
    "du Parc",
    "de la Senne",
    "du Canal",
    "des Marolles",
    "du Béguinage",
    "de Flagey",
    "du Chant d'Oiseau",
    "de la Gare",
    "des Étangs",
    "du Midi",
    "de la Chaussée",
    "du Marché",
    "des Tilleuls",
    "de la Roue",
    "du Moulin",
]
STREETS = [
    "rue Haute",
    "chaussée de Wavre",
    "rue Royale",
    "avenue Louise",
    "chaussée d'Ixelles",
    "rue de Flandre",
    "boulevard Anspach",
    "chaussée de Gand",
    "rue du Midi",
    "avenue de la Chasse",
    "rue Vanderkindere",
    "chaussée de Haecht",
    "rue de la Victoire",
    "avenue Brugmann",
    "rue Gallait",
]
DESCRIPTIONS = [
    "Un collectif de voisins qui {verb} à {place}.",
    "Initiative citoyenne : on {verb} ensemble, ouvert à toutes et tous.",
    "Association de quartier qui {verb} depuis plusieurs années.",
]
VERBS = ["cultive des légumes", "répare les objets", "partage des outils", "cuisine local", "produit de l'énergie"]
TAGS = ["quartier", "zéro déchet", "vélo", "jardin", "réemploi", "solidarité", "bio", "énergie", "jeunesse", "culture"]
LANGUAGE_SETS = [["fr"], ["fr", "nl"], ["fr", "nl", "en"], ["nl"], ["fr", "ar"]]


def _insert_rows(model, objects):
    """INSERT the rows of `model`'s own table for these (already saved in their parent tables) objects."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (table and column names come from the models)
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [[field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _synthetic_profile(rng, number, model, postcodes, now):
    postcode = rng.choice(postcodes)
    if model is PlacePage:
        name = f"{rng.choice(PLACE_NAMES)} {rng.choice(PLACE_WORDS)}"
    elif model is GoodAddressPage:
        name = f"{rng.choice(GOOD_ADDRESS_NAMES)} {rng.choice(PLACE_WORDS)}"
    else:
        name = f"{rng.choice(ALTERNATIVE_NAMES)} {rng.choice(PLACE_WORDS)}"
    title = f"{name} {postcode.locality_fr} {number}"
    latitude = round(postcode.latitude + rng.gauss(0, 0.005), 6)
    longitude = round(postcode.longitude + rng.gauss(0, 0.008), 6)
    published = now - datetime.timedelta(days=rng.randint(0, 900), minutes=rng.randint(0, 1440))
    profile = model(
        title=title,
        draft_title=title,
        slug=f"{SLUG_PREFIX}{number:06d}-{slugify(name)[:40]}",
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        translation_key=uuid.uuid4(),
        short_description=rng.choice(DESCRIPTIONS).format(verb=rng.choice(VERBS), place=postcode.locality_fr),
        kind=rng.choice(KIND_CHOICES)[0] if model is AlternativePage else "",
        street_address=f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
        postcode=postcode.code,
        city=postcode.locality_fr,
        commune_id=postcode.commune_id,
        website=f"https://example.org/{SLUG_PREFIX}{number}" if rng.random() < 0.6 else "",
        email=f"contact{number}@example.org" if rng.random() < 0.7 else "",
        email_private=rng.random() < 0.2,
        phone=f"+32 2 {rng.randint(200, 799)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if rng.random() < 0.5
        else "",
        phone_private=rng.random() < 0.4,
        address_private=rng.random() < 0.1,
        languages=rng.choice(LANGUAGE_SETS),
        founding_year=rng.randint(1970, 2025) if rng.random() < 0.7 else None,
        last_verified=(now - datetime.timedelta(days=rng.randint(0, 700))).date() if rng.random() < 0.8 else None,
    )
    profile.set_point(latitude, longitude)
    if model is PlacePage:
        profile.capacity = rng.choice([10, 20, 30, 50, 80, 120])
        profile.price_policy = rng.choice([code for code, _label in PlacePage.PRICE_CHOICES])
    return profile


def generate_profiles(count, *, seed=2026, stdout=None):
    """Make sure `count` generated profiles exist under the French map page. Returns how many were created."""
    locale = Locale.objects.get(language_code="fr")
    parent = DirectoryIndexPage.objects.filter(locale=locale).first()
    if parent is None:
        raise DirectoryIndexPage.DoesNotExist("No French map page: run load_demo first or create the map page.")
    existing = ProfilePage.objects.filter(locale=locale, slug__startswith=SLUG_PREFIX).count()
    missing = count - existing
    if missing <= 0:
        return 0
    rng = random.Random(f"{seed}-{existing}")  # noqa: S311 (synthetic data, not security)
    postcodes = list(Postcode.objects.filter(commune__in_brussels_region=True).order_by("code"))
    category_ids = list(Category.objects.filter(locale=locale).values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TAGS]
    models = [AlternativePage] * 15 + [PlacePage] * 3 + [GoodAddressPage] * 2
    content_types = {model: ContentType.objects.get_for_model(model) for model in set(models)}
    now = timezone.now()
    created = 0
    with transaction.atomic():
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        while created < missing:
            batch = []
            for _index in range(min(BATCH_SIZE, missing - created)):
                step += 1
                number = existing + created + len(batch) + 1
                model = rng.choice(models)
                profile = _synthetic_profile(rng, number, model, postcodes, now)
                profile.path = Page._get_path(parent.path, parent.depth + 1, step)
                profile.depth = parent.depth + 1
                profile.numchild = 0
                profile.url_path = f"{parent.url_path}{profile.slug}/"
                profile.locale_id = locale.pk
                profile.content_type = content_types[model]
                batch.append(profile)
            pages = Page.objects.bulk_create(
                [
                    Page(
                        **{f.attname: getattr(p, f.attname) for f in Page._meta.local_concrete_fields if f.name != "id"}
                    )
                    for p in batch
                ]
            )
            for page, profile in zip(pages, batch, strict=True):
                profile.id = profile.page_ptr_id = profile.profilepage_ptr_id = page.pk
            _insert_rows(ProfilePage, batch)
            for model in set(models):
                _insert_rows(model, [profile for profile in batch if type(profile) is model])
            through = ProfilePage.categories.through
            links, tagged = [], []
            for profile in batch:
                chosen = rng.sample(category_ids, k=min(len(category_ids), rng.choice([1, 1, 2, 3])))
                links.extend(through(profilepage_id=profile.pk, category_id=pk) for pk in chosen)
                tagged.extend(
                    ProfileTag(content_object_id=profile.pk, tag=tag) for tag in rng.sample(tags, k=rng.randint(0, 3))
                )
            through.objects.bulk_create(links)
            ProfileTag.objects.bulk_create(tagged)
            created += len(batch)
            if stdout is not None:
                stdout.write(f"  generated {existing + created}/{count} profiles")
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + created)

    geojson.invalidate()
    return created
