import logging

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from toolbox.documents import extract_text
from toolbox.factories import DocumentFactory, KnowledgeItemPageFactory
from toolbox.models import DocumentText, KnowledgeAttachment, KnowledgeItemPage
from toolbox.pdf import simple_pdf

Document = get_document_model()

PDF_LINES = [
    "Rapport sur la mutualisation des ressources",
    "Les collectifs partagent une camionnette et une photocopieuse.",
    "Conclusion : tenir un inventaire commun (mis à jour chaque année).",
]


def pdf_document(lines=PDF_LINES, title="Rapport"):
    return DocumentFactory(title=title, file=ContentFile(simple_pdf(lines, title), name="rapport.pdf"))


def test_text_is_extracted_from_a_generated_pdf():
    text = extract_text(simple_pdf(PDF_LINES + [f"ligne {n}" for n in range(80)]), "pdf")
    assert "photocopieuse" in text
    assert "inventaire commun (mis à jour chaque année)" in text
    assert "ligne 79" in text  # the second page too


def test_a_corrupt_pdf_gives_empty_text_and_a_warning(caplog):
    broken = simple_pdf(PDF_LINES)[:180]
    with caplog.at_level(logging.WARNING, logger="incommon.toolbox"):
        assert extract_text(broken, "pdf") == ""
        assert extract_text(b"not a pdf at all", "pdf") == ""
    assert "Could not extract the text of a .pdf file" in caplog.text


def test_spreadsheets_and_text_files_give_their_text():
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["besoin", "collectifs"])
    workbook.active.append(["cuisine partagée", 18])
    buffer = BytesIO()
    workbook.save(buffer)
    assert "cuisine partagée" in extract_text(buffer.getvalue(), "xlsx")
    assert extract_text(b"salle;41\nstockage;29", "csv") == "salle;41 stockage;29"
    assert extract_text(b"\x89PNG...", "png") == ""


def _item_with(parent, document, **kwargs):
    return KnowledgeItemPageFactory(
        parent=parent, attachments=[KnowledgeAttachment(document=document, licence="CC-BY-4.0")], **kwargs
    )


@pytest.mark.search
@pytest.mark.django_db
def test_a_word_only_inside_an_attached_pdf_finds_the_item(client, knowledge_index):
    item = _item_with(knowledge_index, pdf_document(), title="Cahier 1", abstract="Une synthèse.")
    KnowledgeItemPageFactory(parent=knowledge_index, title="Autre cahier", abstract="Rien à voir.")
    assert "photocopieuse" in KnowledgeItemPage.objects.get(pk=item.pk).document_text
    assert "photocopieuse" not in item.title + item.abstract

    # Wagtail's search API, on the knowledge items and on every page.
    assert list(KnowledgeItemPage.objects.live().search("photocopieuse")) == [item]
    assert [page.pk for page in Page.objects.live().search("photocopieuse")] == [item.pk]
    # The repository's own search box and the site search.
    html = client.get("/fr/savoirs/", {"q": "photocopieuse"}).content.decode()
    assert "Cahier 1</a>" in html and "Autre cahier" not in html
    html = client.get("/fr/recherche/", {"q": "photocopieuse"}).content.decode()
    assert "Cahier 1</a>" in html


@pytest.mark.django_db
def test_a_corrupt_pdf_does_not_prevent_saving(knowledge_index, caplog):
    broken = DocumentFactory(title="Cassé", file=ContentFile(b"%PDF-1.4\n1 0 obj <<", name="casse.pdf"))
    with caplog.at_level(logging.WARNING, logger="incommon.toolbox"):
        item = _item_with(knowledge_index, broken, title="Avec un fichier cassé")
    item.refresh_from_db()
    assert item.live and item.document_text == ""
    assert item.attachments.get().document == broken
    assert "Could not extract" in caplog.text


@pytest.mark.search
@pytest.mark.django_db
def test_text_is_extracted_once_and_again_when_the_file_is_replaced(knowledge_index):
    document = pdf_document()
    item = _item_with(knowledge_index, document, title="Cahier")
    cached = DocumentText.objects.get(document=document)
    assert "camionnette" in cached.text

    document.file.save(
        "nouveau.pdf", ContentFile(simple_pdf(["Nouvelle version : un four à pain partagé."])), save=False
    )
    document.save()  # what the admin's "replace file" does

    item.refresh_from_db()
    assert "four à pain" in item.document_text and "camionnette" not in item.document_text
    assert list(KnowledgeItemPage.objects.live().search("four")) == [item]
    assert not KnowledgeItemPage.objects.live().search("camionnette")


@pytest.mark.django_db
def test_publishing_a_revision_that_adds_a_file_updates_the_text(knowledge_index):
    item = KnowledgeItemPageFactory(parent=knowledge_index, title="Sans fichier")
    assert item.document_text == ""
    item.attachments = [KnowledgeAttachment(document=pdf_document())]
    item.save_revision().publish()
    item.refresh_from_db()
    assert "photocopieuse" in item.document_text
    item.attachments = []
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.document_text == ""


@pytest.mark.search
@pytest.mark.django_db
def test_deleting_a_document_removes_its_words_from_the_items(knowledge_index):
    kept = DocumentFactory(title="Annexe", file=ContentFile(b"Annexe sur le compost collectif", name="annexe.txt"))
    removed = pdf_document()
    item = KnowledgeItemPageFactory(
        parent=knowledge_index,
        title="Cahier",
        attachments=[KnowledgeAttachment(document=removed), KnowledgeAttachment(document=kept)],
    )
    assert list(KnowledgeItemPage.objects.live().search("photocopieuse")) == [item]
    removed.delete()
    item.refresh_from_db()
    assert "photocopieuse" not in item.document_text and "compost" in item.document_text
    assert not KnowledgeItemPage.objects.live().search("photocopieuse")
    assert list(KnowledgeItemPage.objects.live().search("compost")) == [item]
