from django import template

from incommon_cms.governance.diffs import field_labels

register = template.Library()


@register.filter
def changed_field_labels(decision):
    """The fields a logged decision changed, by their names in the reader's language (stored names otherwise)."""
    details = decision.details if isinstance(decision.details, dict) else {}
    return field_labels(decision.target_type, details.get("fields") or [])
