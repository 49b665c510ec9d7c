"""Demo builders of the toolbox and the knowledge repository: themes, tool sheets, their related sheets, and knowledge
items with their authors and attachments (generated PDF or CSV documents).

The content is in `demo_data/toolbox.json`; see `incommon_cms.core.demo_loader` for the format. Later records find the
themes in `ctx.shared["tool_themes"]`, the sheets in `ctx.shared["tools"]` and the items in
`ctx.shared["knowledge_items"]` (by French title → {language: page}).
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from incommon_cms.core.demo_loader import demo_builder
from incommon_cms.core.demo_utils import child_page, translated_names, translated_page, translation

from .models import (
    KnowledgeAttachment,
    KnowledgeAuthor,
    KnowledgeItemPage,
    ToolContributor,
    ToolPage,
    ToolRelatedTool,
    ToolTheme,
)
from .pdf import simple_pdf


def _themes(ctx, slugs, code):
    themes = ctx.shared.get("tool_themes", {})
    return [themes[slug][code] for slug in slugs if slug in themes]


def _profile(ctx, name):
    return ctx.shared.get("profiles", {}).get(name, {}).get("fr")


@demo_builder("toolbox.theme")
def theme(ctx, *, slug, name, sort_order):
    """A tool theme in French and its translations (`name` by language)."""
    themes = translated_names(ToolTheme, slug, name, sort_order=sort_order)
    ctx.shared.setdefault("tool_themes", {})[slug] = themes


@demo_builder("toolbox.tool")
def tool(ctx, *, parent, title, slug, fields, themes=(), contributors=()):
    """A tool sheet in each language of `title`, with its themes; the contributing alternatives on the French one."""
    by_language = {code: {**values, "themes": _themes(ctx, themes, code)} for code, values in fields.items()}
    pages = [_profile(ctx, name) for name in contributors]
    by_language["fr"]["contributors"] = [ToolContributor(alternative=page) for page in pages if page]
    ctx.shared.setdefault("tools", {})[title["fr"]] = translated_page(
        ctx.pages[parent]["fr"], ToolPage, slug, title, by_language, tuple(title)
    )


@demo_builder("toolbox.related_tools")
def related_tools(ctx, *, tool, related):
    """The sheets shown as related to `tool` (French titles), set once in every language."""
    tools = ctx.shared.get("tools", {})
    pages = tools[tool]
    if pages["fr"].related_tool_links.exists():
        return
    wanted = [tools[other]["fr"] for other in related if other in tools]
    for page in pages.values():
        page.related_tool_links = [ToolRelatedTool(tool=other) for other in wanted]
        page.save_revision(log_action=False).publish(log_action=False)


def _document(title, filename, content):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return document


ATTACHMENT_CONTENT = {
    "pdf": lambda attachment: simple_pdf(attachment["lines"], attachment["title"]),
    "csv": lambda attachment: attachment["content"].encode("utf-8"),
}


@demo_builder("toolbox.knowledge_item")
def knowledge_item(
    ctx,
    *,
    parent,
    title,
    slug,
    item_type,
    date,
    language,
    abstract,
    themes=(),
    authors=(),
    author_alternatives=(),
    attachments=(),
):
    """A knowledge item in French and Dutch; its authors (people, then alternatives) and attachments (`"format"`:
    a PDF generated from `lines`, or a CSV of `content`) on the French one, copied into the translation."""
    people = [KnowledgeAuthor(name=name) for name in authors]
    pages = [_profile(ctx, name) for name in author_alternatives]
    alternatives = [KnowledgeAuthor(alternative=page) for page in pages if page]
    documents = [
        KnowledgeAttachment(
            document=_document(item["title"], item["filename"], ATTACHMENT_CONTENT[item["format"]](item)),
            licence=item["licence"],
        )
        for item in attachments
    ]
    common = {"item_type": item_type, "date": datetime.date.fromisoformat(date), "language": language}
    source = child_page(
        ctx.pages[parent]["fr"],
        KnowledgeItemPage,
        slug["fr"],
        title=title["fr"],
        **common,
        abstract=abstract["fr"],
        themes=_themes(ctx, themes, "fr"),
        authors=people + alternatives,
        attachments=documents,
    )
    pages = {"fr": source}
    for code in title:
        if code != "fr":
            pages[code] = translation(
                source,
                code,
                title=title[code],
                slug=slug[code],
                **common,
                abstract=abstract[code],
                themes=_themes(ctx, themes, code),
            )
    ctx.shared.setdefault("knowledge_items", {})[title["fr"]] = pages
