"""What the data commons store about a person, for `accounts.gdpr` (registered in `CommonsConfig.ready()`).

Subscribed calendars (sources of kind ical) stay without their creator; API tokens go with the account.
"""

from incommon_cms.accounts.gdpr import iso_date, page_summary

from .models import ApiToken, ImportSource


def export(user):
    return {
        "subscribed_calendars": [
            {"name": source.name, "url": source.url, "created_at": iso_date(source.created_at)}
            for source in ImportSource.objects.filter(kind=ImportSource.ICAL, created_by=user).order_by("pk")
        ],
        "api_tokens": [
            {"name": t.name, "collective": page_summary(t.profile), "created_at": iso_date(t.created_at)}
            for t in ApiToken.objects.filter(user=user).select_related("profile").order_by("pk")
        ],
    }
