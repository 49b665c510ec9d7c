"""JSON documents, GeoJSON feature collections and paginated JSON APIs."""

import json

from django.utils.translation import gettext as _

from ..mapping import lookup

MAX_PAGES = 200


def parse(data):
    try:
        return json.loads(data.decode("utf-8-sig") if isinstance(data, bytes) else data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(_("This is not valid JSON: %(error)s") % {"error": error}) from error


def records_at(document, path):
    records = lookup(document, path) if path else document
    if isinstance(records, dict):
        for key in ("data", "results", "items", "features", "elements"):
            if isinstance(records.get(key), list):
                return records[key]
    if not isinstance(records, list):
        raise ValueError(_("No list of records found at “%(path)s”.") % {"path": path or "/"})
    return [record for record in records if isinstance(record, dict)]


def read(data, records_path=""):
    return records_at(parse(data), records_path)


def as_dict(value):
    return value if isinstance(value, dict) else {}


def as_list(value):
    return value if isinstance(value, list) else []


def feature_record(feature):
    record = dict(as_dict(feature.get("properties")))
    if feature.get("id") is not None:
        record.setdefault("id", feature["id"])
    geometry = as_dict(feature.get("geometry"))
    coordinates = as_list(geometry.get("coordinates"))
    if geometry.get("type") == "Point" and len(coordinates) >= 2:
        record.setdefault("longitude", coordinates[0])
        record.setdefault("latitude", coordinates[1])
    return record


def read_geojson(data):
    document = parse(data)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValueError(_("A GeoJSON source must be a FeatureCollection."))
    return [feature_record(feature) for feature in as_list(document.get("features")) if isinstance(feature, dict)]


def read_api(url, records_path, next_page_path, fetch):
    """Follow the pages of an API: by a next-page URL in the answer, or by the HTTP Link header.

    `fetch(url, already=n)` gives (response, body) and counts the `n` bytes of the pages before against the size
    limit, so that the pages together are held to the limit of one file."""
    records, seen, read = [], set(), 0
    while url and url not in seen and len(seen) < MAX_PAGES:
        seen.add(url)
        response, body = fetch(url, already=read)
        read += len(body)
        document = parse(body)
        records.extend(records_at(document, records_path))
        next_url = lookup(document, next_page_path) if next_page_path else None
        url = next_url or response.links.get("next", {}).get("url")
    return records
