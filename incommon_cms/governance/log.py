"""The decision log's verbs: a registry each app fills from its `AppConfig.ready()`.

The log (`Decision.action`) names what was decided with a verb: "approve", "comment_hide", "merge"... The governance
records and shows them but does not know the other apps' verbs: each app registers its own with `register_verb`
(value, translated label, and whether it approves a change, for the ecosystem's approval figures). The column stays a
plain CharField whose choices are read from here (`verb_choices`, a callable: the migration names it, not the list);
`record_decision` refuses a verb nobody registered, so the log never shows a raw value.

Registering the same verb again with the same label is allowed (two apps importing data share "import"); another
label for a registered value is a configuration error.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 30


@dataclass(frozen=True)
class Verb:
    value: str
    label: str
    approval: bool = False


_VERBS: dict[str, Verb] = {}


def register_verb(value, label, *, approval=False):
    """Make `value` a verb of the decision log, shown as `label`; `approval` marks a verb that approves a change."""
    if not value or len(value) > MAX_LENGTH:
        raise ImproperlyConfigured(f"A decision-log verb has 1 to {MAX_LENGTH} characters: {value!r}.")
    verb = Verb(value, label, approval)
    known = _VERBS.get(value)
    if known is not None and known != verb:
        raise ImproperlyConfigured(f"The decision-log verb {value!r} is already registered as {known.label!r}.")
    _VERBS[value] = verb
    return value


def verb_choices():
    """(value, label) of every registered verb, in the order of registration (the apps' order)."""
    return [(verb.value, verb.label) for verb in _VERBS.values()]


def approval_verbs():
    return [verb.value for verb in _VERBS.values() if verb.approval]


def is_verb(value):
    return value in _VERBS


def check_verb(value):
    """Raise ValueError naming the verb when no app registered it."""
    if value not in _VERBS:
        raise ValueError(
            f"Unknown decision-log verb {value!r}: an app registers its verbs with "
            "governance.log.register_verb() from its AppConfig.ready()."
        )


# The governance's own verbs: its moderation of changes, memberships, claims, reports and emergency publication,
# and "import", which every app importing data records.
APPROVE = "approve"
REJECT = "reject"
AUTO_APPROVE = "auto_approve"
CLAIM_ACCEPT = "claim_accept"
CLAIM_REFUSE = "claim_refuse"
REPORT_RESOLVE = "report_resolve"
REPORT_DISMISS = "report_dismiss"
ROLE_CHANGE = "role_change"
MEMBER_REMOVE = "member_remove"
IMPORT = "import"
MEMBER_JOIN = "member_join"
EMERGENCY_PUBLISH = "emergency_publish"
EMERGENCY_UNPUBLISH = "emergency_unpublish"


def register_governance_verbs():
    register_verb(APPROVE, _("Change approved"), approval=True)
    register_verb(REJECT, _("Change rejected"))
    register_verb(AUTO_APPROVE, _("Minor change approved automatically"), approval=True)
    register_verb(CLAIM_ACCEPT, _("Claim accepted"), approval=True)
    register_verb(CLAIM_REFUSE, _("Claim refused"))
    register_verb(REPORT_RESOLVE, _("Report resolved"))
    register_verb(REPORT_DISMISS, _("Report dismissed"))
    register_verb(ROLE_CHANGE, _("Role changed"))
    register_verb(MEMBER_REMOVE, _("Member removed"))
    register_verb(IMPORT, _("Data imported"))
    register_verb(MEMBER_JOIN, _("Member joined"))
    register_verb(EMERGENCY_PUBLISH, _("Emergency publication by a site administrator"))
    register_verb(EMERGENCY_UNPUBLISH, _("Emergency withdrawal by a site administrator"))
