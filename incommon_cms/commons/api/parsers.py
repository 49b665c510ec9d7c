"""The open API's JSON parser: every body it cannot take is refused with a translated reason (400), never a 500.

DRF's own parser lets a body of thousands of nested brackets reach Python's recursion limit (a 500), answers
undecodable bytes with the codec's English message, and accepts escaped lone surrogates (`"\\ud800"`), which are no
characters: they cannot be stored or written back as UTF-8 and would break the error answer that echoes them. The
largest body is Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (413, see `core.views.bad_request`).

Contract: `parse` returns the decoded JSON value, nested at most MAX_DEPTH arrays or objects deep, whose strings
(keys included) are all encodable as UTF-8; anything else raises `ParseError` with a sentence for the partner.
"""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

# The write schema nests two levels (an object of lists); this leaves room for any reasonable client.
MAX_DEPTH = 32


def _no_constant(name):
    raise ValueError(name)


def _check(data):
    """ParseError for a value nested too deeply or holding a string that is not text (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise ParseError(_("The JSON body is nested more than %(depth)s levels deep.") % {"depth": MAX_DEPTH})
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
        elif isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError(
                    _("The JSON body holds an unpaired surrogate (\\ud800 to \\udfff), which is not a character.")
                ) from None


class JSONBodyParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(
                _("The body is not valid %(encoding)s text (byte %(position)s).")
                % {"encoding": encoding.upper(), "position": error.start + 1}
            ) from error
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except RecursionError as error:
            raise ParseError(
                _("The JSON body is nested more than %(depth)s levels deep.") % {"depth": MAX_DEPTH}
            ) from error
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from error
        except ValueError as error:
            raise ParseError(_("The body is not valid JSON: NaN and Infinity are not JSON numbers.")) from error
        _check(data)
        return data
