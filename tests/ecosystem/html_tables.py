"""Reading the figure tables of a rendered page with the standard library's HTML parser."""

from html.parser import HTMLParser


class TableReader(HTMLParser):
    """Collects each `<table data-figure=...>` as a list of rows of cell texts (header row first)."""

    def __init__(self):
        super().__init__()
        self.tables, self._key, self._row, self._cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-figure" in attrs:
            self._key = attrs["data-figure"]
            self.tables[self._key] = []
        elif self._key and tag == "tr":
            self._row = []
        elif self._key and tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._key = None
        elif self._key and tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif self._key and tag == "tr" and self._row is not None:
            self.tables[self._key].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def figure_tables(html):
    reader = TableReader()
    reader.feed(html)
    return reader.tables
