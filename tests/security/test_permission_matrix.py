"""The permission matrix over every URL of the site and the API.

Each URL pattern is listed in ROUTES with the answer every role must get (or in OUTSIDE_THE_MATRIX with the
reason it is not ours to test); a new URL pattern that is in neither makes `test_every_url_is_in_the_matrix` fail.
"""

import pytest
from django.urls import reverse

from incommon_cms.discussions.notifications import unsubscribe_token
from incommon_cms.ecosystem.reminders import make_token
from tests.sharing.world import sharing

from .conftest import ROLES
from .urls import site_routes

pytestmark = pytest.mark.django_db

OK = "ok"
LOGIN = "login"
DENIED = "denied"
REDIRECT = "redirect"
POST_ONLY = "post-only"
BAD_TOKEN = "bad-token"
ALLOWED = "allowed"  # any answer but the login page, 403/404 or a server error (POSTs with an empty form)


def everyone(expected=OK):
    return dict.fromkeys(ROLES, expected)


def signed_in(expected=OK):
    return {**dict.fromkeys(ROLES, expected), "visitor": LOGIN}


def only(*roles, allowed=OK):
    return {role: allowed if role in roles else DENIED for role in ROLES} | {"visitor": LOGIN}


def post_only(visitor=POST_ONLY):
    return {**dict.fromkeys(ROLES, POST_ONLY), "visitor": visitor}


MODERATORS = ("moderator", "admin")
COLLECTIVE_A = ("editor", "collective_admin", "admin")

