"""Markdown-lite for comments and topics: bold, italic, links, lists, code and quotes, with sanitised output.

Raw HTML is never interpreted; the rendered HTML is then cleaned by nh3 against a short allow-list, so scripts,
event handlers and `javascript:` links cannot get through. Links get rel="nofollow ugc noopener".
"""

import html

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
    """The text without its formatting, for e-mails and excerpts: plain characters, never HTML entities.

    The markdown renderer escapes `<`, `&` and quotes; once the tags are stripped the entities are turned back into
    the characters typed, so that a plain-text mail shows `<script>` as typed and an HTML template, which escapes
    its variables, escapes them exactly once (never `&amp;lt;`). The result is text: never mark it safe.
    """
    return html.unescape(strip_tags(_markdown.render(text or ""))).strip()
