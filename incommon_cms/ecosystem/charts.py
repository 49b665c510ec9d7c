"""Server-rendered SVG charts: no JavaScript, readable by screen readers (`role="img"`, `<title>`, `<desc>`).

Every chart comes with a data table on the page; the SVG is the visual summary of that table.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

from incommon_cms.directory.reference_data import commune_shapes

SERIES_COLORS = ["#1d5c3d", "#b3470f", "#1565c0", "#8e24aa"]
# A sequential palette (light to dark green) with enough contrast between classes; the first is "none".
CHOROPLETH_COLORS = ["#f1f4f2", "#c7e9c0", "#74c476", "#31a354", "#006d2c"]
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


def _open(chart_id, title, desc, width, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _ticks(value, target=5):
    """A round step (1, 2 or 5 × 10ⁿ, at least 1) and the number of steps to cover `value`."""
    raw = max(value / target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return step, max(math.ceil(value / step), 1)


def _fmt(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(chart_id, title, desc, items, color=SERIES_COLORS[0], label_width=210, width=640):
    """Horizontal bars: `items` is a list of (label, value)."""
    row_height, top = 26, 8
    height = top * 2 + row_height * max(len(items), 1)
    maximum = max((value for _label, value in items), default=0) or 1
    plot = width - label_width - 60
    parts = [_open(chart_id, title, desc, width, height), f"<g {FONT}>"]
    for index, (label, value) in enumerate(items):
        y = top + index * row_height
        bar = round(plot * value / maximum, 1)
        parts.append(
            f'<g class="bar"><title>{escape(label)}: {_fmt(value)}</title>'
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" fill="#1b1f1d">{escape(_truncate(label))}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{bar}" height="{row_height - 8}" fill="{color}" rx="2"/>'
            f'<text x="{label_width + bar + 6}" y="{y + 17}" fill="#1b1f1d">{_fmt(value)}</text></g>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _truncate(label, length=30):
    return label if len(label) <= length else label[: length - 1] + "…"


def column_chart(chart_id, title, desc, categories, series, highlight=None, width=720, height=280):
    """Vertical columns per category (month), one column per series; `series` is [(name, [values])].

    `highlight` is the index of a category to mark (the current month).
    """
    left, right, top, bottom = 44, 10, 12, 58 if len(series) > 1 else 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step, count = _ticks(max((max(values, default=0) for _name, values in series), default=0))
    maximum = step * count
    slot = plot_w / max(len(categories), 1)
    gap = slot * 0.2
    col = (slot - gap) / max(len(series), 1)
    parts = [_open(chart_id, title, desc, width, height), f"<g {FONT}>"]
    for tick in range(count + 1):
        value = step * tick
        y = top + plot_h - plot_h * tick / count
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#c9d3ce" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4a5550">{_fmt(value)}</text>'
        )
    if highlight is not None and 0 <= highlight < len(categories):
        x = left + slot * highlight
        parts.append(
            f'<rect class="current" x="{x:.1f}" y="{top}" width="{slot:.1f}" height="{plot_h}" fill="#fff4d6"/>'
        )
    for index, category in enumerate(categories):
        x0 = left + slot * index + gap / 2
        for number, (name, values) in enumerate(series):
            value = values[index]
            h = plot_h * value / maximum
            color = SERIES_COLORS[number % len(SERIES_COLORS)]
            parts.append(
                f'<rect x="{x0 + col * number:.1f}" y="{top + plot_h - h:.1f}" width="{max(col - 1, 1):.1f}" '
                f'height="{h:.1f}" fill="{color}"><title>{escape(category)} – {escape(name)}: {_fmt(value)}</title></rect>'
            )
        parts.append(
            f'<text x="{left + slot * index + slot / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'fill="#4a5550" font-size="11">{escape(category)}</text>'
        )
    if len(series) > 1:
        x = left
        for number, (name, _values) in enumerate(series):
            color = SERIES_COLORS[number % len(SERIES_COLORS)]
            parts.append(
                f'<rect x="{x}" y="{height - 18}" width="12" height="12" fill="{color}"/>'
                f'<text x="{x + 16}" y="{height - 8}" fill="#1b1f1d">{escape(name)}</text>'
            )
            x += 26 + 7.5 * len(name)
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _classes(values):
    """Upper bounds of four equal-interval classes above zero."""
    maximum = max(values, default=0)
    if maximum <= 0:
        return []
    return sorted({math.ceil(maximum * step / 4) for step in range(1, 5)})


def _class_palette(bounds):
    """One colour per class, spread over the palette so that the highest class is always the darkest."""
    if len(bounds) <= 1:
        return CHOROPLETH_COLORS[-1:] * len(bounds)
    steps = len(CHOROPLETH_COLORS) - 2
    return [CHOROPLETH_COLORS[1 + round(index * steps / (len(bounds) - 1))] for index in range(len(bounds))]


def class_color(value, bounds):
    if value <= 0 or not bounds:
        return CHOROPLETH_COLORS[0]
    palette = _class_palette(bounds)
    for index, bound in enumerate(bounds):
        if value <= bound:
            return palette[index]
    return palette[-1]


def choropleth(chart_id, title, desc, values, labels, legend_title, none_label, width=560):
    """The communes coloured by `values` ({nis: number}); `labels` are {nis: name}."""
    shapes = commune_shapes()
    points = [point for rings in shapes.values() for ring in rings for point in ring]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    scale_x = math.cos(math.radians((min_lat + max_lat) / 2))
    map_w = width - 20
    factor = map_w / ((max_lon - min_lon) * scale_x)
    map_h = (max_lat - min_lat) * factor
    legend_h = 30
    height = round(map_h + 20 + legend_h)
    bounds = _classes(list(values.values()))
    parts = [_open(chart_id, title, desc, width, height), f'<g class="communes" {FONT}>']
    for nis, rings in sorted(shapes.items()):
        d = " ".join(
            "M"
            + " L".join(
                f"{10 + (lon - min_lon) * scale_x * factor:.1f},{10 + (max_lat - lat) * factor:.1f}"
                for lon, lat in ring
            )
            + " Z"
            for ring in rings
        )
        value = values.get(nis, 0)
        parts.append(
            f'<path class="commune" data-nis="{nis}" d="{d}" fill="{class_color(value, bounds)}" '
            f'stroke="#ffffff" stroke-width="1.2"><title>{escape(labels.get(nis, nis))}: {value}</title></path>'
        )
    parts.append("</g>")
    y = round(map_h + 24)
    parts.append(f'<g class="legend" {FONT}><text x="10" y="{y + 13}" fill="#1b1f1d">{escape(legend_title)}</text>')
    x = 20 + 7 * len(legend_title)
    steps = [(none_label, CHOROPLETH_COLORS[0])]
    low = 1
    for bound, color in zip(bounds, _class_palette(bounds), strict=True):
        steps.append((f"{low}–{bound}" if bound > low else f"{bound}", color))
        low = bound + 1
    for label, color in steps:
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="{color}" stroke="#7b8a83"/>'
            f'<text x="{x + 20}" y="{y + 13}" fill="#1b1f1d">{escape(label)}</text>'
        )
        x += 32 + 7 * len(label)
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
