"""Text of the files attached to knowledge items, so that a search finds words that appear only inside them.

PDFs are read with pypdf, spreadsheets (.xlsx) with openpyxl, plain text and CSV/JSON as they are. A file that
cannot be read (corrupt, encrypted, missing) yields empty text and a warning in the log: saving never fails
because of an attachment. Extracted text is kept per document with the file's hash, so a file is read once.
"""

import hashlib
import io
import logging
import re

from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import ReferenceIndex

from incommon_cms.search.indexing import queue_change

from .models import DocumentText, KnowledgeAttachment, KnowledgeItemPage, ToolPage

logger = logging.getLogger("incommon.toolbox")

MAX_PDF_PAGES = 500
MAX_CHARS_PER_DOCUMENT = 300_000
MAX_CHARS_PER_ITEM = 600_000
TEXT_EXTENSIONS = {"txt", "csv", "json", "geojson"}

_WHITESPACE = re.compile(r"\s+")


def normalise(text):
    """One space between words, no NUL byte (PostgreSQL refuses them), capped in length."""
    return _WHITESPACE.sub(" ", text.replace("\x00", " ")).strip()[:MAX_CHARS_PER_DOCUMENT]


def extract_pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    parts, size = [], 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or size >= MAX_CHARS_PER_DOCUMENT:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
    return "\n".join(parts)


def extract_xlsx_text(data):
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts, size = [], 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if isinstance(value, str)]
                parts.extend(cells)
                size += sum(map(len, cells))
                if size >= MAX_CHARS_PER_DOCUMENT:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)


def extract_text(data, extension):
    """The text of a file's content, by extension; empty for formats without text or files that cannot be read."""
    extension = (extension or "").lower().lstrip(".")
    try:
        if extension == "pdf":
            text = extract_pdf_text(data)
        elif extension == "xlsx":
            text = extract_xlsx_text(data)
        elif extension in TEXT_EXTENSIONS:
            text = data[: MAX_CHARS_PER_DOCUMENT * 4].decode("utf-8", errors="replace")
        else:
            return ""
    except Exception as error:  # pypdf and openpyxl raise many kinds of errors on broken files
        logger.warning("Could not extract the text of a .%s file: %s", extension, error)
        return ""
    return normalise(text)


def _read(document):
    try:
        with document.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError) as error:
        logger.warning("Could not read document %s: %s", document.pk, error)
        return None


def document_text(document):
    """The text of a Wagtail document, extracted on first use and again whenever its file changes."""
    extension = document.file_extension
    if extension != "pdf" and extension != "xlsx" and extension not in TEXT_EXTENSIONS:
        return ""
    cached = DocumentText.objects.filter(document=document).first()
    if cached is not None and document.file_hash and cached.file_hash == document.file_hash:
        return cached.text
    data = _read(document)
    if data is None:
        return ""
    file_hash = document.file_hash or hashlib.sha1(data).hexdigest()  # noqa: S324 - a cache key, not security
    if cached is not None and cached.file_hash == file_hash:
        return cached.text
    text = extract_text(data, extension)
    DocumentText.objects.update_or_create(document=document, defaults={"file_hash": file_hash, "text": text})
    return text


def text_of_documents(documents):
    """The text of these documents, joined and capped, for a page's search index."""
    texts = [document_text(document) for document in documents if document is not None]
    return "\n\n".join(text for text in texts if text)[:MAX_CHARS_PER_ITEM]


def text_of_attachments(attachments):
    """The text of every attached document, joined and capped, for the item's search index."""
    return text_of_documents(attachment.document for attachment in attachments if attachment.document_id)


def items_using(document):
    return list(KnowledgeAttachment.objects.filter(document=document).values_list("page_id", flat=True).distinct())


def refresh_items(page_ids):
    """Bring the text and search index of these knowledge items in line with the files they attach now."""

    for page in KnowledgeItemPage.objects.filter(pk__in=list(page_ids)):
        text = text_of_attachments(page.attachments.all())
        if text != page.document_text:
            KnowledgeItemPage.objects.filter(pk=page.pk).update(document_text=text)
            page.document_text = text
            queue_change(page)


def tools_using(document):
    """Tool sheets whose body offers `document` (from Wagtail's reference index)."""

    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(content_type=ContentType.objects.get_for_model(ToolPage))
        .values_list("object_id", flat=True)
    )
    return ToolPage.objects.filter(pk__in=[int(pk) for pk in ids])


def refresh_items_using(document):
    """After a document's file was replaced: update the text and search index of the pages using it."""
    refresh_items(items_using(document))
    for tool in tools_using(document):
        queue_change(tool)
