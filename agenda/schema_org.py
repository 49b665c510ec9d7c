"""schema.org Event data (JSON-LD) for event pages."""

from incommon_cms.core.text import html_to_text

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "full": "https://schema.org/EventScheduled",
}
LANGUAGES = {"fr": ["fr"], "nl": ["nl"], "bilingual": ["fr", "nl"]}


def _iso(moment, all_day):
    return moment.date().isoformat() if all_day else moment.isoformat()


def event_json_ld(event, request, occurrence=None):
    """The schema.org Event of `event`, dated at `occurrence` when given (the next one of a series)."""
    start = occurrence.local_start if occurrence else event.start
    end = occurrence.local_end if occurrence else event.end
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": request.build_absolute_uri(event.url) if event.url else "",
        "startDate": _iso(start, event.all_day),
        "eventStatus": STATUS.get(event.status, STATUS["scheduled"]),
    }
    if end and end > start:
        if event.all_day and occurrence:
            end = occurrence.local_end.replace(day=occurrence.days[-1].day)
        data["endDate"] = _iso(end, event.all_day)
    description = event.summary or html_to_text(event.description)
    if description:
        data["description"] = description[:500]
    locations = []
    if event.location_text:
        # An unpublished place is not named (as in `EventPage.location_text`): the event's own address is used.
        published_place = event.place if event.place_id and event.place.live else None
        place = {
            "@type": "Place",
            "name": published_place.title if published_place else event.venue_name or event.location_text,
        }
        address = {"@type": "PostalAddress", "addressCountry": "BE"}
        source = published_place or event
        if source.street_address and not getattr(source, "address_private", False):
            address["streetAddress"] = source.street_address
        if source.postcode:
            address["postalCode"] = source.postcode
        if source.city:
            address["addressLocality"] = source.city
        place["address"] = address
        if event.point:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": event.point[0], "longitude": event.point[1]}
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        modes = {"Place": "Offline", "VirtualLocation": "Online"}
        kinds = {modes[item["@type"]] for item in locations}
        mode = "Mixed" if len(kinds) > 1 else kinds.pop()
        data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    organisers = [
        {"@type": "Organization", "name": profile.title, "url": request.build_absolute_uri(profile.url)}
        for profile in event.organisers.live()
    ]
    if organisers:
        data["organizer"] = organisers
    if event.image_id:
        rendition = event.image.get_rendition("fill-1200x675")
        data["image"] = request.build_absolute_uri(rendition.url)
    languages = [code for value in event.event_languages or [] for code in LANGUAGES.get(value, [])]
    if languages:
        data["inLanguage"] = sorted(set(languages))
    if event.price_kind == event.FREE:
        data["isAccessibleForFree"] = True
    offer = {}
    if event.price_kind == event.FREE:
        offer = {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
    elif event.price:
        offer = {"@type": "Offer", "description": event.price, "priceCurrency": "EUR"}
    if offer:
        if event.registration_url:
            offer["url"] = event.registration_url
        if event.status == event.FULL:
            offer["availability"] = "https://schema.org/SoldOut"
        data["offers"] = offer
    return data
