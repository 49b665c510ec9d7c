"""The first sheet of an Excel workbook, its first non-empty row being the header."""

import io
import zipfile
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import load_workbook


def cell_value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def read(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError) as error:
        raise ValueError(_("This is not a readable XLSX file.")) from error
    sheet = workbook.worksheets[0]
    header, records = None, []
    for row in sheet.iter_rows(values_only=True):
        if not any(value not in (None, "") for value in row):
            continue
        if header is None:
            header = [str(value).strip() if value is not None else "" for value in row]
            continue
        records.append({name: cell_value(row[i]) for i, name in enumerate(header) if name and i < len(row)})
    workbook.close()
    return records
