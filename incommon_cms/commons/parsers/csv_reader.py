"""CSV in any common delimiter and encoding (UTF-8 or Latin-1, with or without byte-order mark)."""

import codecs
import csv
import io

from django.utils.translation import gettext as _

DELIMITERS = ",;\t|"


def decode(data, encoding=""):
    data = data.removeprefix(codecs.BOM_UTF8)
    if encoding:
        return data.decode(encoding)
    for candidate in ("utf-8", "cp1252"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def guess_delimiter(text):
    sample = "\n".join(line for line in text.splitlines()[:20] if line.strip())
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count)


def read(data, delimiter="", encoding=""):
    try:
        text = decode(data, encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise ValueError(_("The file is not in the chosen encoding: %(error)s") % {"error": error}) from error
    text = text.lstrip("\ufeff")
    if not text.strip():
        return []
    delimiter = delimiter.replace("\\t", "\t") if delimiter else guess_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = None
    records = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            continue
        records.append({name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name})
    return records
