"""Text analysis shared by the Whoosh backend, highlighting and suggestions.

Each content language gets its own analyser: tokenise, lower-case, drop stop words, stem (Snowball) and fold
accents, so that "énergie", "Energie" and "énergies" all meet on the same term.
"""

from functools import cache

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

#: Languages that have their own index and analyser.
INDEX_LANGUAGES = ("fr", "nl", "en")

#: Words Snowball's lists miss but that carry no meaning in a query.
EXTRA_STOPWORDS = {
    "fr": {"les", "aux", "cet", "cette", "ceux", "chez", "dont", "entre", "leurs", "sans", "sous", "vers"},
    "nl": {"bij", "ook", "naar", "voor", "zijn"},
    "en": set(),
}

TOKEN_PATTERN = r"\w+(?:[.,]\d+)*"  # noqa: S105 - a regular expression


class FrenchPluralFilter(Filter):
    """Drop the plural -s/-x before stemming: Snowball stems "potager" and "potagers" differently otherwise."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 4 and text[-1] in "sx" and text[-2] not in "su":
                token.text = text[:-1]
            yield token


def stopwords(language):
    return frozenset(stopwords_for_language(language)) | EXTRA_STOPWORDS.get(language, set())


@cache
def language_analyzer(language):
    """The full-text analyser of a content language (stemming, stop words, case and accent folding)."""
    if language not in INDEX_LANGUAGES:
        language = INDEX_LANGUAGES[0]
    chain = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(stoplist=stopwords(language), minsize=2)
    if language == "fr":
        chain = chain | FrenchPluralFilter()
    return chain | StemFilter(lang=language, cachesize=50_000) | CharsetFilter(accent_map)


@cache
def folding_analyzer():
    """Lower-case and accent folding only: the query side of autocompletion and the spelling vocabulary."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


@cache
def edge_ngram_analyzer():
    """Index side of autocompletion: every word prefix of 2 to 15 characters."""
    return folding_analyzer() | NgramFilter(minsize=2, maxsize=15, at="start")


def analyse(text, language):
    """The index terms of `text` in `language`, in order."""
    return [token.text for token in language_analyzer(language)(text or "")]


def fold(text):
    return " ".join(token.text for token in folding_analyzer()(text or ""))
