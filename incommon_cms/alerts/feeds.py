"""RSS 2.0 and Atom feeds of the map (with its filters, `bbox` included) and of the public decision log.

The map's feed reads its filters through the directory's `ProfileFilterSet`, like the map page: a refused value is a
400 with its reason. Feeds answer conditional requests (`ETag`, `Last-Modified`, 304) from the latest change of what
they list.
"""

import hashlib

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from wagtail.models import Locale

from incommon_cms.directory.filtersets import ProfileFilterSet
from incommon_cms.directory.selectors import public_profiles
from incommon_cms.governance.models import Decision
from toolbox.selectors import one_per_translation

FEED_SIZE = 50


def _profiles(request):
    filterset = ProfileFilterSet(request.GET, queryset=public_profiles())
    if not filterset.is_valid():
        return None, filterset.reasons()
    locale = Locale.objects.filter(language_code=get_language()).first()
    latest = filterset.qs.order_by("-last_published_at")[: FEED_SIZE * 3]
    chosen = sorted(one_per_translation(latest, locale), key=lambda page: page.last_published_at, reverse=True)
    return chosen[:FEED_SIZE], None


class MapFeed(Feed):
    def get_object(self, request):
        return request  # the filters are read from it; the feed instance is shared between requests

    def title(self):
        return _("In Common: new and updated profiles")

    def link(self):
        return "/" + get_language() + "/"

    def description(self):
        return _("Profiles of the map, with the filters of this address.")

    def items(self, request):
        profiles, _reasons = _profiles(request)
        return profiles or []

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item.specific, "short_description", "") or ""

    def item_link(self, item):
        return item.full_url or item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class MapAtomFeed(MapFeed):
    feed_type = Atom1Feed
    subtitle = MapFeed.description


class DecisionFeed(Feed):
    def title(self):
        return _("In Common: decision log")

    def link(self):
        return "/" + get_language() + "/"

    def description(self):
        return _("The public log of the decisions taken on the platform.")

    def items(self):
        return Decision.objects.order_by("-created_at")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.get_action_display()}: {item.target_title}".rstrip(": ")

    def item_description(self, item):
        return item.reason

    def item_link(self, item):
        return item.target_url or f"/{get_language()}/#decision-{item.pk}"

    def item_guid(self, item):
        return f"decision-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at


class DecisionAtomFeed(DecisionFeed):
    feed_type = Atom1Feed
    subtitle = DecisionFeed.description


def _map_last_modified(request, *args, **kwargs):
    profiles, _reasons = _profiles(request)
    return max((page.last_published_at for page in profiles), default=None) if profiles else None


def _decisions_last_modified(request, *args, **kwargs):
    latest = Decision.objects.order_by("-created_at").first()
    return latest.created_at if latest else None


def _etag(last_modified_func):
    def etag(request, *args, **kwargs):
        last_modified = last_modified_func(request)
        version = f"{request.get_full_path()}|{get_language()}|{last_modified.isoformat() if last_modified else ''}"
        return hashlib.sha256(version.encode()).hexdigest()[:32]

    return etag


def _conditional(feed, last_modified_func):
    return condition(etag_func=_etag(last_modified_func), last_modified_func=last_modified_func)(feed)


def _map_view(feed):
    conditional = _conditional(feed, _map_last_modified)

    def view(request, *args, **kwargs):
        _profiles_found, reasons = _profiles(request)
        if reasons:
            return HttpResponseBadRequest(" ".join(reasons.values()), content_type="text/plain; charset=utf-8")
        return conditional(request, *args, **kwargs)

    return view


map_rss = _map_view(MapFeed())
map_atom = _map_view(MapAtomFeed())
decisions_rss = _conditional(DecisionFeed(), _decisions_last_modified)
decisions_atom = _conditional(DecisionAtomFeed(), _decisions_last_modified)
