import pytest
from django.contrib.auth.models import Group

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core.roles import MODERATORS_GROUP
from incommon_cms.directory.factories import AlternativePageFactory, DirectoryIndexPageFactory
from incommon_cms.governance.models import Membership
from incommon_cms.governance.workflows import default_workflow, ensure_default_workflow


@pytest.fixture
def directory(home_fr):
    index = DirectoryIndexPageFactory(parent=home_fr)
    ensure_default_workflow()
    return index


@pytest.fixture
def task(directory):
    return default_workflow().tasks.first().specific


@pytest.fixture
def profiles(directory):
    def make(title, **fields):
        return AlternativePageFactory(parent=directory, title=title, **fields)

    return {
        "communa": make(
            "Communa",
            short_description="Occupations temporaires de bâtiments vides.",
            email="contact-secret@communa.example",
            email_private=True,
            opening_hours="Lundi 9h–17h",
        ),
        "bral": make("BRAL"),
        "financite": make("Financité"),
        "concertes": make("ConcertES"),
        "orphan": make("Radio Panik"),
    }


def _member(user, profile, role=Membership.EDITOR):
    Membership.objects.create(user=user, profile=profile, role=role)
    return user


def _moderator(name, profile=None):
    user = UserFactory(first_name=name, last_name="", username=name.lower())
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    if profile is not None:
        _member(user, profile)
    return user


@pytest.fixture
def people(profiles):
    """One user per role of the permission matrix, plus moderators of various collectives."""
    return {
        "signed_in": UserFactory(first_name="Sam", last_name="", username="sam"),
        "editor": _member(UserFactory(first_name="Karim", last_name="", username="karim"), profiles["communa"]),
        "collective_admin": _member(
            UserFactory(first_name="Sophie", last_name="", username="sophie"), profiles["communa"], Membership.ADMIN
        ),
        "moderator": _moderator("Amina", profiles["bral"]),
        "moderator_same": _moderator("Bert", profiles["bral"]),
        "moderator_other": _moderator("Pieter", profiles["financite"]),
        "moderator_own": _moderator("Odile", profiles["communa"]),
        "site_admin": UserFactory(first_name="Ada", last_name="", username="ada", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def submit():
    """Propose changes to a profile as `user`, the way the front-end form does."""
    from incommon_cms.governance.submissions import submit_revision

    def _submit(page, user, **changes):
        draft = page.get_latest_revision_as_object()
        for name, value in changes.items():
            setattr(draft, name, value)
        return submit_revision(draft, user)

    return _submit
