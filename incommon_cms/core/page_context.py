"""Page contexts built outside their model's module, registered from the app's `AppConfig.ready()`.

A page's context often needs listings, filters and forms that read the page's own models. Built from the models
module, they would have to be imported back inside `get_context` (a cycle within the app, hidden in a function).
Instead the page's `get_context` adds `page_context(self, request)`, and the app registers the builder, which may
import the models freely, with `register_page_context(Model, build)` from its `ready()`.

`build(page, request, **extra)` returns a dict added to Wagtail's context; `extra` is what the model passes (e.g. the
profile's `can_see_private`). A page finds the builder of its class or of its nearest registered base class (every
kind of profile uses the ProfilePage's). A page without one is a configuration error, said with its name.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_BUILDERS: dict[type, Callable[..., dict]] = {}


def register_page_context(model: type, build: Callable[..., dict]) -> None:
    _BUILDERS[model] = build


def page_context(page, request, **extra) -> dict:
    for cls in type(page).__mro__:
        build = _BUILDERS.get(cls)
        if build is not None:
            return build(page, request, **extra)
    raise ImproperlyConfigured(
        f"No context is registered for {type(page).__name__}: its app registers one with "
        "core.page_context.register_page_context() from its AppConfig.ready()."
    )
