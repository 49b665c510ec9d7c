"""Readers that turn a source (file, URL or database) into a list of records: plain dicts of column → value.

One module per format; `read_records(source)` picks the right one. Problems reading the source itself raise
`SourceError` with a translated message; problems with single records are the engine's business. Files and
downloads are held to the size limit of their kind (`core.limits`): `calendar` for calendar sources, else `import`.
Addresses are downloaded by `core.fetch` (public addresses only, a time budget, redirects checked).
"""

import csv

from django.conf import settings
from django.utils.translation import gettext as _

from incommon_cms.core import fetch as fetching
from incommon_cms.core.limits import TooLarge, read_file

from . import csv_reader, gogocarto, json_reader, sql, xlsx


class SourceError(Exception):
    """The source as a whole could not be read."""


def size_kind(source):
    """The size limit (`core.limits`) a source's data is held to."""
    from ..models import ImportSource

    return "calendar" if source.kind == ImportSource.ICAL else "import"


def fetch(url, kind="import", already=0):
    """(response, body) of `url`, the body within the limit of `kind` counting `already` bytes read before."""
    try:
        response, body = fetching.fetch(url, kind, already=already)
    except fetching.FetchError as error:
        raise SourceError(_("Could not download %(url)s: %(error)s") % {"url": url, "error": error}) from error
    return response, body


def source_bytes(source):
    if source.file:
        try:
            return read_file(source.file, size_kind(source))
        except TooLarge as error:
            raise SourceError(str(error)) from error
    if source.url:
        return fetch(source.url, size_kind(source))[1]
    raise SourceError(_("The source has neither a file nor an address."))


FILE_READERS = {
    "csv": lambda data, source: csv_reader.read(data, delimiter=source.delimiter, encoding=source.encoding),
    "xlsx": lambda data, source: xlsx.read(data),
    "json": lambda data, source: json_reader.read(data, source.records_path),
    "geojson": lambda data, source: json_reader.read_geojson(data),
    "gogocarto": lambda data, source: gogocarto.read(data, data_language(source)),
}


def _as_source_error(call):
    try:
        return call()
    except SourceError:
        raise
    except (ValueError, csv.Error, RecursionError) as error:
        raise SourceError(str(error) or _("The source could not be read.")) from error


def data_language(source):
    """The language the source's data is written in (day names, labels), the site's default when unset."""
    return source.locale.language_code if source.locale_id else settings.LANGUAGE_CODE


def parse_bytes(source, data):
    """The records of a file source's content (`data`), read as the source's kind says."""
    reader = FILE_READERS.get(source.kind)
    if reader is None:
        raise SourceError(_("Unknown kind of source: %(kind)s") % {"kind": source.kind})
    return _as_source_error(lambda: reader(data, source))


def read_records(source):
    from ..models import ImportSource

    if source.kind in FILE_READERS:
        return parse_bytes(source, source_bytes(source))
    if source.kind == ImportSource.API:
        return _as_source_error(
            lambda: json_reader.read_api(source.url, source.records_path, source.next_page_path, fetch)
        )
    if source.kind == ImportSource.SQL:
        return _as_source_error(lambda: sql.read(source.database_url, source.query))
    raise SourceError(_("Unknown kind of source: %(kind)s") % {"kind": source.kind})
