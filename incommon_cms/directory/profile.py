"""What a profile page shows besides its fields: the small map, schema.org structured data and freshness."""

import json

from django.conf import settings

from .freshness import is_stale
from .geocoding import geocode_postcode
from .models import DATA_LICENCE_URLS

SCHEMA_TYPES = {"alternative": "Organization", "place": "Place", "good_address": "LocalBusiness"}
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def map_point(page, can_see_private=False):
    """(latitude, longitude, approximate) for the page's small map; the postcode's centre when the address is private."""
    if page.latitude is None or page.longitude is None:
        return None
    if page.address_private and not can_see_private:
        found = geocode_postcode(page.postcode)
        if found:
            return found[0], found[1], True
        return round(page.latitude, 2), round(page.longitude, 2), True
    return page.latitude, page.longitude, False


def small_map_config(page, can_see_private=False):
    point = map_point(page, can_see_private)
    if point is None:
        return None
    latitude, longitude, approximate = point
    return {
        "point": [latitude, longitude],
        "approximate": approximate,
        "zoom": 14 if approximate else 16,
        "label": page.title,
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def structured_data(page, request=None):
    """schema.org data of a profile, from its public fields only (whoever is reading)."""
    profile_type = page.profile_type
    schema_type = SCHEMA_TYPES.get(profile_type, "Organization")
    url = page.get_full_url(request)
    contact = page.public_contact(can_see_private=False)
    data = {"@context": "https://schema.org", "@type": schema_type, "name": page.title, "url": url}
    if page.short_description:
        data["description"] = page.short_description
    address = {"@type": "PostalAddress", "addressCountry": "BE"}
    if contact.get("street_address"):
        address["streetAddress"] = contact["street_address"]
    if page.postcode:
        address["postalCode"] = page.postcode
    if page.city:
        address["addressLocality"] = page.city
    point = map_point(page)
    geo = None
    if point:
        geo = {"@type": "GeoCoordinates", "latitude": round(point[0], 5), "longitude": round(point[1], 5)}
    if schema_type == "Organization":
        location = {"@type": "Place", "address": address}
        if geo:
            location["geo"] = geo
        data["location"] = location
    else:
        data["address"] = address
        if geo:
            data["geo"] = geo
    if contact.get("email"):
        data["email"] = contact["email"]
    if contact.get("phone"):
        data["telephone"] = contact["phone"]
    same_as = [link for link in [page.website, *page.social_link_list] if link]
    if same_as:
        data["sameAs"] = same_as
    if schema_type != "Place":
        if page.founding_year:
            data["foundingDate"] = str(page.founding_year)
        if page.company_number:
            data["taxID"] = page.company_number
        if page.languages:
            data["knowsLanguage"] = list(page.languages)
    keywords = [category.name for category in page.categories.all()] + sorted(tag.name for tag in page.tags.all())
    if keywords:
        data["keywords"] = ", ".join(keywords)
    if page.image_id:
        data["image"] = page.image.get_rendition("max-800x800").full_url
    if profile_type == "place":
        specific = page.specific
        if specific.capacity:
            data["maximumAttendeeCapacity"] = specific.capacity
        if specific.price_policy == "free":
            data["isAccessibleForFree"] = True
        features = [
            {"@type": "LocationFeatureSpecification", "name": item, "value": True} for item in specific.equipment_list
        ]
        if specific.wheelchair_accessible:
            features.append({"@type": "LocationFeatureSpecification", "name": "Wheelchair accessible", "value": True})
        if features:
            data["amenityFeature"] = features
    return data


def json_ld(data):
    """JSON safe to put inside a <script> element: `<`, `>` and `&` are escaped as in Django's json_script."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_LD_ESCAPES)


def profile_page_context(page, request, can_see_private):
    return {
        "stale": is_stale(page),
        "small_map": small_map_config(page, can_see_private),
        "json_ld": json_ld(structured_data(page, request)),
        "licence_url": DATA_LICENCE_URLS.get(page.data_licence, ""),
    }
