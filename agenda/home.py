"""The agenda's section of the home page (registered in `AgendaConfig.ready()`, see `incommon_cms.core.home`)."""

from .selectors import upcoming_occurrences


def home_section(page, request):
    """The next occurrences in the home page's language."""
    return {"occurrences": upcoming_occurrences(locale=page.locale, limit=5)}
