"""Output formats of the open API besides JSON: GeoJSON, JSON-LD (schema.org), CSV and XLSX. Each reshapes the
serializers' data (`serializers`): a GeoJSON feature per record, a flat row per record for spreadsheets."""

import csv
import io
import json
from typing import Any

from openpyxl import Workbook
from rest_framework import renderers

# Flat columns of the CSV and XLSX exports, in order.
EXPORT_COLUMNS = [
    "id",
    "type",
    "title",
    "url",
    "language",
    "translated",
    "kind",
    "short_description",
    "categories",
    "tags",
    "street_address",
    "postcode",
    "city",
    "commune",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "opening_hours",
    "languages",
    "founding_year",
    "legal_form",
    "company_number",
    "capacity",
    "wheelchair_accessible",
    "offer",
    "licence",
    "licence_url",
    "attribution",
    "last_modified",
]


def export_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record flattened for spreadsheets."""
    row = {}
    for column in EXPORT_COLUMNS:
        value = record.get(column, "")
        if column == "categories":
            value = ", ".join(category["slug"] for category in value)
        elif column == "commune":
            value = value["name"] if value else ""
        elif column == "licence":
            value = record["licence"]["code"]
        elif column == "licence_url":
            value = record["licence"]["url"]
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        row[column] = "" if value is None else value
    return row


def geojson_feature(record: dict[str, Any]) -> dict[str, Any]:
    properties = {key: value for key, value in record.items() if key not in ("latitude", "longitude")}
    geometry = None
    if record["latitude"] is not None:
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}


def records_of(data):
    """The list of records in a response body: a page of results, a list, or a single record."""
    if isinstance(data, dict) and "results" in data:
        return data["results"]
    if isinstance(data, list):
        return data
    return [data] if isinstance(data, dict) and ("id" in data or "@type" in data) else None


def error_body(data):
    return json.dumps(data, ensure_ascii=False).encode()


class GeoJSONRenderer(renderers.BaseRenderer):
    media_type = "application/geo+json"
    format = "geojson"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        records = records_of(data)
        if records is None:
            return error_body(data)
        collection = {"type": "FeatureCollection", "features": [geojson_feature(record) for record in records]}
        if isinstance(data, dict) and "count" in data:
            collection["count"] = data["count"]
        return json.dumps(collection, ensure_ascii=False).encode()


class JSONLDRenderer(renderers.BaseRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        records = records_of(data)
        if records is None:
            return error_body(data)
        items = [{key: value for key, value in item.items() if key != "@context"} for item in records]
        graph = {"@context": "https://schema.org", "@graph": items}
        return json.dumps(graph, ensure_ascii=False).encode()


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        records = records_of(data)
        if records is None:
            return error_body(data)
        buffer = io.StringIO()
        buffer.write("\ufeff")  # spreadsheet programs then read UTF-8 correctly
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(export_row(record))
        return buffer.getvalue().encode("utf-8")


class XLSXRenderer(renderers.BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        records = records_of(data)
        if records is None:
            return error_body(data)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("directory")
        sheet.append(EXPORT_COLUMNS)
        for record in records:
            row = export_row(record)
            sheet.append(
                [
                    row[column] if not isinstance(row[column], bool) else str(row[column]).lower()
                    for column in EXPORT_COLUMNS
                ]
            )
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


class ICSRenderer(renderers.BaseRenderer):
    """iCalendar: the view hands over the calendar's bytes; error answers stay JSON."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return error_body(data)
