"""The moderation desk: one page where moderators find everything that waits for them, whatever app it comes from.

Each app registers its sections in its `AppConfig.ready()`; governance never imports the other apps for this:

    register_desk_section(
        "held_comments",
        order=40,
        title=_("Comments awaiting moderation"),
        template="discussions/desk/held_comments.html",
        get_items=held_comments,
        count=count_held_comments,
    )

- `get_items(request, bound)` returns the items the section's template renders (a list, at most what fits on one
  page). `bound` maps keys of the section's choosing (for instance `("claim", 12)`) to what a refused form sent
  back, so that the desk shows the error next to the item and keeps what the moderator typed.
- `count(user)` returns how many items wait in total. It must stay cheap (a query or two, or a cached figure):
  `pending_count` adds up every section's count for the header link shown on every page a moderator opens.

The template receives `section` (the `DeskSection`), `items` and `count`; the desk gives each section an anchor
`#desk-<key>` (underscores become dashes) so that the actions of a section can send the moderator back to it.
"""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from . import roles


@dataclass(frozen=True)
class DeskSection:
    key: str
    order: int
    title: Any
    template: str
    get_items: Any
    count: Any

    @property
    def anchor(self):
        return "desk-" + self.key.replace("_", "-")


_registry = {}


def register_desk_section(key, *, order, title, template, get_items, count):
    """Add (or replace, when `key` is already known) a section of the desk."""
    _registry[key] = DeskSection(key, order, title, template, get_items, count)


def sections():
    return sorted(_registry.values(), key=lambda section: (section.order, section.key))


def section_url(key):
    """The desk's address at one section, where an action taken there sends the moderator back."""
    section = _registry.get(key)
    anchor = f"#{section.anchor}" if section is not None else ""
    return reverse("governance:queue") + anchor


def sections_for(request, bound=None):
    """Every section of the desk with its items and its count, in order, for the desk page."""
    bound = bound or {}
    rendered = []
    for section in sections():
        items = list(section.get_items(request, bound))
        rendered.append({"section": section, "items": items, "count": section.count(request.user)})
    return rendered


def pending_count(user):
    """How many items wait on the desk in total, or None for anyone who is not a moderator.

    Visitors cost no query; a signed-in member who is not a moderator costs the one query that says so.
    """
    if not (user and user.is_authenticated) or not roles.can_handle_queue(user):
        return None
    return sum(section.count(user) for section in sections())
