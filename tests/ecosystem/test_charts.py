"""The SVG charts: escaped text, round axis steps, the commune map's classes."""

import re

from incommon_cms.ecosystem import charts


def test_labels_are_escaped():
    svg = charts.bar_chart("c", "Title <b>", "Desc & more", [("<script>alert(1)</script>", 3)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert '<title id="c-title">Title &lt;b&gt;</title><desc id="c-desc">Desc &amp; more</desc>' in svg
    assert 'role="img" aria-labelledby="c-title c-desc"' in svg


def test_column_chart_uses_round_integer_steps():
    svg = charts.column_chart("c", "T", "D", ["Jan", "Feb"], [("Edits", [207, 3]), ("Comments", [0, 1])], highlight=1)
    ticks = re.findall(r'text-anchor="end" fill="#4a5550">([\d.]+)</text>', svg)
    assert ticks == ["0", "50", "100", "150", "200", "250"]
    assert svg.count("<rect x=") >= 4 and 'class="current"' in svg
    assert "<title>Feb – Comments: 1</title>" in svg


def test_choropleth_classes_and_legend():
    values = {"21004": 10, "21009": 4, "21001": 1}
    svg = charts.choropleth("m", "Map", "Desc", values, {"21004": "Bruxelles"}, "Profiles:", "none")
    fills = dict(re.findall(r'data-nis="(\d+)" d="[^"]+" fill="(#[0-9a-f]{6})"', svg))
    assert len(fills) == 19
    assert fills["21004"] == charts.CHOROPLETH_COLORS[-1]
    assert fills["21002"] == charts.CHOROPLETH_COLORS[0]
    assert fills["21001"] != fills["21009"] != fills["21004"]
    assert "<title>Bruxelles: 10</title>" in svg
    assert ">1–3</text>" in svg and ">9–10</text>" in svg
    # With two profiles at most, the busiest communes still get the darkest colour.
    assert charts.class_color(2, [1, 2]) == charts.CHOROPLETH_COLORS[-1]
