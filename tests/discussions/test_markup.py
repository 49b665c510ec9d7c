"""Markdown-lite: the formatting members may use, and nothing else."""

import pytest

from incommon_cms.discussions.markup import plain_text, render

from .helpers import elements


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("**gras** et *italique*", "<p><strong>gras</strong> et <em>italique</em></p>"),
        ("[site](https://example.org)", '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>'),
        (
            "<https://example.org>",
            '<p><a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a></p>',
        ),
        ("- un\n- deux", "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>"),
        ("1. un\n2. deux", "<ol>\n<li>un</li>\n<li>deux</li>\n</ol>"),
        ("> cité", "<blockquote>\n<p>cité</p>\n</blockquote>"),
        ("`x < y`", "<p><code>x &lt; y</code></p>"),
        ("ligne\nsuivante", "<p>ligne<br>\nsuivante</p>"),
        # Not part of markdown-lite: headings, images, tables stay text.
        ("# Titre", "<p># Titre</p>"),
        (
            "![img](https://example.org/x.png)",
            '<p>!<a href="https://example.org/x.png" rel="nofollow ugc noopener">img</a></p>',
        ),
    ],
)
def test_formatting(text, html):
    assert render(text).strip() == html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        '<img src=x onerror="alert(1)">',
        '<div onclick="alert(1)">x</div>',
        "<iframe src=https://evil.example></iframe>",
        "<style>body{display:none}</style>",
    ],
)
def test_dangerous_markup_never_becomes_html(text):
    for tag, attributes in elements(str(render(text))):
        assert tag in {"p", "a", "br"}
        assert set(attributes) <= {"href", "rel"}
        assert attributes.get("href", "https:").startswith(("https:", "http:", "mailto:"))


def test_plain_text_for_emails():
    assert plain_text("**Bonjour** [site](https://example.org)") == "Bonjour site"
