"""Extra sections of a profile page contributed by other apps (upcoming events, tools, discussions...).

An app registers a section in its `AppConfig.ready()`:

    register_profile_section("events", order=20, template="agenda/profile_section.html", get_context=callable)

`get_context(profile, request)` returns a dict for the template, or None to leave the section out
(`core.sections.SectionRegistry`).
"""

from incommon_cms.core.sections import SectionRegistry

profile_sections = SectionRegistry()
register_profile_section = profile_sections.register
sections_for = profile_sections.sections_for
