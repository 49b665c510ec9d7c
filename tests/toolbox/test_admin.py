import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.governance import publishing
from toolbox.models import KnowledgeItemPage, ToolPage

from .test_documents import pdf_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(locales):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, site_admin):
    client.force_login(site_admin)
    return client


def test_tool_sheet_editor_shows_every_field(admin_client, toolbox_index, themes):
    html = admin_client.get(f"/admin/pages/add/toolbox/toolpage/{toolbox_index.pk}/").content.decode()
    for name in (
        "summary",
        "themes",
        "audience",
        "group_size",
        "duration",
        "difficulty",
        "prerequisites",
        "related_tool_links-TOTAL_FORMS",
        "contributors-TOTAL_FORMS",
        "licence",
        "source",
    ):
        assert f'name="{name}"' in html, name
    assert "Outils numériques" in html  # the themes to tick


@pytest.mark.search
def test_creating_a_knowledge_item_in_the_admin_indexes_its_pdf(admin_client, site_admin, knowledge_index, themes):
    document = pdf_document()
    data = nested_form_data(
        {
            "title": "Rapport annuel",
            "slug": "rapport-annuel",
            "item_type": "publication",
            "date": "2021-05-01",
            "language": "fr",
            "abstract": "Le rapport de l'année.",
            "themes": [themes["funding"].pk],
            "doi": "",
            "source_url": "",
            "authors": inline_formset([{"name": "Claire Dubois", "alternative": ""}]),
            "attachments": inline_formset([{"document": document.pk, "licence": "CC-BY-4.0", "description": ""}]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/toolbox/knowledgeitempage/{knowledge_index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = KnowledgeItemPage.objects.get(slug="rapport-annuel")
    # Even a site administrator's Publish only saves a draft: common data goes live through a recorded decision.
    assert not item.live
    publishing.emergency(item, site_admin, action="publish", reason="Rapport attendu pour l'assemblée de ce soir.")
    item = KnowledgeItemPage.objects.get(slug="rapport-annuel")
    assert item.live and [author.name for author in item.authors.all()] == ["Claire Dubois"]
    assert "photocopieuse" in item.document_text
    assert list(KnowledgeItemPage.objects.live().search("photocopieuse")) == [item]


def test_a_knowledge_item_without_author_is_refused_with_a_message(admin_client, knowledge_index):
    data = nested_form_data(
        {
            "title": "Sans auteur",
            "slug": "sans-auteur",
            "item_type": "study",
            "date": "2021-05-01",
            "language": "fr",
            "abstract": "",
            "authors": inline_formset([{"name": "", "alternative": ""}]),
            "attachments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/toolbox/knowledgeitempage/{knowledge_index.pk}/", data)
    assert response.status_code == 200
    assert "Indiquez le nom de l&#x27;auteur ou choisissez une alternative." in response.content.decode()
    assert not KnowledgeItemPage.objects.filter(slug="sans-auteur").exists()
    assert not ToolPage.objects.exists()
