"""Plain text <-> rich text HTML, for the simple editors members use (profiles, events) and for imported text.

The contract is a faithful round trip: `html_to_text(text_to_html(text))` gives back what the person wrote
(paragraphs separated by an empty line, line breaks kept, surrounding spaces of a paragraph trimmed), whatever
characters it holds. `text_to_html` escapes exactly once, so `<b>` typed by a member is shown as the characters
`<b>` on the public page and never becomes markup; `html_to_text` removes the real tags first and only then turns
the entities back into characters, so a reopened editor shows `d'un`, never `d&#x27;un`.
"""

import html
import re

from django.utils.html import escape, strip_tags

PARAGRAPH_END_RE = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)\s*>", re.IGNORECASE)
LINE_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _paragraphs(text):
    return [part.strip() for part in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n\n")]


def text_to_html(text):
    """Plain text as rich text HTML: one `<p>` per paragraph, `<br/>` for a single line break, escaped once."""
    return "".join("<p>{}</p>".format(escape(part).replace("\n", "<br/>")) for part in _paragraphs(text) if part)


def html_to_text(value):
    """Rich text HTML as plain text: paragraphs separated by an empty line, tags removed, entities decoded."""
    value = PARAGRAPH_END_RE.sub("\n\n", value or "")
    value = LINE_BREAK_RE.sub("\n", value)
    return "\n\n".join(part for part in _paragraphs(html.unescape(strip_tags(value))) if part)