# name -> list of (description, url(world), {role: expected}).
ROUTES = {
    "healthz": [("health", lambda w: "/healthz", everyone())],
    "sitemap.xml": [("sitemap", lambda w: "/sitemap.xml", everyone())],
    "directory:geojson": [("all points", lambda w: reverse("directory:geojson"), everyone())],
    "directory:embed_map": [("embed", lambda w: reverse("directory:embed_map"), everyone())],
    "api-profile-list": [("list", lambda w: "/api/v1/profiles/", everyone())],
    "api-profile-detail": [
        ("published", lambda w: f"/api/v1/profiles/{w.a.pk}/", everyone()),
        ("draft", lambda w: f"/api/v1/profiles/{w.draft_profile.pk}/", everyone(DENIED)),
    ],
    "api-alternative-list": [("list", lambda w: "/api/v1/alternatives/", everyone())],
    "api-alternative-detail": [
        ("published", lambda w: f"/api/v1/alternatives/{w.a.pk}/", everyone()),
        ("draft", lambda w: f"/api/v1/alternatives/{w.draft_profile.pk}/", everyone(DENIED)),
    ],
    "api-place-list": [("list", lambda w: "/api/v1/places/", everyone())],
    "api-place-detail": [("not a place", lambda w: f"/api/v1/places/{w.a.pk}/", everyone(DENIED))],
    "api-good-address-list": [("list", lambda w: "/api/v1/good-addresses/", everyone())],
    "api-good-address-detail": [("not one", lambda w: f"/api/v1/good-addresses/{w.a.pk}/", everyone(DENIED))],
    "api-category-list": [("list", lambda w: "/api/v1/categories/", everyone())],
    "api-category-detail": [("food", lambda w: "/api/v1/categories/food/", everyone())],
    "api-event-list": [("list", lambda w: "/api/v1/events/", everyone())],
    "api-event-detail": [
        ("published", lambda w: f"/api/v1/events/{w.event.pk}/", everyone()),
        ("draft", lambda w: f"/api/v1/events/{w.draft_event.pk}/", everyone(DENIED)),
    ],
    "api-tool-list": [("list", lambda w: "/api/v1/tools/", everyone())],
    "api-tool-detail": [
        ("published", lambda w: f"/api/v1/tools/{w.tool.pk}/", everyone()),
        ("draft", lambda w: f"/api/v1/tools/{w.draft_tool.pk}/", everyone(DENIED)),
    ],
    "api-knowledge-list": [("list", lambda w: "/api/v1/knowledge/", everyone())],
    "api-knowledge-detail": [
        ("a tool is no knowledge item", lambda w: f"/api/v1/knowledge/{w.tool.pk}/", everyone(DENIED))
    ],
    "api-schema": [("schema", lambda w: "/api/v1/schema/", everyone())],
    "api-docs": [("swagger", lambda w: "/api/v1/docs/", everyone())],
    "api-redoc": [("redoc", lambda w: "/api/v1/redoc/", everyone())],
    "agenda_feed": [("feed", lambda w: "/agenda/feed.ics", everyone())],
    "agenda_organiser_feed": [
        ("published", lambda w: f"/agenda/feed/organiser/{w.a.pk}.ics", everyone()),
        ("draft organiser", lambda w: f"/agenda/feed/organiser/{w.draft_profile.pk}.ics", everyone(DENIED)),
    ],
    "agenda_category_feed": [("food", lambda w: "/agenda/feed/category/food.ics", everyone())],
    "agenda_event_ics": [
        ("published", lambda w: f"/agenda/events/{w.event.pk}.ics", everyone()),
        ("draft", lambda w: f"/agenda/events/{w.draft_event.pk}.ics", everyone(DENIED)),
    ],
    "agenda_geojson": [("events", lambda w: "/agenda/events.geojson", everyone())],
    "account_login": [("login", lambda w: reverse("account_login"), signed_in(REDIRECT) | {"visitor": OK})],
    # Wagtail's login for private pages (shadowed): visitors go to allauth's login page, signed-in members were
    # refused by the page itself.
    "private_page_login": [
        ("login", lambda w: reverse("private_page_login") + "?next=/fr/", signed_in(DENIED) | {"visitor": LOGIN})
    ],
    "account_signup": [("signup", lambda w: reverse("account_signup"), signed_in(REDIRECT) | {"visitor": OK})],
    "javascript-catalog": [("catalog", lambda w: reverse("javascript-catalog"), everyone())],
    "account_settings": [("settings", lambda w: reverse("account_settings"), signed_in())],
    "account_data": [("my data", lambda w: reverse("account_data"), signed_in())],
    "account_data_export": [("export", lambda w: reverse("account_data_export"), signed_in())],
    "account_delete": [("delete", lambda w: reverse("account_delete"), signed_in())],
    "governance:overview": [("overview", lambda w: reverse("governance:overview"), everyone())],
    "governance:log": [
        ("log", lambda w: reverse("governance:log"), everyone()),
        ("published profile", lambda w: reverse("governance:log") + f"?profile={w.a.pk}", everyone()),
        ("draft profile", lambda w: reverse("governance:log") + f"?profile={w.draft_profile.pk}", everyone(DENIED)),
    ],
    "governance:report": [("report form", lambda w: reverse("governance:report"), everyone())],
    "governance:my_collectives": [("mine", lambda w: reverse("governance:my_collectives"), signed_in())],
    "governance:queue": [("queue", lambda w: reverse("governance:queue"), only(*MODERATORS))],
    "governance:decide_claim": [
        ("GET", lambda w: reverse("governance:decide_claim", args=[w.claim.pk]), post_only()),
        ("POST", lambda w: reverse("governance:decide_claim", args=[w.claim.pk]), only(*MODERATORS, allowed=ALLOWED)),
    ],
    "governance:decide_report": [
        ("GET", lambda w: reverse("governance:decide_report", args=[w.report.pk]), post_only()),
        ("POST", lambda w: reverse("governance:decide_report", args=[w.report.pk]), only(*MODERATORS, allowed=ALLOWED)),
    ],
    "governance:vote": [
        ("GET", lambda w: reverse("governance:vote", args=[0]), post_only()),
        # No change has the number 0: moderators are sent back to the desk.
        ("POST", lambda w: reverse("governance:vote", args=[0]), only(*MODERATORS, allowed=ALLOWED)),
    ],
    "governance:new_profile": [("new", lambda w: reverse("governance:new_profile"), signed_in())],
    "governance:edit_profile": [
        ("own collective", lambda w: reverse("governance:edit_profile", args=[w.a.pk]), only(*COLLECTIVE_A)),
        ("another collective", lambda w: reverse("governance:edit_profile", args=[w.b.pk]), only("moderator", "admin")),
        (
            "draft nobody manages",
            lambda w: reverse("governance:edit_profile", args=[w.draft_profile.pk]),
            only("admin"),
        ),
    ],
    "governance:members": [
        ("collective A", lambda w: reverse("governance:members", args=[w.a.pk]), only("collective_admin", "admin")),
        ("collective B", lambda w: reverse("governance:members", args=[w.b.pk]), only("moderator", "admin")),
    ],
    "governance:claim": [
        ("unmanaged", lambda w: reverse("governance:claim", args=[w.unmanaged.pk]), signed_in()),
        (
            "managed: sent back to the profile",
            lambda w: reverse("governance:claim", args=[w.a.pk]),
            signed_in(REDIRECT),
        ),
        ("draft", lambda w: reverse("governance:claim", args=[w.draft_profile.pk]), signed_in(DENIED)),
    ],
    "governance:accept_invitation": [
        ("invitation", lambda w: reverse("governance:accept_invitation", args=[w.invitation.token]), signed_in()),
        ("forged", lambda w: reverse("governance:accept_invitation", args=["forged"]), signed_in(DENIED)),
    ],
    "discussions-post": [
        ("GET", lambda w: reverse("discussions-post"), post_only()),
        ("POST", lambda w: reverse("discussions-post"), signed_in(DENIED)),  # no thread given: 404
    ],
    "discussions-edit": [("own", lambda w: reverse("discussions-edit", args=[w.comment.pk]), only("editor"))],
    "discussions-delete": [("own", lambda w: reverse("discussions-delete", args=[w.comment.pk]), only("editor"))],
    "discussions-flag": [
        (
            "others'",
            lambda w: reverse("discussions-flag", args=[w.comment.pk]),
            only("user", "collective_admin", "moderator", "admin"),
        )
    ],
    "discussions-moderate": [
        ("comment", lambda w: reverse("discussions-moderate", args=[w.held.pk]), only(*MODERATORS))
    ],
    "discussions-moderate-topic": [
        ("topic", lambda w: reverse("discussions-moderate-topic", args=[w.pending_topic.pk]), only(*MODERATORS))
    ],
    "discussions-follow": [
        ("GET", lambda w: reverse("discussions-follow"), post_only()),
        ("POST", lambda w: reverse("discussions-follow"), signed_in(DENIED)),  # no thread given: 404
    ],
    "discussions-unsubscribe": [
        ("signed link", lambda w: reverse("discussions-unsubscribe", args=[unsubscribe_token(w.follower)]), everyone()),
        ("forged link", lambda w: reverse("discussions-unsubscribe", args=["forged"]), everyone(BAD_TOKEN)),
    ],
    # The former discussions queue sends moderators to the moderation desk.
    "discussions-moderation": [
        ("queue", lambda w: reverse("discussions-moderation"), only(*MODERATORS, allowed=REDIRECT))
    ],
    "search": [("search", lambda w: reverse("search") + "?q=collectif", everyone())],
    "search_autocomplete": [("suggest", lambda w: reverse("search_autocomplete") + "?q=coll", everyone())],
    "ecosystem:collective_dashboard": [
        (
            "collective A",
            lambda w: reverse("ecosystem:collective_dashboard", args=[w.a.pk]),
            only("editor", "collective_admin", "moderator", "admin"),
        ),
        ("draft", lambda w: reverse("ecosystem:collective_dashboard", args=[w.draft_profile.pk]), signed_in(DENIED)),
    ],
    "ecosystem:confirm_as_member": [
        ("GET", lambda w: reverse("ecosystem:confirm_as_member", args=[w.a.pk]), post_only()),
        (
            "POST",
            lambda w: reverse("ecosystem:confirm_as_member", args=[w.a.pk]),
            only("editor", "collective_admin", "moderator", "admin", allowed=ALLOWED),
        ),
    ],
    "ecosystem:confirm_profile": [
        (
            "signed link",
            lambda w: reverse("ecosystem:confirm_profile", args=[make_token(type(w.a).objects.get(pk=w.a.pk))]),
            everyone(),
        ),
        ("forged link", lambda w: reverse("ecosystem:confirm_profile", args=["forged"]), everyone(BAD_TOKEN)),
    ],
    "ecosystem:stale_profiles": [("list", lambda w: reverse("ecosystem:stale_profiles"), only(*MODERATORS))],
    # People who are no member of any collective are sent to the public proposal form.
    "agenda_submit": [("form", lambda w: reverse("agenda_submit"), signed_in() | {"user": REDIRECT})],
    "agenda_propose": [("form", lambda w: reverse("agenda_propose"), everyone())],
    "agenda_confirm": [
        ("signed link", lambda w: reverse("agenda_confirm", args=[w.proposal.token]), everyone()),
        ("forged link", lambda w: reverse("agenda_confirm", args=["forged"]), everyone(DENIED)),
    ],
    "agenda_calendars": [("list", lambda w: reverse("agenda_calendars"), signed_in())],
    "agenda_calendar_edit": [
        ("GET", lambda w: reverse("agenda_calendar_edit", args=[w.feed.pk]), only(*COLLECTIVE_A, "moderator")),
        (
            "POST",
            lambda w: reverse("agenda_calendar_edit", args=[w.feed.pk]),
            only(*COLLECTIVE_A, "moderator", allowed=ALLOWED),
        ),
    ],
    "agenda_sync_now": [
        ("GET", lambda w: reverse("agenda_sync_now", args=[w.feed.pk]), post_only(LOGIN)),
        (
            "POST",
            lambda w: reverse("agenda_sync_now", args=[w.feed.pk]),
            only(*COLLECTIVE_A, "moderator", allowed=ALLOWED),
        ),
    ],
    # Sharing: the board and rooms are public once approved; answers, bookings and skills are for members of a
    # collective; a listing's and a room's managers are the members of the collective that owns it.
    "sharing:board": [("board", lambda w: reverse("sharing:board"), everyone())],
    "sharing:listing_new": [
        ("form", lambda w: reverse("sharing:listing_new"), only(*COLLECTIVE_A, "moderator") | {"admin": DENIED})
    ],
    "sharing:mine": [("mine", lambda w: reverse("sharing:mine"), signed_in())],
    "sharing:listing": [
        ("published", lambda w: reverse("sharing:listing", args=[sharing(w).listing.pk]), everyone()),
        (
            "pending",
            lambda w: reverse("sharing:listing", args=[sharing(w).pending_listing.pk]),
            only(*COLLECTIVE_A, "moderator") | {"visitor": DENIED},
        ),
    ],
    "sharing:listing_edit": [
        (
            "own",
            lambda w: reverse("sharing:listing_edit", args=[sharing(w).listing.pk]),
            only("editor", "collective_admin"),
        )
    ],
    "sharing:listing_close": [
        ("GET", lambda w: reverse("sharing:listing_close", args=[sharing(w).closable.pk]), post_only()),
        (
            "POST",
            lambda w: reverse("sharing:listing_close", args=[sharing(w).closable.pk]),
            only("editor", "collective_admin", allowed=ALLOWED),
        ),
    ],
    "sharing:listing_renew": [
        ("GET", lambda w: reverse("sharing:listing_renew", args=[sharing(w).listing.pk]), post_only()),
        (
            "POST",
            lambda w: reverse("sharing:listing_renew", args=[sharing(w).listing.pk]),
            only("editor", "collective_admin", allowed=ALLOWED),
        ),
    ],
    "sharing:listing_answer": [
        ("form", lambda w: reverse("sharing:listing_answer", args=[sharing(w).listing.pk]), only("moderator"))
    ],
    "sharing:answer_reply": [
        ("GET", lambda w: reverse("sharing:answer_reply", args=[sharing(w).answer.pk]), post_only()),
        (
            "POST",
            lambda w: reverse("sharing:answer_reply", args=[sharing(w).answer.pk]),
            only("editor", "collective_admin", allowed=ALLOWED),
        ),
    ],
    "sharing:moderate": [
        ("GET", lambda w: reverse("sharing:moderate", args=["listing", sharing(w).pending_listing.pk]), post_only()),
        (
            "POST",
            lambda w: reverse("sharing:moderate", args=["listing", sharing(w).pending_listing.pk]),
            only(*MODERATORS, allowed=ALLOWED),
        ),
    ],
    "sharing:rooms": [("search", lambda w: reverse("sharing:rooms"), everyone())],
    "sharing:room": [
        ("published", lambda w: reverse("sharing:room", args=[sharing(w).room.pk]), everyone()),
        (
            "pending",
            lambda w: reverse("sharing:room", args=[sharing(w).pending_room.pk]),
            only(*COLLECTIVE_A, "moderator") | {"visitor": DENIED},
        ),
    ],
    "sharing:room_edit": [
        (
            "own place",
            lambda w: reverse("sharing:room_edit", args=[sharing(w).room.pk]),
            only("editor", "collective_admin"),
        )
    ],
    "sharing:room_new": [
        (
            "own place",
            lambda w: reverse("sharing:room_new", args=[sharing(w).place.pk]),
            only("editor", "collective_admin"),
        )
    ],
    "sharing:room_book": [
        (
            "form",
            lambda w: reverse("sharing:room_book", args=[sharing(w).room.pk]),
            only(*COLLECTIVE_A, "moderator") | {"admin": DENIED},
        ),
        ("pending room", lambda w: reverse("sharing:room_book", args=[sharing(w).pending_room.pk]), signed_in(DENIED)),
    ],
    "sharing:booking_decide": [
        ("GET", lambda w: reverse("sharing:booking_decide", args=[sharing(w).booking.pk, "decline"]), post_only()),
        # Declining without a message is refused after the permission check: nothing changes.
        (
            "POST",
            lambda w: reverse("sharing:booking_decide", args=[sharing(w).booking.pk, "decline"]),
            only("editor", "collective_admin", allowed=ALLOWED),
        ),
    ],
    "sharing_room_calendar": [
        (
            "private link",
            lambda w: reverse("sharing_room_calendar", args=[sharing(w).room.pk, sharing(w).room.feed_token]),
            everyone(),
        ),
        (
            "forged link",
            lambda w: reverse("sharing_room_calendar", args=[sharing(w).room.pk, "forged"]),
            everyone(DENIED),
        ),
    ],
    "sharing:skills": [
        ("directory", lambda w: reverse("sharing:skills"), only(*COLLECTIVE_A, "moderator") | {"admin": DENIED})
    ],
    "sharing:my_skills": [
        ("card", lambda w: reverse("sharing:my_skills"), only(*COLLECTIVE_A, "moderator") | {"admin": DENIED})
    ],
    "sharing:delete_skills": [
        ("GET", lambda w: reverse("sharing:delete_skills"), post_only()),
        ("POST", lambda w: reverse("sharing:delete_skills"), signed_in(REDIRECT)),
    ],
    "alerts:subscribe": [("form", lambda w: reverse("alerts:subscribe"), everyone())],
    "alerts:manage_link": [("form", lambda w: reverse("alerts:manage_link"), everyone())],
    "alerts:map_rss": [("feed", lambda w: reverse("alerts:map_rss"), everyone())],
    "alerts:map_atom": [("feed", lambda w: reverse("alerts:map_atom"), everyone())],
    "alerts:decisions_rss": [("feed", lambda w: reverse("alerts:decisions_rss"), everyone())],
    "alerts:decisions_atom": [("feed", lambda w: reverse("alerts:decisions_atom"), everyone())],
    "alerts:mine": [("own alerts", lambda w: reverse("alerts:mine"), signed_in(REDIRECT))],
    "alerts:manage": [("forged link", lambda w: reverse("alerts:manage", args=["forged"]), everyone(BAD_TOKEN))],
    "alerts:confirm": [("forged link", lambda w: reverse("alerts:confirm", args=["forged"]), everyone(BAD_TOKEN))],
    "alerts:unsubscribe": [
        ("forged link", lambda w: reverse("alerts:unsubscribe", args=["forged"]), everyone(BAD_TOKEN))
    ],
    "wagtail_serve": [
        ("home", lambda w: w.homes["fr"].url, everyone()),
        ("published profile", lambda w: w.a.url, everyone()),
        ("draft profile", lambda w: "/fr/carte/brouillon/", everyone(DENIED)),
        ("published event", lambda w: w.event.url, everyone()),
        ("draft event", lambda w: w.agenda.url + "brouillon-event/", everyone(DENIED)),
        ("published tool", lambda w: w.tool.url, everyone()),
        ("draft tool", lambda w: w.toolbox.url + "outil-brouillon/", everyone(DENIED)),
        ("published topic", lambda w: w.topic.url, everyone()),
        ("pending topic", lambda w: w.topic_index.url + w.pending_topic.slug + "/", everyone(DENIED)),
    ],
}

