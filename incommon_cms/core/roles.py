"""Site-wide roles: who is a site admin, a moderator or a translator.

These roles are Django groups (and the superuser flag), known to every app; `core` holds them so that any layer can
ask "is this user a moderator?" without depending on the co-governance. Roles inside a collective (member, collective
admin) and the permission matrix built on them live in `incommon_cms.governance.roles`.
"""

MODERATORS_GROUP = "Moderators"
TRANSLATORS_GROUP = "Translators"


def is_authenticated(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_site_admin(user):
    return is_authenticated(user) and user.is_superuser


def is_moderator(user):
    return is_authenticated(user) and (user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists())


def is_translator(user):
    return is_authenticated(user) and (user.is_superuser or user.groups.filter(name=TRANSLATORS_GROUP).exists())


def can_see_translation_queue(user):
    """The translators' queue (pages untranslated or out of date): translators, moderators and site admins."""
    return is_translator(user) or is_moderator(user)
