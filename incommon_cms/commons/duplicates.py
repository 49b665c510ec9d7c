"""Finding profiles that describe the same collective (often brought in by two sources) and merging them."""

import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect

from incommon_cms.directory.models import ProfilePage
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision, Membership

from .models import DismissedDuplicate, ImportedRecord

NAME_SIMILARITY = 0.85
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


def match_reasons(a, b):
    reasons = []
    if website_key(a.website) and website_key(a.website) == website_key(b.website):
        reasons.append(_("same website"))
    if a.email and a.email.lower() == (b.email or "").lower():
        reasons.append(_("same e-mail"))
    similarity = SequenceMatcher(None, normalise_name(a.title), normalise_name(b.title)).ratio()
    distance = distance_metres(a, b)
    if similarity >= NAME_SIMILARITY and distance is not None and distance <= NEARBY_METRES:
        reasons.append(
            _("similar name %(percent)s%%, %(metres)s m apart")
            % {"percent": round(similarity * 100), "metres": round(distance)}
        )
    return reasons


def find_duplicates(locale=None):
    """Likely duplicate pairs among the profiles of one language, oldest profile first in each pair."""
    profiles = ProfilePage.objects.filter(alias_of__isnull=True).order_by("pk")
    if locale is not None:
        profiles = profiles.filter(locale=locale)
    profiles = list(
        profiles.only("id", "title", "website", "email", "latitude", "longitude", "locale_id", "url_path", "live")
    )
    dismissed = set(DismissedDuplicate.objects.values_list("first_id", "second_id"))
    pairs = []
    for index, first in enumerate(profiles):
        for second in profiles[index + 1 :]:
            if first.locale_id != second.locale_id or (first.pk, second.pk) in dismissed:
                continue
            reasons = match_reasons(first, second)
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
        action=Decision.MERGE,
        actor=user,
        target=keep,
        reason=reason,
        details={"merged": remove.title, "merged_id": remove.pk, "fields_taken": list(take_fields)},
    )
    remove.delete()
    return keep