OUTSIDE_THE_MATRIX = {
    # Wagtail's and Django's own views, configured but not written here; covered by their projects' tests.
    "wagtaildocs_serve": "document serving: see test_uploads (Content-Disposition, nosniff)",
    "wagtaildocs_authenticate_with_password": "Wagtail's password-protected documents",
    "wagtailcore_authenticate_with_password": "Wagtail's password-protected pages",
    "wagtailcore_login": "Wagtail's login for restricted pages",
    "set_language": "Django's language switch (POST, no data)",
    # django-allauth's account views: they act only on the signed-in account or a signed key.
    "account_logout": "allauth",
    "account_inactive": "allauth",
    "account_reauthenticate": "allauth",
    "account_email": "allauth",
    "account_email_verification_sent": "allauth",
    "account_change_password": "allauth",
    "account_set_password": "allauth",
    "account_reset_password": "allauth",
    "account_confirm_login_code": "allauth",
    "account_confirm_email": "allauth",
    "account_reset_password_from_key_done": "allauth",
    "account_reset_password_from_key": "allauth",
    "account_reset_password_done": "allauth",
}


def test_every_url_is_in_the_matrix():
    names = {name for _route, name in site_routes()}
    missing = sorted(names - set(ROUTES) - set(OUTSIDE_THE_MATRIX))
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"
    stale = sorted((set(ROUTES) | set(OUTSIDE_THE_MATRIX)) - names)
    assert not stale, f"The matrix lists URL names that no longer exist: {stale}"


def _outcome(response):
    status = response.status_code
    if status in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return LOGIN
    if status == 200:
        return OK
    if status in (301, 302, 303):
        return REDIRECT
    if status in (403, 404):
        return DENIED
    if status == 405:
        return POST_ONLY
    if status in (400, 410):
        return BAD_TOKEN
    return f"HTTP {status}"


def test_permission_matrix(world, client_as):
    failures = []
    clients = {role: client_as(world, role) for role in ROLES}
    for name, cases in ROUTES.items():
        for description, url_for, expected in cases:
            url = url_for(world)
            for role in ROLES:
                client = clients[role]
                response = client.post(url, {}) if description == "POST" else client.get(url)
                outcome = _outcome(response)
                allowed = (
                    expected[role] == ALLOWED and outcome not in (LOGIN, DENIED) and not outcome.startswith("HTTP 5")
                )
                if outcome != expected[role] and not allowed:
                    failures.append(f"{name} ({description}) {url} as {role}: {outcome}, expected {expected[role]}")
    assert not failures, "\n".join(failures)
