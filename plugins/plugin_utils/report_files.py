# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Report tables as CSV and XLSX, and a filled-in copy of an asset sheet (the original is never written).

write_table(folder, name, headers, rows) writes <name>.csv (UTF-8 with BOM, so Excel shows accents; a cell
that would start a formula is prefixed with ') and <name>.xlsx (bold frozen header, auto filter, column
widths). write_back(source, sheet, updates, out) copies an asset sheet with the columns "Last seen",
"OS version" and "Compliance" filled in on the rows given: XLSX/XLSM stay themselves, CSV keeps its
encoding, delimiter and line ends, an ODS/XLS/XLSB source becomes an .xlsx copy. Every file written is 0600
(they hold the sheet's columns, names included).
"""

from __future__ import annotations

import copy
import csv
import io
import os

from ansible_collections.district.standard.plugins.plugin_utils import sheet_columns as columns
from ansible_collections.district.standard.plugins.plugin_utils.report_csv import csv_cell, csv_text
from ansible_collections.district.standard.plugins.plugin_utils.private_files import private_file, private_open
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import (
    SheetError, cell_text, read_path, sniff_delimiter)

try:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
except ImportError:  # reported when a workbook is written
    openpyxl = None

WRITE_BACK_COLUMNS = ('Last seen', 'OS version', 'Compliance')
# a write-back column -> the sheet field whose column it fills when the sheet has one
_COLUMN_FIELDS = {'OS version': 'os_version'}
MAX_WIDTH = 60
KEEP_FORMAT = ('.xlsx', '.xlsm')
CSV_LIKE = ('.csv', '.txt', '.tsv', '')


def _need_openpyxl():
    if openpyxl is None:
        raise SheetError('writing XLSX needs the openpyxl package (pip install openpyxl)')


def _values(headers, row):
    if isinstance(row, dict):
        return [row.get(h, '') for h in headers]
    return list(row)


def write_csv(path, headers, rows):
    with private_open(path, 'w', encoding='utf-8-sig', newline='') as handle:
        handle.write(csv_text(headers, rows))
    return path


def _plain(value):
    """A cell value openpyxl stores as it is: text never becomes a formula, control characters go."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub('', str(value))


def write_xlsx(path, headers, rows, title='report'):
    _need_openpyxl()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    widths = [len(str(h)) for h in headers]
    bold = Font(bold=True)
    for col, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=col, value=str(header)).font = bold
    for number, row in enumerate(rows, start=2):
        for col, value in enumerate(_values(headers, row), start=1):
            cell = sheet.cell(row=number, column=col)
            cell.value = _plain(value)
            if isinstance(cell.value, str):
                cell.data_type = 's'
            if col <= len(widths):
                widths[col - 1] = max(widths[col - 1], len(str(value)))
    sheet.freeze_panes = 'A2'
    sheet.auto_filter.ref = 'A1:%s%d' % (get_column_letter(max(len(headers), 1)), max(len(rows) + 1, 1))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
    book.save(private_file(path))
    return path


def write_table(folder, name, headers, rows):
    """<folder>/<name>.csv and .xlsx; {'csv': path, 'xlsx': path}."""
    return {'csv': write_csv(os.path.join(folder, name + '.csv'), headers, rows),
            'xlsx': write_xlsx(os.path.join(folder, name + '.xlsx'), headers, rows, name)}


