"""Sections of a page that other apps contribute, rendered in order: the one shape behind the home page's sections
(`core.home`) and a profile page's sections (`directory.sections`).

The app that owns the page creates a `SectionRegistry`; other apps call its `register` from their
`AppConfig.ready()`, so the page's app never imports them. `get_context(obj, request)` returns a dict for the section's
template (received as `section`), or None to leave the section out. Sections are shown by `order`, then `key`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    get_context: Callable[[Any, HttpRequest], dict | None]


class SectionRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, key: str, *, order: int, template: str, get_context: Callable) -> None:
        """Add (or replace, when `key` is already known) a section."""
        self._sections[key] = Section(key, order, template, get_context)

    def sections_for(self, obj: Any, request: HttpRequest) -> list[dict]:
        """The sections to render for `obj`, in order, each with its template and context."""
        rendered = []
        for section in sorted(self._sections.values(), key=lambda s: (s.order, s.key)):
            context = section.get_context(obj, request)
            if context is not None:
                rendered.append({"key": section.key, "template": section.template, "context": context})
        return rendered
