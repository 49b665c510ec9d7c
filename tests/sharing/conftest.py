import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core.roles import MODERATORS_GROUP
from incommon_cms.directory.factories import (
    AlternativePageFactory,
    CategoryFactory,
    DirectoryIndexPageFactory,
    PlacePageFactory,
)
from incommon_cms.directory.models import Commune
from incommon_cms.governance.models import Membership
from incommon_cms.sharing.models import Listing, Moderated, Room, WeeklySlot

IXELLES, SAINT_GILLES = "21009", "21013"


@pytest.fixture
def communes(db):
    """Two of the communes the reference data migration ships (recreated if a transactional test flushed them)."""
    ixelles = {"name_fr": "Ixelles", "name_nl": "Elsene"}
    saint_gilles = {"name_fr": "Saint-Gilles", "name_nl": "Sint-Gillis"}
    return {
        "ixelles": Commune.objects.get_or_create(nis_code=IXELLES, defaults=ixelles)[0],
        "saint_gilles": Commune.objects.get_or_create(nis_code=SAINT_GILLES, defaults=saint_gilles)[0],
    }


@pytest.fixture
def categories(locales):
    return {
        "design": CategoryFactory(name="Graphisme", slug="graphisme", locale=locales["fr"]),
        "mobility": CategoryFactory(name="Mobilité", slug="mobilite", locale=locales["fr"]),
    }


@pytest.fixture
def profiles(home_fr, communes):
    directory = DirectoryIndexPageFactory(parent=home_fr)
    return {
        "potager": AlternativePageFactory(parent=directory, title="Potager Collectif", commune=communes["ixelles"]),
        "atelier": AlternativePageFactory(parent=directory, title="Atelier Graphique", commune=communes["ixelles"]),
        "other": AlternativePageFactory(parent=directory, title="Radio Panik"),
        "maison": PlacePageFactory(parent=directory, title="Maison de quartier", commune=communes["ixelles"]),
        "salle": PlacePageFactory(parent=directory, title="Salle Saint-Gilles", commune=communes["saint_gilles"]),
    }


def _member(user, profile, role=Membership.EDITOR):
    Membership.objects.create(user=user, profile=profile, role=role)
    return user


@pytest.fixture
def people(profiles):
    """The roles of the permission matrix for shared things."""
    moderators = Group.objects.get_or_create(name=MODERATORS_GROUP)[0]
    moderator = _member(UserFactory(first_name="Amina", username="amina", language="fr"), profiles["other"])
    moderator.groups.add(moderators)
    moderator_own = _member(UserFactory(first_name="Odile", username="odile", language="fr"), profiles["potager"])
    moderator_own.groups.add(moderators)
    return {
        "signed_in": UserFactory(first_name="Sam", username="sam", language="fr"),
        "potager": _member(UserFactory(first_name="Paula", username="paula", language="fr"), profiles["potager"]),
        "atelier": _member(UserFactory(first_name="Anton", username="anton", language="nl"), profiles["atelier"]),
        "manager": _member(UserFactory(first_name="Marc", username="marc", language="fr"), profiles["maison"]),
        "manager_two": _member(UserFactory(first_name="Mona", username="mona", language="nl"), profiles["maison"]),
        "moderator": moderator,
        "moderator_own": moderator_own,
    }


@pytest.fixture
def more_moderators(people, profiles):
    """A second moderator of the first moderator's collective, and one of a third collective (for the quorum)."""
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    same = _member(UserFactory(first_name="Rania", username="rania", language="fr"), profiles["other"])
    elsewhere = _member(UserFactory(first_name="Bruno", username="bruno", language="nl"), profiles["salle"])
    for user in (same, elsewhere):
        user.groups.add(moderators)
    return {"same": same, "elsewhere": elsewhere}


@pytest.fixture
def make_listing(categories, people):
    def make(profile, kind, *, category="design", commune=None, status=Moderated.PUBLISHED, **fields):
        fields.setdefault("title_fr", f"{kind} de {profile.title}")
        fields.setdefault("expires_on", timezone.localdate() + datetime.timedelta(days=30))
        return Listing.objects.create(
            profile=profile, kind=kind, category=categories[category], commune=commune, status=status, **fields
        )

    return make


def next_tuesday():
    """The coming Tuesday, never today (so that the evening is always in the future)."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)


@pytest.fixture
def rooms(profiles):
    grande = Room.objects.create(
        place=profiles["maison"],
        name="Grande salle",
        capacity=40,
        surface=80,
        step_free_access=True,
        step_free_toilets=True,
        equipment="Projecteur\nChaises",
        status=Moderated.PUBLISHED,
    )
    petite = Room.objects.create(place=profiles["maison"], name="Petite salle", capacity=10, status=Moderated.PUBLISHED)
    cave = Room.objects.create(
        place=profiles["salle"], name="Cave", capacity=30, step_free_access=False, status=Moderated.PUBLISHED
    )
    for room in (grande, petite, cave):
        WeeklySlot.objects.create(room=room, weekday=1, start_time=datetime.time(18), end_time=datetime.time(22))
    return {"grande": grande, "petite": petite, "cave": cave}


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())
