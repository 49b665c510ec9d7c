"""The directory's section of the home page (registered in `DirectoryConfig.ready()`, see `incommon_cms.core.home`)."""

from .selectors import latest_profiles


def home_section(page, request):
    """The profiles published last, in the home page's language."""
    return {"profiles": latest_profiles(locale=page.locale, limit=6)}
