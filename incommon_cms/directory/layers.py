"""Extra layers of the directory map contributed by other apps (the agenda's upcoming events...).

An app registers a layer in its `AppConfig.ready()`:

    register_map_layer("events", order=10, template="agenda/includes/map_layer.html", get_context=callable)

`get_context(request, language, filters)` gets the map page's cleaned `ProfileFilters` and returns a dict for the
template, or None to leave the layer out. The dict's `config` (JSON-serialisable, with at least `key` and `url`)
is handed to the map script, and its optional `errors` (parameter name to a translated reason) are shown with the
directory's own filter errors. The template renders the layer's legend, toggle and its list equivalent.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MapLayer:
    key: str
    order: int
    template: str
    get_context: Any


_registry = {}


def register_map_layer(key, *, order, template, get_context):
    _registry[key] = MapLayer(key, order, template, get_context)


def layers_for(request, language, filters):
    """The layers to draw on this map page, in order, each with its template context."""
    rendered = []
    for layer in sorted(_registry.values(), key=lambda item: (item.order, item.key)):
        context = layer.get_context(request, language, filters)
        if context is not None:
            rendered.append({"key": layer.key, "template": layer.template, "context": context})
    return rendered
