"""The home page's sections contributed by other apps (next events, latest profiles...).

`core` knows no capability app: each app registers its section in its `AppConfig.ready()`:

    register_home_section("events", order=10, template="agenda/home_section.html", get_context=callable)

`get_context(page, request)` returns a dict for the template (received as `section`), or None to leave the section
out. Sections are shown by `order`, then `key`.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeSection:
    key: str
    order: int
    template: str
    get_context: Any


_registry = {}


def register_home_section(key, *, order, template, get_context):
    """Add (or replace, when `key` is already known) a section of the home page."""
    _registry[key] = HomeSection(key, order, template, get_context)


def sections_for(page, request):
    """The sections to render on this home page, in order, each with its context."""
    rendered = []
    for section in sorted(_registry.values(), key=lambda s: (s.order, s.key)):
        context = section.get_context(page, request)
        if context is not None:
            rendered.append({"key": section.key, "template": section.template, "context": context})
    return rendered
