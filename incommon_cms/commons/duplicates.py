"""Finding profiles that describe the same collective (often brought in by two sources) and merging them."""

import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.redirects.models import Redirect

from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance import publishing
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.log import register_verb
from incommon_cms.governance.models import Membership

from .models import DismissedDuplicate, ImportedRecord

NAME_SIMILARITY = 0.85
# The commons' verb in the decision log, registered from the app's ready().
MERGE = "merge"
NEARBY_METRES = 300
MERGEABLE_FIELDS = [
    "title",
    "short_description",
    "description",
    "kind",
    "street_address",
    "postcode",
    "city",
    "website",
    "email",
    "phone",
    "opening_hours",
    "founding_year",
    "legal_form",
    "company_number",
]


def normalise_name(name):
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(asbl|vzw|scrl|srl|cv|sc|the|le|la|les|de|du|des)\b", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def website_key(url):
    parts = urlsplit(url or "")
    host = (parts.netloc or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def distance_metres(a, b):
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


@dataclass
class DuplicatePair:
    first: ProfilePage
    second: ProfilePage
    reasons: list


def match_reasons(a, b, names=None):
    """Why two profiles look like the same collective (an empty list when they do not)."""
    names = names or {}
    reasons = []
    if website_key(a.website) and website_key(a.website) == website_key(b.website):
        reasons.append(_("same website"))
    if a.email and a.email.lower() == (b.email or "").lower():
        reasons.append(_("same e-mail"))
    distance = distance_metres(a, b)
    if distance is not None and distance <= NEARBY_METRES:
        name_a = names.get(a.pk) if a.pk in names else normalise_name(a.title)
        name_b = names.get(b.pk) if b.pk in names else normalise_name(b.title)
        matcher = SequenceMatcher(None, name_a, name_b)
        if matcher.real_quick_ratio() >= NAME_SIMILARITY and matcher.quick_ratio() >= NAME_SIMILARITY:
            similarity = matcher.ratio()
            if similarity >= NAME_SIMILARITY:
                reasons.append(
                    _("similar name %(percent)s%%, %(metres)s m apart")
                    % {"percent": round(similarity * 100), "metres": round(distance)}
                )
    return reasons


# Grid cells a little larger than NEARBY_METRES (about 330 m north-south, 350 m east-west in Brussels), so that
# two profiles close enough to match are always in the same cell or in neighbouring ones.
CELL_LATITUDE = 0.003
CELL_LONGITUDE = 0.005


def cell_of(profile):
    return (math.floor(profile.latitude / CELL_LATITUDE), math.floor(profile.longitude / CELL_LONGITUDE))


def candidate_pairs(profiles):
    """Pairs worth comparing, found through hash indexes instead of comparing every profile with every other one:
    same website key, same e-mail, or positions in the same or neighbouring grid cells (within one language)."""
    indexes = {"website": {}, "email": {}, "cell": {}}
    for profile in profiles:
        if website_key(profile.website):
            indexes["website"].setdefault((profile.locale_id, website_key(profile.website)), []).append(profile)
        if profile.email:
            indexes["email"].setdefault((profile.locale_id, profile.email.lower()), []).append(profile)
        if profile.latitude is not None and profile.longitude is not None:
            indexes["cell"].setdefault((profile.locale_id, *cell_of(profile)), []).append(profile)
    pairs = set()
    for name in ("website", "email"):
        for group in indexes[name].values():
            pairs.update((a.pk, b.pk) for a in group for b in group if a.pk < b.pk)
    cells = indexes["cell"]
    for (locale_id, row, column), group in cells.items():
        for d_row in (0, 1):
            for d_column in (-1, 0, 1) if d_row else (0, 1):
                neighbours = (
                    group if (d_row, d_column) == (0, 0) else cells.get((locale_id, row + d_row, column + d_column))
                )
                for a in group:
                    for b in neighbours or ():
                        if a.pk != b.pk:
                            pairs.add((min(a.pk, b.pk), max(a.pk, b.pk)))
    return pairs


class ExistingProfiles:
    """The profiles of one language, indexed like `candidate_pairs`, to find which one a new row duplicates.

    Read once per import run (a few columns per profile); each row is then compared only with the profiles that
    share its website, its e-mail or its grid cell, with the same `match_reasons` as the duplicates list.
    """

    def __init__(self, locale_id, exclude_pks=()):
        profiles = (
            ProfilePage.objects.filter(alias_of__isnull=True, locale_id=locale_id)
            .exclude(pk__in=list(exclude_pks))
            .only("id", "title", "website", "email", "latitude", "longitude", "locale_id", "url_path", "live")
        )
        self.website, self.email, self.cells = {}, {}, {}
        for profile in profiles:
            self.add(profile)

    def add(self, profile):
        if website_key(profile.website):
            self.website.setdefault(website_key(profile.website), []).append(profile)
        if profile.email:
            self.email.setdefault(profile.email.lower(), []).append(profile)
        if profile.latitude is not None and profile.longitude is not None:
            self.cells.setdefault(cell_of(profile), []).append(profile)

    def matches(self, profile):
        """[(existing profile, reasons)] for a profile not saved yet, best candidates first."""
        candidates = {}
        for existing in self.website.get(website_key(profile.website), []) if website_key(profile.website) else []:
            candidates[existing.pk] = existing
        for existing in self.email.get(profile.email.lower(), []) if profile.email else []:
            candidates[existing.pk] = existing
        if profile.latitude is not None and profile.longitude is not None:
            row, column = cell_of(profile)
            for d_row in (-1, 0, 1):
                for d_column in (-1, 0, 1):
                    for existing in self.cells.get((row + d_row, column + d_column), []):
                        candidates[existing.pk] = existing
        found = []
        for existing in candidates.values():
            reasons = match_reasons(existing, profile)
            if reasons:
                found.append((existing, reasons))
        return sorted(found, key=lambda pair: -len(pair[1]))


def find_duplicates(locale=None):
    """Likely duplicate pairs among the profiles of one language, oldest profile first in each pair."""
    profiles = ProfilePage.objects.filter(alias_of__isnull=True).order_by("pk")
    if locale is not None:
        profiles = profiles.filter(locale=locale)
    profiles = list(
        profiles.only("id", "title", "website", "email", "latitude", "longitude", "locale_id", "url_path", "live")
    )
    by_pk = {profile.pk: profile for profile in profiles}
    names = {profile.pk: normalise_name(profile.title) for profile in profiles}
    dismissed = set(DismissedDuplicate.objects.values_list("first_id", "second_id"))
    pairs = []
    for first_pk, second_pk in sorted(candidate_pairs(profiles) - dismissed):
        first, second = by_pk[first_pk], by_pk[second_pk]
        reasons = match_reasons(first, second, names)
        if reasons:
            pairs.append(DuplicatePair(first, second, reasons))
    return pairs


def dismiss(first, second, user):
    DismissedDuplicate.objects.get_or_create(
        first_id=min(first.pk, second.pk), second_id=max(first.pk, second.pk), defaults={"dismissed_by": user}
    )


@transaction.atomic
def merge_profiles(keep, remove, *, user, take_fields=(), reason=""):
    """Merge `remove` into `keep`: chosen field values, provenance, members; the old URL redirects to `keep`."""
    keep, remove = keep.specific, remove.specific
    for name in take_fields:
        if name in MERGEABLE_FIELDS:
            setattr(keep, name, getattr(remove, name))
    keep.categories = list(keep.categories.all()) + [
        c for c in remove.categories.all() if c not in keep.categories.all()
    ]
    with publishing.authority(publishing.MERGE):
        keep.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    ImportedRecord.objects.filter(profile=remove).update(profile=keep)
    for membership in Membership.objects.filter(profile=remove).select_related("user"):
        if not Membership.objects.filter(profile=keep, user=membership.user).exists():
            membership.profile = keep
            membership.save(update_fields=["profile"])
    site = remove.get_site()
    old_path = Redirect.normalise_path(remove.relative_url(site) or remove.url_path)
    Redirect.objects.update_or_create(
        old_path=old_path, site=site, defaults={"redirect_page": keep, "is_permanent": True}
    )
    record_decision(
        action=MERGE,
        actor=user,
        target=keep,
        reason=reason,
        details={"merged": remove.title, "merged_id": remove.pk, "fields_taken": list(take_fields)},
    )
    remove.delete()
    return keep


def register_log_verbs():
    register_verb(MERGE, gettext_lazy("Profiles merged"))
