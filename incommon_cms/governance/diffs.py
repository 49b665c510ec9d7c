"""What changes between the published version of a page and a proposed revision, as the public will read it.

Moderators vote on this diff, so each value is shown the way the public page will show it, never the way it is
stored: rich text as paragraphs of text (with the addresses of its links), plain text with its line breaks, a map
position as a movement ("moved 120 m to the north-east"), dates in the reader's language and time zone, choices by
their label, categories in the reader's language, links as lists of addresses. Every value is plain text: the
template escapes it once, so text a member typed between `<` and `>` is shown as typed, never dropped nor run.

`field_diff` returns `DiffRow`s whose sides are `DiffValue`s; `governance/includes/diff.html` (context variable
`rows`) is the one template that renders them, in the Wagtail dashboard and on the public moderation desk.
`changed_fields` gives only the names of the changed fields: it drives the automatic approval of minor changes
and the "fields changed" of the decision log.
"""

import math
from dataclasses import dataclass
from html.parser import HTMLParser

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from incommon_cms.core.located import parse_point
from incommon_cms.directory.models import split_links

from . import roles

# Page bookkeeping that is never a "change" in a diff.
IGNORED_FIELDS = {
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "latest_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "url_path",
    "draft_title",
    "latest_revision_created_at",
    "alias_of",
    "index_entries",
    "latitude",
    "longitude",
    "profilepage_ptr",
    "show_in_menus",
    "search_description",
    "seo_title",
}

MASK = "•••"
# Text fields the public page shows as a list of web addresses, or as a list of lines.
LINK_LIST_FIELDS = {"social_links"}
LINE_LIST_FIELDS = {"equipment"}
EARTH_RADIUS_M = 6_371_008.8

_field_displays = {}


def register_field_display(field_name, describe):
    """Show the field `field_name` as the one line of text `describe(value)` returns.

    For a field whose reading belongs to another app (the agenda registers `rrule`, a recurrence rule described as
    "every Monday until…", from its `AppConfig.ready()`).
    """
    _field_displays[field_name] = describe


@dataclass(frozen=True)
class DiffValue:
    """One side of a changed field, ready to show. Every string is plain text (the template escapes it).

    `kind` says how to show it: ``empty``; ``text`` (line breaks kept); ``paragraphs`` (`items`: paragraphs, each
    with its line breaks); ``list`` and ``links`` (`items`: entries, web addresses); ``location`` (`text`: the
    movement, `coordinates`: "latitude, longitude" rounded to 5 decimals); ``masked`` (a private value).
    """

    kind: str
    text: str = ""
    items: tuple = ()
    coordinates: str = ""


@dataclass(frozen=True)
class DiffRow:
    """A changed field: its name, its translated label, the published (`old`) and proposed (`new`) values."""

    name: str
    label: str
    old: DiffValue
    new: DiffValue
    private: bool = False

    @property
    def sides(self):
        """(`old`, value) then (`new`, value), so the template writes one cell's markup once."""
        return (("old", self.old), ("new", self.new))


EMPTY = DiffValue("empty")


# --- Which fields changed ----------------------------------------------------------------------------------------


def content_fields(page):
    """Editable content fields of a page's specific model (tags and categories included), in the order the editor
    shows them (its panels), then any other field in model order: the order does not depend on which fields come from
    a mixin (core.located.LocatedMixin)."""
    fields = [
        field
        for field in page._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.editable
        and field.name not in IGNORED_FIELDS
    ]
    editor_order = _editor_order(type(page))
    return sorted(fields, key=lambda field: editor_order.get(field.name, len(editor_order)))


def _editor_order(model):
    get_edit_handler = getattr(model, "get_edit_handler", None)
    if get_edit_handler is None:
        return {}
    names = get_edit_handler().get_form_options().get("fields", [])
    return {name: position for position, name in enumerate(names)}


def private_field_names(page):
    """Contact fields hidden from the public on this version of the page."""
    flags = getattr(page, "PRIVATE_FLAGS", {})
    return {name for name, flag in flags.items() if getattr(page, flag, False)}


def _comparable(page, field):
    if field.many_to_many:
        return sorted(str(item) for item in getattr(page, field.name).all())
    if field.is_relation:
        return getattr(page, field.attname)
    return field.value_from_object(page)