def read_xlsx(path):
    """(headers, rows as lists) of the first sheet of an XLSX report (for tests and checks)."""
    _need_openpyxl()
    book = openpyxl.load_workbook(path, read_only=True)
    values = [[cell_text(c) for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return (values[0], values[1:]) if values else ([], [])


# Write-back


def write_back_path(source_path, folder, suffix='-updated'):
    """Where the filled-in copy of SOURCE_PATH goes: <folder>/<name><suffix><ext>; ODS/XLS/XLSB -> .xlsx."""
    stem, ext = os.path.splitext(os.path.basename(source_path))
    ext = ext.lower()
    if ext not in KEEP_FORMAT and ext not in CSV_LIKE:
        ext = '.xlsx'
    return os.path.join(folder, stem + suffix + (ext or '.csv'))


def _targets(header, lookup):
    """{write-back column: 0-based index} of the columns that are already there."""
    found = {}
    for title in WRITE_BACK_COLUMNS:
        wanted = columns.header_key(title)
        for index, cell in enumerate(header):
            key = columns.header_key(cell) if cell.strip() else ''
            if key and (key == wanted or (title in _COLUMN_FIELDS and lookup.get(key) == _COLUMN_FIELDS[title])):
                found[title] = index
                break
    return found


def _is_csv(path):
    with open(path, 'rb') as handle:
        start = handle.read(4)
    return os.path.splitext(path)[1].lower() in CSV_LIKE and not start.startswith((b'PK\x03\x04', b'\xd0\xcf\x11\xe0'))


def write_back(source_path, sheet, updates, out_path, column_map=None):
    """Copy SOURCE_PATH to OUT_PATH with the write-back columns of sheet SHEET (None: the first) filled in.

    UPDATES maps a spreadsheet row number (as asset_source names it) to {column title: value}. A column is
    added after the last one when the header row (found as the inventory finds it) has none; 'OS version'
    fills the sheet's OS Version column when it has one. Returns OUT_PATH. SOURCE_PATH is only read.
    """
    return write_back_all(source_path, {sheet: updates}, out_path, column_map)


def write_back_all(source_path, sheet_updates, out_path, column_map=None):
    """write_back of several sheets of one file ({sheet or None: updates}) into one copy."""
    if os.path.abspath(source_path) == os.path.abspath(out_path):
        raise SheetError('%s: the write-back copy must not replace the asset sheet itself' % source_path)
    lookup = columns.header_lookup(column_map)
    if _is_csv(source_path):
        merged = {}
        for updates in sheet_updates.values():
            merged.update(updates)
        return _write_back_csv(source_path, merged, out_path, lookup)
    _need_openpyxl()
    ext = os.path.splitext(source_path)[1].lower()
    if ext in KEEP_FORMAT:
        book = openpyxl.load_workbook(source_path, keep_vba=(ext == '.xlsm'))
    else:
        book = _workbook_of(source_path)
    for sheet, updates in sheet_updates.items():
        if sheet and sheet not in book.sheetnames:
            raise SheetError("%s: no sheet named '%s' to write back to" % (source_path, sheet))
        _fill_sheet(book[sheet] if sheet else book.worksheets[0], updates, lookup, source_path)
    book.save(private_file(out_path))
    return out_path


def _workbook_of(source_path):
    """An openpyxl workbook with the values of every sheet of an ODS/XLS/XLSB file, where they were."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in read_path(source_path, '*'):
        sheet = book.create_sheet(table.label.split(':', 1)[1][:31] if ':' in table.label else 'Sheet1')
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                if value != '':
                    sheet.cell(row=table.first_row + r, column=table.first_col + c + 1).value = _plain(value)
    return book


def _fill_sheet(sheet, updates, lookup, label):
    top = sheet.min_row
    rows = [[cell_text(c) for c in row] for row in
            sheet.iter_rows(min_row=top, max_row=top + columns.HEADER_SEARCH_ROWS - 1, values_only=True)]
    at = columns.find_header(rows, lookup)
    if at is None:
        raise SheetError('%s:%s: no header row found to write back to' % (label, sheet.title))
    header_row = top + at
    header = rows[at]
    found = _targets(header, lookup)
    last = max(sheet.max_column, len(header))
    style = next((sheet.cell(row=header_row, column=i + 1) for i, c in enumerate(header) if c.strip()), None)
    for title in WRITE_BACK_COLUMNS:
        if title in found or not any(title in values for values in updates.values()):
            continue
        last += 1
        cell = sheet.cell(row=header_row, column=last, value=title)
        if style is not None and style.has_style:
            cell.font, cell.fill = copy.copy(style.font), copy.copy(style.fill)
            cell.border, cell.alignment = copy.copy(style.border), copy.copy(style.alignment)
        found[title] = last - 1
    for number, values in updates.items():
        for title, value in values.items():
            if title in found and number > header_row:
                cell = sheet.cell(row=number, column=found[title] + 1)
                cell.value = _plain(value)
                if isinstance(cell.value, str):
                    cell.data_type = 's'


def _csv_encoding(data):
    if data.startswith((b'\xff\xfe', b'\xfe\xff')):
        return 'utf-16'
    if data.startswith(b'\xef\xbb\xbf'):
        return 'utf-8-sig'
    try:
        data.decode('utf-8')
        return 'utf-8'
    except UnicodeDecodeError:
        try:
            data.decode('cp1252')
            return 'cp1252'
        except UnicodeDecodeError:
            return 'latin-1'


def _write_back_csv(source_path, updates, out_path, lookup):
    with open(source_path, 'rb') as handle:
        data = handle.read()
    encoding = _csv_encoding(data)
    text = data.decode(encoding)
    delimiter = sniff_delimiter([line for line in text.splitlines()[:30] if line.strip()])
    newline = '\r\n' if '\r\n' in text else '\n'
    rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=delimiter))
    at = columns.find_header(rows, lookup)
    if at is None:
        raise SheetError('%s: no header row found to write back to' % os.path.basename(source_path))
    header = rows[at]
    found = _targets(header, lookup)
    for title in WRITE_BACK_COLUMNS:
        if title not in found and any(title in values for values in updates.values()):
            found[title] = len(header)
            header.append(title)
    width = len(header)
    for number, values in updates.items():
        index = number - 1
        if at < index < len(rows):
            row = rows[index]
            row.extend([''] * (width - len(row)))
            for title, value in values.items():
                if title in found:
                    row[found[title]] = csv_cell(value)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    with private_open(out_path, 'wb') as handle:
        handle.write(out.getvalue().encode(encoding))
    return out_path
