"""Words found only inside attached PDFs find their page through the Whoosh backend and the site search.

The PDFs are written here with pypdf (compressed content stream), independently of the project's own PDF writer.
"""

import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from wagtail.models import Page

from incommon_cms.search import service
from toolbox.factories import (
    DocumentFactory,
    KnowledgeIndexPageFactory,
    KnowledgeItemPageFactory,
    ToolboxIndexPageFactory,
    ToolPageFactory,
)
from toolbox.models import KnowledgeAttachment, KnowledgeItemPage, ToolPage

pytestmark = pytest.mark.django_db


def pdf_bytes(lines):
    """A one-page PDF showing `lines` in Helvetica, its content stream Flate-compressed."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    text = b" T* ".join(b"(" + line.encode("cp1252") + b") Tj" for line in lines)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 14 TL 50 800 Td " + text + b" ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    page.compress_content_streams()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_document(lines, name="annexe.pdf"):
    return DocumentFactory(title=name, file=ContentFile(pdf_bytes(lines), name=name))


def pks(results):
    return [page.pk for page in results]


def test_the_pdf_is_compressed_and_hides_its_words():
    data = pdf_bytes(["Les communautés d'énergie"])
    assert b"/FlateDecode" in data and b"communaut" not in data


def test_words_inside_a_knowledge_items_pdf(search_index, home_fr, client):
    repository = KnowledgeIndexPageFactory(parent=home_fr)
    document = pdf_document(["Annexe technique", "Les communautés d'énergie partagent leurs compteurs."])
    item = KnowledgeItemPageFactory(
        parent=repository,
        title="Rapport annuel",
        abstract="Un résumé sans rapport.",
        attachments=[KnowledgeAttachment(document=document)],
    )
    KnowledgeItemPageFactory(parent=repository, title="Autre rapport", abstract="Rien à voir.")
    # Stemmed and accent-folded like any other indexed text.
    for query in ("compteur", "energie", "communauté"):
        assert pks(KnowledgeItemPage.objects.live().search(query)) == [item.pk], query
    assert pks(Page.objects.live().search("compteurs")) == [item.pk]
    outcome = service.search("compteur", "fr")
    assert [r.page.title for r in outcome.results] == ["Rapport annuel"]
    body = client.get("/fr/recherche/", {"q": "compteurs"}).content.decode()
    assert "Rapport annuel" in body and "Autre rapport" not in body


def test_words_inside_a_pdf_offered_by_a_tool_sheet(search_index, home_fr):
    toolbox = ToolboxIndexPageFactory(parent=home_fr)
    document = pdf_document(["Werkblad", "Samen moestuinen aanleggen met de buren."], name="werkblad.pdf")
    tool = ToolPageFactory(parent=toolbox, title="Fiche jardin", summary="Une méthode.", body=[("document", document)])
    ToolPageFactory(parent=toolbox, title="Fiche budget", summary="Un tableau.")
    assert pks(ToolPage.objects.live().search("aanleggen")) == [tool.pk]
    assert pks(Page.objects.live().search("buren")) == [tool.pk]

    # A new version of the file: the tool sheet is found by the new words only.
    document.file.save("werkblad-2.pdf", ContentFile(pdf_bytes(["Een fietsherstelplaats inrichten."])), save=False)
    document.save()
    assert pks(ToolPage.objects.live().search("fietsherstelplaats")) == [tool.pk]
    assert pks(ToolPage.objects.live().search("aanleggen")) == []


def test_a_draft_items_pdf_is_not_found_by_the_public(search_index, home_fr):
    repository = KnowledgeIndexPageFactory(parent=home_fr)
    KnowledgeItemPageFactory(
        parent=repository,
        title="Brouillon",
        live=False,
        attachments=[KnowledgeAttachment(document=pdf_document(["Un compteur partagé"]))],
    )
    assert service.search("compteur", "fr").results == []
