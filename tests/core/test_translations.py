"""Every interface string is translated, and templates keep no user-visible text outside translation tags."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
TEMPLATES = sorted(
    path for path in (ROOT / "site" / "templates").rglob("*") if path.suffix in {".html", ".txt"} and path.is_file()
)
# Text that is the same in every language.
INVARIANT = {
    "In Common",
    "·",
    "—",
    "–",
    "×",
    "→",
    "←",
    "©",
    "CC BY-SA 4.0",
    "RSS",
    "iCal",
    "GeoJSON",
    "CSV",
    "XLSX",
    "JSON",
    "API",
}

TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
BLOCKTRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
CLASS_BLOCK = re.compile(r"{%\s*block\s+\w*class\s*%}.*?{%\s*endblock\s*%}", re.S)
SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
VISIBLE_ATTRIBUTE = re.compile(r'\b(?:alt|title|aria-label|placeholder|aria-description)="([^"]*)"')
HTML_TAG = re.compile(r"<[^>]+>", re.S)
ENTITY = re.compile(r"&[#\w]+;")


def test_catalogues_exist_for_each_language():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert {"fr", "nl", "en"} <= languages


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_catalogue_entry_is_translated(path):
    catalogue = polib.pofile(str(path))
    problems = [entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated() or entry.fuzzy)]
    assert problems == [], f"{len(problems)} untranslated or fuzzy entries in {path}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_compiled_catalogue_is_up_to_date(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run `make messages`"
    assert polib.mofile(str(compiled)).percent_translated() == polib.pofile(str(path)).percent_translated()
    assert len(polib.mofile(str(compiled))) == len([e for e in polib.pofile(str(path)) if e.translated()])


def untranslated_text(source):
    text = TEMPLATE_COMMENT.sub(" ", source)
    text = BLOCKTRANSLATE.sub(" ", text)
    text = CLASS_BLOCK.sub(" ", text)
    text = SCRIPT_STYLE.sub(" ", text)
    text = HTML_COMMENT.sub(" ", text)
    found = []
    for value in VISIBLE_ATTRIBUTE.findall(text):
        rest = TEMPLATE_TAG.sub("", value).strip()
        if re.search(r"[^\W\d_]{2,}", rest) and rest not in INVARIANT:
            found.append(rest)
    text = TEMPLATE_TAG.sub(" ", text)
    text = HTML_TAG.sub("\n", text)
    text = ENTITY.sub(" ", text)
    for line in text.splitlines():
        line = line.strip(" ·–—|")
        if line and re.search(r"[^\W\d_]{2,}", line) and line not in INVARIANT:
            found.append(line)
    return found


def test_the_lint_catches_plain_text():
    assert untranslated_text('<p>{% translate "Bonjour" %}</p><img alt="{{ x }}">') == []
    assert untranslated_text("<p>Bonjour</p>") == ["Bonjour"]
    assert untranslated_text('<button aria-label="Close">×</button>') == ["Close"]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "site" / "templates")))
def test_templates_have_no_text_outside_translation_tags(path):
    assert untranslated_text(path.read_text(encoding="utf-8")) == []
