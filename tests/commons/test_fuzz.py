"""Hypothesis over the import parsers and the import engine: whatever the bytes, a source is either read or refused
with a `SourceError` (never another exception), and a run is either written whole or not at all."""

import csv
import io
import json
from datetime import date, datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from wagtail.models import Page, Revision

from incommon_cms.commons.engine import run_source
from incommon_cms.commons.models import ImportedRecord, ImportRun, ImportSource
from incommon_cms.commons.parsers import SourceError, parse_bytes

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
KEYS = ["id", "name", "title", "geo", "address", "categories", "taxonomy", "status", "properties", "geometry",
        "type", "features", "coordinates", "data", "latitude", "longitude", "lat", "lng", "optionValues"]  # fmt: skip
# JSON that looks like the formats (known keys, wrong types anywhere) rather than only random noise.
shaped = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=20,
)


def check_records(source, data):
    try:
        records = parse_bytes(source, data)
    except SourceError as error:
        assert str(error)
        return
    assert isinstance(records, list)
    assert all(isinstance(record, dict) for record in records)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json", "geojson", "gogocarto"])
@FUZZ
@given(data=st.binary(max_size=1500))
def test_any_bytes_are_read_or_refused_with_a_reason(kind, data):
    check_records(ImportSource(kind=kind), data)


@pytest.mark.parametrize("kind", ["json", "geojson", "gogocarto"])
@FUZZ
@given(document=shaped, records_path=st.sampled_from(["", "data", "results.items", "0"]))
def test_any_json_document_is_read_or_refused_with_a_reason(kind, document, records_path):
    check_records(ImportSource(kind=kind, records_path=records_path), json.dumps(document).encode())


@FUZZ
@given(
    feature_parts=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "type": st.just("Feature") | json_scalars,
                "properties": shaped,
                "geometry": st.fixed_dictionaries({"type": st.just("Point"), "coordinates": shaped}) | shaped,
                "id": shaped,
                "geo": shaped,
                "address": shaped,
                "categories": shaped,
                "status": json_scalars,
            },
        ),
        max_size=5,
    ),
    kind=st.sampled_from(["geojson", "gogocarto"]),
)
def test_feature_collections_with_wrong_types_inside_are_read_or_refused(feature_parts, kind):
    document = {"type": "FeatureCollection", "features": feature_parts}
    check_records(ImportSource(kind=kind), json.dumps(document).encode())
    check_records(ImportSource(kind="gogocarto"), json.dumps({"data": feature_parts}).encode())


@FUZZ
@given(
    rows=st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=5), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    declared=st.sampled_from(["", "utf-8", "latin-1", "no-such-codec"]),
)
def test_any_csv_is_read_or_refused_with_a_reason(rows, delimiter, encoding, declared):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    check_records(ImportSource(kind="csv", delimiter="", encoding=declared), data)
    check_records(ImportSource(kind="csv", delimiter=delimiter, encoding=""), data)


cells = (
    st.none()
    | st.text(max_size=15).map(lambda text: "".join(ch for ch in text if ch.isprintable()))
    | st.integers(-(10**9), 10**9)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.dates(min_value=date(1900, 1, 1))
    | st.datetimes(min_value=datetime(1900, 1, 1))
)


@settings(FUZZ, max_examples=15)
@given(rows=st.lists(st.lists(cells, max_size=5), max_size=5))
def test_any_workbook_is_read(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    records = parse_bytes(ImportSource(kind="xlsx"), buffer.getvalue())
    assert isinstance(records, list)


# --- The engine: all or nothing ------------------------------------------------------------------------------------

MAPPING = [
    {"source": "name", "field": "title"},
    {"source": "about", "field": "short_description"},
    {"source": "cp", "field": "postcode"},
    {"source": "site", "field": "website"},
    {"source": "mail", "field": "email"},
    {"source": "year", "field": "founding_year"},
    {"source": "lat", "field": "latitude"},
    {"source": "lon", "field": "longitude"},
    {"source": "themes", "field": "categories", "transform": "categories", "values": {"Alimentation": "food"}},
    {"source": "langs", "field": "languages", "transform": "split"},
    {"source": "private", "field": "email_private"},
]
FIELD_VALUES = {
    "name": st.text(max_size=300) | json_values,
    "about": json_values,
    "cp": st.sampled_from(["1000", "1070", "9999", "abcd", ""]) | json_values,
    "site": st.sampled_from(["https://ok.example.org", "not a url", "javascript:alert(1)"]) | json_values,
    "mail": st.sampled_from(["a@b.example", "nope", ""]) | json_values,
    "year": st.integers(-5, 3000) | json_values,
    "lat": st.floats(allow_nan=True) | json_values,
    "lon": st.floats(allow_nan=True) | json_values,
    "themes": st.sampled_from(["Alimentation", "food|garden", "???"]) | json_values,
    "langs": st.sampled_from(["fr,nl", "xx", ""]) | json_values,
    "private": st.sampled_from(["oui", "non", "peut-être"]) | json_values,
}
records = st.lists(
    st.fixed_dictionaries({"id": st.text(max_size=4) | st.integers(0, 5) | json_values}, optional=FIELD_VALUES),
    max_size=4,
)


def _counts():
    return (Page.objects.count(), Revision.objects.count(), ImportedRecord.objects.count())


@pytest.mark.django_db
@settings(FUZZ, max_examples=30)
@given(
    rows=records,
    policy=st.sampled_from([ImportSource.SOURCE_WINS, ImportSource.PROPOSE]),
    all_or_nothing=st.booleans(),
)
def test_an_import_run_is_written_whole_or_row_by_row(make_source, rows, policy, all_or_nothing):
    with transaction.atomic():  # each example starts from the same database
        source = make_source(
            ImportSource.JSON,
            MAPPING,
            content=json.dumps(rows).encode(),
            filename="data.json",
            id_field="id",
            conflict_policy=policy,
            all_or_nothing=all_or_nothing,
        )
        before = _counts()
        run = run_source(source)
        after = _counts()
        assert run.status in (
            (ImportRun.SUCCESS, ImportRun.FAILED) if all_or_nothing else (ImportRun.SUCCESS, ImportRun.PARTIAL)
        )
        if run.status == ImportRun.FAILED:
            assert after == before, run.report
            assert run.message
            assert run.created == 0 and not [row for row in run.report if row["status"] == "created"]
        elif run.status == ImportRun.PARTIAL:
            # Each good row is written whole, each bad one not at all, and the counters say so.
            assert run.message and run.errors
            assert after[0] == before[0] + run.created
            assert after[2] == before[2] + run.created
            again = run_source(source)
            assert (again.created, again.errors) == (0, run.errors), again.report
            assert _counts()[0] == after[0]
        else:
            assert after[0] == before[0] + run.created
            assert after[2] == before[2] + run.created
            again = run_source(source)
            assert (again.created, again.errors) == (0, 0), again.report
            assert _counts()[0] == after[0]
        transaction.set_rollback(True)
