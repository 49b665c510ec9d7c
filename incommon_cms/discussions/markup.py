"""Markdown-lite for comments and topics: bold, italic, links, lists, code and quotes, with sanitised output.

Raw HTML is never interpreted; the rendered HTML is then cleaned by nh3 against a short allow-list, so scripts,
event handlers and `javascript:` links cannot get through. Links get rel="nofollow ugc noopener".
"""

import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code", "pre", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "link", "autolink", "list", "backticks", "code", "fence", "blockquote", "newline", "escape", "entity"]
)


def render(text):
    """The safe HTML of a markdown-lite text."""
    html = _markdown.render(text or "")
    return mark_safe(  # noqa: S308 - cleaned by nh3 just above
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )


def plain_text(text):
    """The text without its formatting, for e-mails and excerpts."""
    return strip_tags(_markdown.render(text or "")).strip()
