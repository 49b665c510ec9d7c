"""GoGoCarto's element export (`/api/elements.json`, used by Transiscope and many maps).

Accepted shapes: `{"ontology": "gogofull", "data": [...]}`, a bare list of elements, or GeoJSON features. Each
element is flattened so mappings can use simple names: `latitude`, `longitude`, `streetAddress`, `postalCode`,
`addressLocality`, `categories` (option ids or names). Elements not validated in the source map (status ≤ 0)
are marked to be skipped.

Structured values become readable text: `openHours` (`{"Mo": "09:00-12:00", …}`) one line per day with the
day's name in the site's language, `urls` (a list of `{"type", "value"}` or a dict by type) the `website` (the
first one of type website, else the first one) and `social_links` (the others, one per line).
"""

from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .json_reader import as_dict, as_list, feature_record, parse

DAY_KEYS = {"Mo": 0, "Tu": 1, "We": 2, "Th": 3, "Fr": 4, "Sa": 5, "Su": 6}


def opening_hours(value):
    """Readable opening hours from GoGoCarto's `openHours` (a dict by day); other shapes are left as they are."""
    if not isinstance(value, dict):
        return value
    lines = []
    for key, hours in sorted(value.items(), key=lambda item: DAY_KEYS.get(item[0], 7)):
        if isinstance(hours, dict):
            hours = ", ".join(str(part) for part in hours.values() if part)
        elif isinstance(hours, list):
            hours = ", ".join(str(part) for part in hours if part)
        if not hours:
            continue
        day = WEEKDAYS[DAY_KEYS[key]] if key in DAY_KEYS else key
        lines.append(f"{capfirst(day)} {str(hours).strip()}")
    return "\n".join(lines)


def web_links(value):
    """(website, other links) from GoGoCarto's `urls`: a list of {"type", "value"} or a dict by type."""
    if isinstance(value, dict):
        value = [{"type": key, "value": url} for key, url in value.items()]
    links = []
    for item in as_list(value):
        if isinstance(item, dict) and item.get("value"):
            links.append((str(item.get("type") or ""), str(item["value"]).strip()))
        elif isinstance(item, str) and item.strip():
            links.append(("", item.strip()))
    website = next((url for kind, url in links if kind.lower() == "website"), links[0][1] if links else "")
    return website, [url for _kind, url in links if url != website]


def flatten(element, language="fr"):
    record = dict(element)
    geo = as_dict(element.get("geo"))
    for key, names in (("latitude", ("latitude", "lat")), ("longitude", ("longitude", "lng", "long"))):
        for name in names:
            value = geo.get(name, element.get(name))
            if value not in (None, ""):
                record[key] = value
                break
    for key, value in as_dict(element.get("address")).items():
        record.setdefault(key, value)
    options = element.get("categories") or element.get("taxonomy") or element.get("optionValues") or []
    if isinstance(options, (str, dict)):
        options = [options]
    options = as_list(options)
    names = [
        str(option.get("name") or option.get("id")) if isinstance(option, dict) else str(option) for option in options
    ]
    record["categories"] = names
    if "openHours" in element:
        with translation.override(language):
            record["openHours"] = opening_hours(element["openHours"])
    if "urls" in element:
        website, others = web_links(element["urls"])
        record["urls"] = [url for url in [website, *others] if url]
        if website and not element.get("website"):
            record["website"] = website
        record["social_links"] = others
    if "title" in element and "name" not in element:
        record["name"] = element["title"]
    status = element.get("status")
    if isinstance(status, (int, float)) and status <= 0:
        record["_skip"] = _("Not validated in the source map.")
    return record


def read(data, language="fr"):
    """The elements of a GoGoCarto export, flattened; day names are written in the data's `language`."""
    document = parse(data)
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        elements = [feature_record(f) for f in as_list(document.get("features")) if isinstance(f, dict)]
    elif isinstance(document, dict):
        elements = document.get("data") or document.get("elements") or []
    else:
        elements = document
    if not isinstance(elements, list):
        raise ValueError(_("No GoGoCarto elements found."))
    return [flatten(element, language) for element in elements if isinstance(element, dict)]
