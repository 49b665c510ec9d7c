"""Who may see a profile's private contact fields (address, e-mail, phone marked private by the collective).

The directory does not know who belongs to a collective: the co-governance does, and registers the rule from its
`AppConfig.ready()`:

    set_private_fields_rule(can_see_private_fields)   # rule(user, profile) -> bool

Without a rule nobody sees them: a profile page then shows its public contact only.
"""

_rule = None


def set_private_fields_rule(rule):
    global _rule
    _rule = rule


def can_see_private_fields(user, profile):
    return _rule is not None and bool(_rule(user, profile))
