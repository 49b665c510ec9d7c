"""What the ecosystem page shows: each stored figure as a table, a chart and a CSV download built from that table."""

import csv
from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts
from .models import FigureSnapshot


@dataclass(frozen=True)
class Figure:
    key: str
    title: object
    description: object
    label_heading: object
    columns: tuple
    chart: str = "bars"
    notes: tuple = field(default_factory=tuple)


FIGURES = [
    Figure(
        "totals",
        gettext_lazy("Profiles on the map"),
        gettext_lazy("Number of alternatives, places and good addresses published."),
        gettext_lazy("Type"),
        (gettext_lazy("Profiles"),),
    ),
    Figure(
        "by_category",
        gettext_lazy("Profiles by category"),
        gettext_lazy("A profile can be in several categories."),
        gettext_lazy("Category"),
        (gettext_lazy("Profiles"),),
    ),
    Figure(
        "by_kind",
        gettext_lazy("Profiles by kind of organisation"),
        gettext_lazy("Legal or practical form of the organisations."),
        gettext_lazy("Kind"),
        (gettext_lazy("Profiles"),),
    ),
    Figure(
        "by_commune",
        gettext_lazy("Profiles by commune"),
        gettext_lazy("Where the alternatives, places and good addresses are, in the 19 communes of Brussels."),
        gettext_lazy("Commune"),
        (gettext_lazy("Profiles"),),
        chart="map",
    ),
    Figure(
        "events_per_month",
        gettext_lazy("Events per month"),
        gettext_lazy(
            "Events of the shared agenda over the last and the next 12 months (the current month is highlighted)."
        ),
        gettext_lazy("Month"),
        (gettext_lazy("Events"),),
        chart="columns",
    ),
    Figure(
        "contributions_per_month",
        gettext_lazy("Contributions per month"),
        gettext_lazy("Edits of profiles, approved changes, new profiles and comments over the last 12 months."),
        gettext_lazy("Month"),
        (gettext_lazy("Edits"), gettext_lazy("Approvals"), gettext_lazy("New profiles"), gettext_lazy("Comments")),
        chart="columns",
    ),
    Figure(
        "freshness",
        gettext_lazy("Freshness of the data"),
        gettext_lazy("Profiles confirmed by their collective or a moderator in the last 12 months."),
        gettext_lazy("Verification"),
        (gettext_lazy("Profiles"),),
    ),
    Figure(
        "sources",
        gettext_lazy("Contributing sources"),
        gettext_lazy("Where the data come from: pooled sources (spreadsheets, other maps…) and entries made here."),
        gettext_lazy("Source"),
        (gettext_lazy("Profiles"), gettext_lazy("Share (%)")),
    ),
]
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}


def _language():
    code = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _label(row, name="label"):
    labels = row.get(name) or row.get("label") or {}
    return labels.get(_language()) or labels.get(settings.LANGUAGE_CODE) or row.get("key", "")


def cell(value):
    """Numbers as the table and the CSV show them: integers plain, shares with one decimal and a point."""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def figure_table(figure, data):
    """(header, rows) of a figure in the current language: the single source of the HTML table and of the CSV."""
    header = [str(figure.label_heading)] + [str(column) for column in figure.columns]
    rows = [[_label(row)] + [cell(value) for value in row["values"]] for row in data.get("rows", [])]
    return header, rows


def figure_chart(figure, data):
    rows = data.get("rows", [])
    if not rows:
        return ""
    chart_id = f"chart-{figure.key.replace('_', '-')}"
    title, desc = str(figure.title), str(figure.description)
    if figure.chart == "map":
        values = {row["key"]: row["values"][0] for row in rows}
        labels = {row["key"]: _label(row) for row in rows}
        return charts.choropleth(chart_id, title, desc, values, labels, _("Profiles:"), _("none"))
    if figure.chart == "columns":
        categories = [_label(row, "short") for row in rows]
        series = [(str(column), [row["values"][index] for row in rows]) for index, column in enumerate(figure.columns)]
        keys = [row["key"] for row in rows]
        highlight = keys.index(data["current"]) if data.get("current") in keys else None
        return charts.column_chart(chart_id, title, desc, categories, series, highlight=highlight)
    return charts.bar_chart(chart_id, title, desc, [(_label(row), row["values"][0]) for row in rows])


def load_snapshots():
    return {snapshot.key: snapshot for snapshot in FigureSnapshot.objects.all()}


def dashboard_context(page, request):
    snapshots = load_snapshots()
    figures = []
    for figure in FIGURES:
        snapshot = snapshots.get(figure.key)
        data = snapshot.data if snapshot else {}
        header, rows = figure_table(figure, data)
        figures.append(
            {
                "key": figure.key,
                "anchor": figure.key.replace("_", "-"),
                "title": figure.title,
                "description": figure.description,
                "available": bool(snapshot) and data.get("available", False),
                "header": header,
                "rows": rows,
                "chart": figure_chart(figure, data),
                "csv_url": page.url + page.reverse_subpage("csv", kwargs={"key": figure.key}) if page.url else "",
                "data": data,
            }
        )
    by_key = {figure["key"]: figure for figure in figures}
    computed_at = max((snapshot.computed_at for snapshot in snapshots.values()), default=None)
    return {
        "figures": figures,
        "headline": {
            "totals": [(_label(row), row["values"][0]) for row in by_key["totals"]["data"].get("rows", [])],
            "total": by_key["totals"]["data"].get("total"),
            "share_verified": by_key["freshness"]["data"].get("share_verified"),
        },
        "computed_at": computed_at,
        "map_attribution": _(
            "Commune boundaries: Statbel (statistical sectors), via mathiasleroy/Belgium-Geographic-Data (MIT)."
        ),
    }


def csv_response(key):
    figure = FIGURES_BY_KEY.get(key)
    if figure is None:
        raise Http404(_("There is no such figure."))
    snapshot = FigureSnapshot.objects.filter(key=key).first()
    if snapshot is None:
        raise Http404(_("The figures have not been computed yet."))
    header, rows = figure_table(figure, snapshot.data)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="in-common-{key.replace("_", "-")}-{_language()}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
