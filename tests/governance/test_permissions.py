"""The permission matrix, checked through what each role really gets: pages, forms, votes, private fields, log.

Roles: visitor, signed-in user, collective editor, collective admin, moderator (member of another collective),
site admin. "Own profile" is Communa for its members (and for the others, who have none); "other" is Financité.
"""

import pytest
from wagtail.models import WorkflowState

from incommon_cms.governance import roles
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision, Vote

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "signed_in", "editor", "collective_admin", "moderator", "site_admin"]

#                       view  edit own  edit other  approve  private  log
MATRIX = {
    "visitor":          (True, False,   False,      False,   False,   True),
    "signed_in":        (True, False,   False,      False,   False,   True),
    "editor":           (True, True,    False,      False,   True,    True),
    "collective_admin": (True, True,    False,      False,   True,    True),
    "moderator":        (True, False,   False,      True,    True,    True),
    "site_admin":       (True, True,    True,       True,    True,    True),
}  # fmt: skip


@pytest.fixture
def as_role(client, people):
    def login(role):
        user = None if role == "visitor" else people[role]
        if user is not None:
            client.force_login(user)
        return user

    return login


@pytest.mark.parametrize("role", ROLES)
def test_view(role, as_role, client, profiles):
    as_role(role)
    html = client.get(profiles["communa"].url).content.decode()
    assert '<h1 id="profile-title">Communa</h1>' in html


@pytest.mark.parametrize("role", ROLES)
def test_edit_own_profile(role, as_role, client, profiles):
    user = as_role(role)
    expected = MATRIX[role][1]
    page = profiles["communa"]
    response = client.get(f"/fr/gouvernance/profil/{page.pk}/modifier/")
    if expected:
        assert response.status_code == 200
        assert 'name="short_description"' in response.content.decode()
    else:
        assert response.status_code in (302, 403)
        assert 'name="short_description"' not in response.content.decode()
    assert roles.can_edit_profile(user, page) is expected
    # The "Edit my profile" link on the public page follows the same rule.
    assert ("Modifier mon profil" in client.get(page.url).content.decode()) is expected


@pytest.mark.parametrize("role", ROLES)
def test_edit_other_profile(role, as_role, client, profiles):
    user = as_role(role)
    expected = MATRIX[role][2]
    page = profiles["financite"]
    response = client.post(f"/fr/gouvernance/profil/{page.pk}/modifier/", {"title": "Piraté", "save": "1"})
    assert (response.status_code == 302 and "/accounts/login/" not in response.url) is expected
    assert WorkflowState.objects.filter(object_id=str(page.pk)).exists() is expected
    assert roles.can_edit_profile(user, page) is expected


@pytest.mark.parametrize("role", ROLES)
def test_approve(role, as_role, client, profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], short_description="Nouveau")
    task_state = state.current_task_state
    user = as_role(role)
    expected = MATRIX[role][3]
    client.post(f"/admin/pages/workflow/action/{profiles['communa'].pk}/approve/{task_state.pk}/", {"comment": ""})
    assert Vote.objects.filter(task_state=task_state).exists() is expected
    assert roles.can_approve(user, profiles["communa"]) is expected


@pytest.mark.parametrize("role", ROLES)
def test_see_private_fields(role, as_role, client, profiles):
    user = as_role(role)
    expected = MATRIX[role][4]
    html = client.get(profiles["communa"].url).content.decode()
    assert ("contact-secret@communa.example" in html) is expected
    assert roles.can_see_private_fields(user, profiles["communa"]) is expected


@pytest.mark.parametrize("role", ROLES)
def test_see_log(role, as_role, client, profiles, people):
    record_decision(action=Decision.APPROVE, actor=people["moderator"], target=profiles["communa"], reason="Vérifié")
    user = as_role(role)
    html = client.get("/fr/gouvernance/journal/").content.decode()
    assert "Vérifié" in html and "Communa" in html
    assert roles.can_see_log(user) is MATRIX[role][5]


def test_a_moderator_of_the_edited_collective_cannot_approve(client, profiles, people, submit):
    state = submit(profiles["communa"], people["editor"], short_description="Nouveau")
    client.force_login(people["moderator_own"])
    response = client.post(
        f"/admin/pages/workflow/action/{profiles['communa'].pk}/approve/{state.current_task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (302, 403)
    assert not Vote.objects.exists()
    # They still see their own collective's private fields, as a member.
    assert "contact-secret@communa.example" in client.get(profiles["communa"].url).content.decode()


def test_collective_editors_get_wagtail_page_permissions_on_their_own_profile_only(client, profiles, people):
    client.force_login(people["editor"])
    assert client.get(f"/admin/pages/{profiles['communa'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{profiles['financite'].pk}/edit/").status_code in (302, 403)
    perms = profiles["communa"].permissions_for_user(people["editor"])
    assert perms.can_edit() and not perms.can_publish()
