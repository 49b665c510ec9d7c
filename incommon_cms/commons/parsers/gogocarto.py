"""GoGoCarto's element export (`/api/elements.json`, used by Transiscope and many maps).

Accepted shapes: `{"ontology": "gogofull", "data": [...]}`, a bare list of elements, or GeoJSON features. Each
element is flattened so mappings can use simple names: `latitude`, `longitude`, `streetAddress`, `postalCode`,
`addressLocality`, `categories` (option ids or names). Elements not validated in the source map (status ≤ 0)
are marked to be skipped.
"""

from django.utils.translation import gettext as _

from .json_reader import as_dict, as_list, feature_record, parse


def flatten(element):
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
    if "title" in element and "name" not in element:
        record["name"] = element["title"]
    status = element.get("status")
    if isinstance(status, (int, float)) and status <= 0:
        record["_skip"] = _("Not validated in the source map.")
    return record


def read(data):
    document = parse(data)
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        elements = [feature_record(f) for f in as_list(document.get("features")) if isinstance(f, dict)]
    elif isinstance(document, dict):
        elements = document.get("data") or document.get("elements") or []
    else:
        elements = document
    if not isinstance(elements, list):
        raise ValueError(_("No GoGoCarto elements found."))
    return [flatten(element) for element in elements if isinstance(element, dict)]
