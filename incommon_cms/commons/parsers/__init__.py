"""Readers that turn a source (file, URL or database) into a list of records: plain dicts of column → value.

One module per format; `read_records(source)` picks the right one. Problems reading the source itself raise
`SourceError` with a translated message; problems with single records are the engine's business.
"""

import requests
from django.utils.translation import gettext as _

from . import csv_reader, gogocarto, json_reader, sql, xlsx

TIMEOUT = 30


class SourceError(Exception):
    """The source as a whole could not be read."""


def fetch(url):
    try:
        response = requests.get(url, timeout=TIMEOUT, headers={"User-Agent": "incommon-cms import"})
        response.raise_for_status()
    except requests.RequestException as error:
        raise SourceError(_("Could not download %(url)s: %(error)s") % {"url": url, "error": error}) from error
    return response


def source_bytes(source):
    if source.file:
        with source.file.open("rb") as handle:
            return handle.read()
    if source.url:
        return fetch(source.url).content
    raise SourceError(_("The source has neither a file nor an address."))


def read_records(source):
    from ..models import ImportSource

    try:
        if source.kind == ImportSource.CSV:
            return csv_reader.read(source_bytes(source), delimiter=source.delimiter, encoding=source.encoding)
        if source.kind == ImportSource.XLSX:
            return xlsx.read(source_bytes(source))
        if source.kind == ImportSource.JSON:
            return json_reader.read(source_bytes(source), source.records_path)
        if source.kind == ImportSource.GEOJSON:
            return json_reader.read_geojson(source_bytes(source))
        if source.kind == ImportSource.GOGOCARTO:
            return gogocarto.read(source_bytes(source))
        if source.kind == ImportSource.API:
            return json_reader.read_api(source.url, source.records_path, source.next_page_path, fetch)
        if source.kind == ImportSource.SQL:
            return sql.read(source.database_url, source.query)
    except SourceError:
        raise
    except ValueError as error:
        raise SourceError(str(error)) from error
    raise SourceError(_("Unknown kind of source: %(kind)s") % {"kind": source.kind})
