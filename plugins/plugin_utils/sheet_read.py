# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read asset sheets (CSV, XLSX, ODS) into tables of text cells.

A source is read into one Table per sheet: its rows as lists of strings and
the spreadsheet row number of its first row, so problems can name the row a
technician sees. Anything wrong with the file itself raises SheetError with a
message naming the file and what was expected.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import os

from ansible_collections.district.standard.plugins.plugin_utils.sheet_text import significant_digits

try:
    import python_calamine
except ImportError:  # reported when a workbook is actually read
    python_calamine = None

CSV_DELIMITERS = (',', ';', '\t', '|')
WORKBOOK_EXTENSIONS = ('.xlsx', '.xlsm', '.xlsb', '.xls', '.ods')
ALL_SHEETS = '*'
_ZIP_MAGIC = b'PK\x03\x04'
_OLE_MAGIC = b'\xd0\xcf\x11\xe0'
# an OLE file holding these streams is an encrypted XLSX (password to open); any other OLE file is a
# legacy .xls workbook (or not a workbook at all), never "encrypted"
_ENCRYPTED_STREAMS = ('EncryptedPackage'.encode('utf-16-le'), 'EncryptionInfo'.encode('utf-16-le'))
MAX_DIGITS = 15  # Excel keeps 15 significant digits of a number
TOO_MANY_DIGITS = ('the cell is a number of %d digits and Excel keeps 15, so the last ones are lost: format the '
                   'column as Text and type it again')


class SheetError(Exception):
    """A source that cannot be used at all; the message names the file."""


class Table(object):
    """One sheet of one source.

    label names it in messages ('assets.xlsx:Lab PCs' or 'assets.csv'),
    rows are lists of cell text, first_row is the row number of rows[0] as the
    spreadsheet shows it, first_col the 0-based column of rows[N][0] (a
    workbook's used range may start right of column A), optional marks a sheet picked by '*' (a sheet with
    no header there is reported, not fatal). notes holds what the reader already knows is wrong with a
    cell: {(row index, column index): reason}.
    """

    __slots__ = ('label', 'rows', 'first_row', 'first_col', 'optional', 'notes')

    def __init__(self, label, rows, first_row=1, first_col=0, optional=False, notes=None):
        self.label = label
        self.rows = rows
        self.first_row = first_row
        self.first_col = first_col
        self.optional = optional
        self.notes = notes or {}


def read_path(path, sheets=None):
    """Tables of a local file; label is the file name."""
    label = os.path.basename(path)
    if not os.path.exists(path):
        raise SheetError("%s: the asset sheet '%s' does not exist" % (label, path))
    if os.path.isdir(path):
        raise SheetError("%s: '%s' is a folder; expected a CSV, XLSX or ODS file" % (label, path))
    try:
        with open(path, 'rb') as handle:
            data = handle.read()
    except OSError as exc:
        raise SheetError("%s: cannot read '%s': %s" % (label, path, exc.strerror or exc)) from exc
    return read_bytes(data, label, sheets, extension=os.path.splitext(path)[1].lower())


def read_bytes(data, label, sheets=None, extension=''):
    """Tables of a file's content (a local file or a downloaded published sheet)."""
    if not data.strip():
        raise SheetError('%s: the file is empty; expected an asset sheet with a header row' % label)
    if data.startswith(_OLE_MAGIC) and any(stream in data for stream in _ENCRYPTED_STREAMS):
        raise SheetError('%s: the workbook is password-protected (encrypted); save a copy without a password '
                         'or export the sheet as CSV' % label)
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC) or extension in WORKBOOK_EXTENSIONS:
        return _read_workbook(data, label, sheets)
    return [Table(label, _read_csv(data, label))]


def cell_text(value):
    """A workbook cell as text: 100234.0 -> '100234', dates as ISO 8601."""
    if value is None:
        return ''
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return 'TRUE' if value else 'FALSE'
    if isinstance(value, float):
        return str(int(value)) if math.isfinite(value) and value.is_integer() else repr(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _wanted_sheets(names, sheets, label):
    if sheets in (None, '', []):
        return names[:1], False
    if sheets == ALL_SHEETS or sheets == [ALL_SHEETS]:
        return list(names), True
    wanted = [sheets] if isinstance(sheets, str) else list(sheets)
    missing = [name for name in wanted if name not in names]
    if missing:
        raise SheetError("%s: no sheet named '%s'; the workbook has: %s"
                         % (label, "', '".join(missing), ', '.join(names)))
    return wanted, False


def _read_workbook(data, label, sheets):
    if python_calamine is None:
        raise SheetError('%s: reading workbooks needs the python-calamine package (pip install python-calamine)' % label)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise SheetError('%s: the workbook is password-protected; save a copy without a password '
                         'or export the sheet as CSV' % label) from None
    except Exception as exc:  # calamine raises several types for damaged files
        raise SheetError('%s: cannot be read as an XLSX, XLS or ODS workbook (%s); expected an .xlsx, .xls, .ods '
                         'or .csv asset sheet' % (label, exc)) from exc
    names, optional = _wanted_sheets(book.sheet_names, sheets, label)
    tables = []
    for name in names:
        try:
            sheet = book.get_sheet_by_name(name)
            values = sheet.to_python()
        except Exception as exc:
            raise SheetError("%s:%s: cannot read the sheet (%s)" % (label, name, exc)) from exc
        rows, notes = _sheet_rows(values)
        if not any(any(cell.strip() for cell in row) for row in rows):
            if optional:
                continue
            raise SheetError("%s:%s: the sheet is empty; expected an asset sheet with a header row" % (label, name))
        first_row, first_col = (sheet.start[0] + 1, sheet.start[1]) if sheet.start else (1, 0)
        tables.append(Table('%s:%s' % (label, name), rows, first_row, first_col, optional, notes))
    if not tables:
        raise SheetError('%s: every sheet of the workbook is empty; expected an asset sheet with a header row' % label)
    return tables


def _sheet_rows(values):
    """A sheet's cells as text, and a note on every number cell holding more digits than Excel keeps."""
    rows, notes = [], {}
    for r, row in enumerate(values):
        texts = []
        for c, cell in enumerate(row):
            if isinstance(cell, str):
                texts.append(cell)
                continue
            if isinstance(cell, float):
                digits = significant_digits(cell)
                if digits > MAX_DIGITS:
                    notes[r, c] = TOO_MANY_DIGITS % digits
            texts.append(cell_text(cell))
        rows.append(texts)
    return rows, notes


def decode_text(data):
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b'\xff\xfe', b'\xfe\xff')):
        return data.decode('utf-16')
    try:
        return data.decode('utf-8-sig')
    except UnicodeDecodeError:
        try:
            return data.decode('cp1252')
        except UnicodeDecodeError:
            return data.decode('latin-1')


def sniff_delimiter(lines):
    """The delimiter that splits the most sample lines into the same number of cells."""
    best, best_score = ',', (0, 0)
    for delimiter in CSV_DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        counts = [count for count in counts if count]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data, label):
    text = decode_text(data)
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    delimiter = sniff_delimiter(sample)
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter)
    # any cell fits (the file is in memory already): a long cell is cut, and its row reported, by the book
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        return list(reader)
    except csv.Error as exc:
        raise SheetError('%s:row %d: cannot be read as CSV (%s); expected a comma, semicolon or tab separated sheet'
                         % (label, reader.line_num, exc)) from exc
    finally:
        csv.field_size_limit(limit)
