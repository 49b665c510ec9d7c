"""What the home page shows besides its own text."""

from agenda.selectors import upcoming_occurrences
from incommon_cms.directory.selectors import latest_profiles


def home_sections(page, request):
    return {
        "upcoming_events": upcoming_occurrences(locale=page.locale, limit=5),
        "latest_profiles": latest_profiles(locale=page.locale, limit=6),
    }