def _is_blank(page, field):
    """A field a new page leaves empty (or unticked): not worth listing as a change."""
    if field.many_to_many:
        return not list(getattr(page, field.name).all())
    if field.is_relation:
        return getattr(page, field.attname) is None
    value = field.value_from_object(page)
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    return value is None or value is False or (isinstance(value, list) and not value) or str(value) == ""


def changed_fields(live, proposed):
    """Names of the content fields whose value differs between the live page (or None) and the proposed one.

    For a new page (`live` is None) every filled-in field counts, and the title always does.
    """
    changed = []
    for field in content_fields(proposed):
        if live is None or _comparable(live, field) != _comparable(proposed, field):
            if live is None and field.name != "title" and _is_blank(proposed, field):
                continue
            changed.append(field.name)
    return changed


# --- Values as the public sees them ------------------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """The text of rich text HTML as paragraphs: block elements separate paragraphs, `<br>` breaks a line, a link
    keeps its address next to its words, an image its alternative text. Entities are decoded (plain text out)."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "figure", "pre", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.current, self.links = [], [], []

    def flush(self):
        text = "".join(self.current)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(lines).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.BLOCKS:
            self.flush()
        elif tag == "br":
            self.current.append("\n")
        elif tag == "a":
            self.links.append((attrs.get("href") or "", len(self.current)))
        elif tag == "img" and attrs.get("alt"):
            self.current.append(f"[{attrs['alt']}]")
        elif tag == "iframe" and attrs.get("src"):
            self.current.append(f" {attrs['src']} ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.flush()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.current[start:]).strip()
            if href and href != words:
                self.current.append(f" ({href})")

    def handle_data(self, data):
        # Line breaks in the source are spaces for a browser: only `<br>` breaks a line.
        self.current.append(" ".join(data.split("\n")))

    def close(self):
        super().close()
        self.flush()


def html_paragraphs(html):
    """The paragraphs of text a reader sees in rich text HTML (Wagtail's stored form is expanded first)."""
    parser = _TextExtractor()
    parser.feed(expand_db_html(html or ""))
    parser.close()
    return tuple(parser.paragraphs)


def distance_and_bearing(start, end):
    """Great-circle distance in metres and initial bearing in degrees (0 = north, 90 = east) between two points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*start, *end))
    dlat, dlon = lat2 - lat1, lon2 - lon1
    a = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    distance = 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))
    y = math.sin(dlon) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return distance, (math.degrees(math.atan2(y, x)) + 360) % 360


def format_distance(metres):
    """120 m, 1.2 km (in the reader's number format): to the metre under 100 m, to 10 m under 1 km."""
    if metres < 100:
        return f"{round(metres)} m"
    if metres < 1000:
        return f"{round(metres, -1):.0f} m"
    return f"{number_format(metres / 1000, 1)} km"


def movement(old_point, new_point):
    """A sentence saying how a map position changed, in the active language."""
    if old_point is None:
        return _("New position")
    if new_point is None:
        return _("Position removed")
    metres, bearing = distance_and_bearing(old_point, new_point)
    if metres < 1:
        return _("Moved by less than a metre")
    sentences = (
        _("Moved %(distance)s to the north"),
        _("Moved %(distance)s to the north-east"),
        _("Moved %(distance)s to the east"),
        _("Moved %(distance)s to the south-east"),
        _("Moved %(distance)s to the south"),
        _("Moved %(distance)s to the south-west"),
        _("Moved %(distance)s to the west"),
        _("Moved %(distance)s to the north-west"),
    )
    return sentences[round(bearing / 45) % 8] % {"distance": format_distance(metres)}


def _coordinates(point):
    return f"{point[0]:.5f}, {point[1]:.5f}" if point else ""


def _location_values(live, proposed, field):
    old_point = parse_point(field.value_from_object(live)) if live is not None else None
    new_point = parse_point(field.value_from_object(proposed))
    old = DiffValue("location", coordinates=_coordinates(old_point)) if old_point else EMPTY
    new = DiffValue("location", text=movement(old_point, new_point), coordinates=_coordinates(new_point))
    return old, new


def _name(item):
    """An object's name in the reader's language when it is translated (categories, themes, pages)."""
    localized = getattr(item, "localized", None)
    return str(localized if localized is not None else item)


def _moment(field, value):
    if isinstance(value, str):
        value = parse_datetime(value) or parse_date(value) or value
    if isinstance(field, models.DateTimeField) and hasattr(value, "tzinfo"):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(field, models.DateField) and hasattr(value, "year"):
        return date_format(value, "DATE_FORMAT")
    if isinstance(field, models.TimeField) and hasattr(value, "hour"):
        return time_format(value, "TIME_FORMAT")
    return str(value)


def _text_value(text):
    text = (text or "").replace("\r\n", "\n").strip()
    return DiffValue("text", text=text) if text else EMPTY


def _items(kind, items):
    items = tuple(str(item) for item in items if str(item).strip())
    return DiffValue(kind, items=items) if items else EMPTY


def display_value(page, field):
    """One field of one version of a page, as the public page shows it (see the module docstring)."""
    if field.many_to_many:
        return _items("list", sorted((_name(item) for item in getattr(page, field.name).all()), key=str.casefold))
    if field.is_relation:
        related = getattr(page, field.name)
        return EMPTY if related is None else _text_value(_name(related))
    value = field.value_from_object(page)
    if value is None or (isinstance(value, str | list) and not value):
        return EMPTY
    item_choices = getattr(field, "item_choices", None)
    if item_choices is not None:
        labels = dict(item_choices)
        return _items("list", [labels.get(item, item) for item in value])
    if field.choices:
        return _text_value(str(dict(field.flatchoices).get(value, value)))
    if isinstance(field, models.BooleanField):
        return _text_value(_("Yes") if value else _("No"))
    if isinstance(field, models.DateField | models.TimeField):
        return _text_value(_moment(field, value))
    if isinstance(field, models.URLField):
        return _items("links", [value])
    if field.name in LINK_LIST_FIELDS:
        return _items("links", split_links(value))
    if field.name in LINE_LIST_FIELDS:
        return _items("list", [line.strip() for line in str(value).splitlines()])
    if field.name in _field_displays:
        return _text_value(_field_displays[field.name](value))
    if hasattr(value, "render_as_block"):
        return _items("paragraphs", html_paragraphs(str(value.render_as_block())))
    if _is_rich_text(field):
        return _items("paragraphs", html_paragraphs(value))
    if isinstance(value, list | tuple):
        return _items("list", value)
    return _text_value(str(value))


def _is_rich_text(field):
    return isinstance(field, RichTextField)


# --- Rows for moderators -----------------------------------------------------------------------------------------


def field_diff(live, proposed, show_private=False):
    """The changed fields between `live` (None for a new page) and `proposed`, as `DiffRow`s in model order.

    Values of private contact fields are masked unless `show_private` (see `roles.can_see_private_fields`).
    """
    private = private_field_names(proposed) | (private_field_names(live) if live is not None else set())
    rows = []
    for name in changed_fields(live, proposed):
        field = proposed._meta.get_field(name)
        masked = name in private and not show_private
        if masked:
            old = EMPTY if live is None else DiffValue("masked", text=MASK)
            new = DiffValue("masked", text=MASK)
        elif name == "location":
            old, new = _location_values(live, proposed, field)
        else:
            old = EMPTY if live is None else display_value(live, field)
            new = display_value(proposed, field)
        rows.append(DiffRow(name=name, label=str(field.verbose_name), old=old, new=new, private=name in private))
    return rows


def published_version(page):
    """What the public sees of `page` now (None if it is not published)."""
    if not page.live:
        return None
    return page.live_revision.as_object() if page.live_revision_id else page


def live_and_proposed(task_state):
    """The published version of the page (None if never published) and the revision under review."""
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    return published_version(page), task_state.revision.as_object()


def diff_for_task_state(task_state, user=None):
    """The rows of a change under review, for `user` (private values shown only to those who may see them)."""
    live, proposed = live_and_proposed(task_state)
    return field_diff(live, proposed, show_private=roles.can_see_private_fields(user, proposed) if user else False)


# --- Field names in the decision log -----------------------------------------------------------------------------


def field_labels(model_label, names):
    """The verbose names, in the active language, of fields of the model `app_label.model_name`.

    The decision log stores field names (language-neutral); this translates them when the log is read. A name
    the model does not know (renamed or removed since) is given as is.
    """
    try:
        model = apps.get_model(model_label) if model_label else None
    except (LookupError, ValueError):
        model = None
    labels = []
    for name in names or []:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name) if model is not None else str(name))
        except FieldDoesNotExist:
            labels.append(str(name))
    return labels
