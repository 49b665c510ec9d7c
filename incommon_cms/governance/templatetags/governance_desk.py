from django import template

from incommon_cms.governance.desk import pending_count

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_pending(context):
    """How many items wait on the moderation desk, for a moderator; None for everyone else (no link shown).

    Visitors cost no query. Pages of signed-in people are never served from the page cache (`core.pagecache`),
    so the figure is always the current one.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return pending_count(user)
