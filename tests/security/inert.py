"""XSS payloads and the checks that they came out inert."""

import json
import re
from html.parser import HTMLParser

# Each payload carries the marker "xss" so that what it would run is recognisable.
PAYLOADS = [
    '<script>alert("xss1")</script>',
    '"><img src=x onerror=alert("xss2")>',
    "'><svg onload=alert('xss3')>",
    '</script><script>alert("xss4")</script>',
    'javascript:alert("xss5")',
    "<a href=\"javascript:alert('xss6')\">lien xss6</a>",
    '<iframe src="javascript:alert(`xss7`)"></iframe>',
    '[lien xss8](javascript:alert("xss8"))',
    '<style>body{background:url("javascript:alert(xss9)")}</style>',
    "Ligne xss10\r\nX-INJECTED:xss10",
]

SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "xss" in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction", "data"} and re.sub(r"\s", "", value).lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in {"iframe", "svg", "style", "object", "embed"} and "xss" in str(attributes):
            self.problems.append(f"<{tag}> from a payload")
        if tag == "script":
            self._script = {"type": (attributes.get("type") or "").lower(), "text": ""}
        if tag == "style":
            self._script = {"type": "style", "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._script is not None:
            kind, text = self._script["type"], self._script["text"]
            if kind in SCRIPT_TYPES or kind == "style":
                if "xss" in text:
                    self.problems.append(f"<{tag}> running a payload: {text[:80]!r}")
            elif "json" in kind:
                try:
                    json.loads(text)
                except ValueError:
                    self.problems.append(f"<script type={kind}> broken out of: {text[:80]!r}")
            self._script = None


def html_problems(html):
    """What in an HTML document would run a payload: event handlers, javascript: URLs, scripts, broken JSON."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.problems


def assert_inert_html(response, where=""):
    assert response.status_code == 200, (where, response.status_code)
    assert response["Content-Type"].startswith("text/html"), where
    problems = html_problems(response.content.decode())
    assert not problems, (where, problems)


def assert_inert_json(response, where=""):
    assert response.status_code == 200, (where, response.status_code)
    content_type = response["Content-Type"]
    assert "json" in content_type and "html" not in content_type, (where, content_type)
    assert response.get("X-Content-Type-Options") == "nosniff", where
    json.loads(response.content)


def assert_inert_ics(response, where=""):
    assert response.status_code == 200, (where, response.status_code)
    assert response["Content-Type"].startswith("text/calendar"), where
    lines = response.content.decode().split("\r\n")
    assert not [line for line in lines if line.startswith("X-INJECTED")], where
