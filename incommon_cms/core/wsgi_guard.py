"""A guard in front of Django for what it cannot turn into a request object.

Django builds its request before any middleware or error handler runs. A `Content-Type` whose `charset` names a
codec that is not a text encoding (`bz2_codec`, `base64_codec`, `rot13`…) passes its `codecs.lookup` check and
then makes that construction raise (the query string is decoded with it): a bare 500 from the server, which no
handler of the site ever sees. Such a charset is dropped here, so the body is read as UTF-8, as Django already does
for a charset it does not know; the request then gets the site's usual answers (a form error, a 400 with a reason).
"""

import codecs
import re

CHARSET_RE = re.compile(r";\s*charset\s*=\s*(\"[^\"]*\"|[^;]*)", re.IGNORECASE)


def is_text_encoding(name):
    """Whether `name` is a codec Django may decode text with (unknown names are ignored by Django itself)."""
    try:
        codecs.lookup(name)
    except LookupError:
        return True
    try:
        b"".decode(name)
        "".encode(name)
    except LookupError:
        return False
    return True


def without_bad_charset(content_type):
    def keep(match):
        return match.group(0) if is_text_encoding(match.group(1).strip().strip('"')) else ""

    return CHARSET_RE.sub(keep, content_type)


class TextCharsetOnly:
    """WSGI middleware: drops a non-text `charset` from the request's Content-Type before Django reads it."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        content_type = environ.get("CONTENT_TYPE", "")
        if "charset" in content_type.lower():
            environ["CONTENT_TYPE"] = without_bad_charset(content_type)
        return self.application(environ, start_response)
