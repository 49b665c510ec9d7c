import pytest
from django.contrib.auth.models import Group

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.core.demo_utils import translation
from incommon_cms.core.roles import MODERATORS_GROUP
from incommon_cms.directory.factories import AlternativePageFactory, CategoryFactory, DirectoryIndexPageFactory
from incommon_cms.discussions.models import TopicIndexPage, TopicPage
from incommon_cms.governance.models import Membership


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderator", first_name="Mona", last_name="Moderator")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


@pytest.fixture
def newcomer(db):
    """A member with no published comment yet: their first comments are held."""
    return UserFactory(username="newcomer", first_name="Nina", last_name="Newcomer")


@pytest.fixture
def trusted(profile):
    """A member of a collective: their comments are published at once."""
    user = UserFactory(username="trusted", first_name="Tom", last_name="Trusted", language="fr")
    Membership.objects.create(user=user, profile=profile)
    return user


@pytest.fixture
def directory(homes):
    index = DirectoryIndexPageFactory(parent=homes["fr"])
    translation(index, "nl", title="Kaart", slug="kaart")
    return index


@pytest.fixture
def profile(directory):
    page = AlternativePageFactory(parent=directory, title="Repair Café Ixelles", slug="repair-cafe-ixelles")
    page.save_revision().publish()
    return page


@pytest.fixture
def theme(locales):
    return CategoryFactory(name="Alimentation", slug="food", locale=locales["fr"])


@pytest.fixture
def topic_index(homes):
    index = TopicIndexPage(title="Espace de partage", slug="espace-de-partage")
    homes["fr"].add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def topic(topic_index, theme, trusted):
    page = TopicPage(
        title="Qui partage une camionnette ?",
        slug="camionnette",
        topic_type=TopicPage.REQUEST,
        theme=theme,
        body="Nous cherchons une **camionnette** pour samedi.",
        author=trusted,
    )
    topic_index.add_child(instance=page)
    page.save_revision().publish()
    return page
