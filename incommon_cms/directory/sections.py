"""Extra sections of a profile page contributed by other apps (upcoming events, tools, discussions...).

An app registers a section in its `AppConfig.ready()`:

    register_profile_section("events", order=20, template="agenda/profile_section.html", get_context=callable)

`get_context(profile, request)` returns a dict for the template, or None to leave the section out.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProfileSection:
    key: str
    order: int
    template: str
    get_context: Any


_registry = {}


def register_profile_section(key, *, order, template, get_context):
    _registry[key] = ProfileSection(key, order, template, get_context)


def sections_for(profile, request):
    """The sections to render on this profile page, in order, each with its context."""
    rendered = []
    for section in sorted(_registry.values(), key=lambda s: (s.order, s.key)):
        context = section.get_context(profile, request)
        if context is not None:
            rendered.append({"key": section.key, "template": section.template, "context": context})
    return rendered
