"""The home page's sections contributed by other apps (next events, latest profiles...).

`core` knows no capability app: each app registers its section in its `AppConfig.ready()`:

    register_home_section("events", order=10, template="agenda/home_section.html", get_context=callable)

`get_context(page, request)` returns a dict for the template (received as `section`), or None to leave the section
out. Sections are shown by `order`, then `key` (`core.sections.SectionRegistry`).
"""

from .sections import SectionRegistry

home_sections = SectionRegistry()
register_home_section = home_sections.register
sections_for = home_sections.sections_for
