# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the sample district's asset sheets (deterministic: same bytes every run).

    .venv/bin/python scripts/make_sample_sheets.py [--out inventories/sample/sheets]

Writes
  district-assets.xlsx    one sheet per school: "Lincoln Elementary" and
                          "Washington Middle School", each with its own header
                          spellings and a title above the header row
  lincoln-elementary.csv  the Lincoln sheet again, the way a European Excel
                          saves CSV: Windows-1252, ';', CRLF, tags as 100234.0,
                          a serial as 1.2345E+05 (Excel's shortened form: its
                          digits are lost, so that row is a problem in the CSV)

The sheets are messy on purpose (OS and status spellings, MAC formats, DHCP,
blank hostnames, a blank row) and the workbook holds exactly four deliberate
problems, listed when the script runs:
  Lincoln     a MAC that is not a MAC (GG:12:34:56:78:9A)
  Washington  an IP that is not an IP (10.20.300.5)
  Washington  a hostname used twice (the first row is kept)
  Washington  two Chromebooks with the same asset tag (both kept, reported)
Everything else is valid, and hostnames, asset tags, MACs and IPs are unique
across the district. No value comes from a random generator.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import re
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

from sample_district import BLANK, LINCOLN, SCHOOLS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, 'inventories', 'sample', 'sheets')
WORKBOOK = 'district-assets.xlsx'
LINCOLN_CSV = 'lincoln-elementary.csv'
# Every zip entry and the workbook properties carry this time, so the files are byte-identical each run.
STAMP = datetime.datetime(2026, 8, 14, 7, 30, 0)
# Manufacturer -> first three bytes of its MACs (the rest comes from the row's sequence number).
OUI = {
    'Dell': (0xF8, 0xB1, 0x56), 'HP': (0x3C, 0x52, 0x82), 'HPE': (0x94, 0x40, 0xC9), 'Apple': (0xA4, 0x83, 0xE7),
    'Lenovo': (0x8C, 0x16, 0x45), 'Acer': (0x00, 0x1E, 0x68), 'Epson': (0x64, 0xEB, 0x8C),
    'Brother': (0x00, 0x80, 0x77), 'Ricoh': (0x00, 0x26, 0x73), 'Konica Minolta': (0x00, 0x20, 0x6B),
    'Xerox': (0x9C, 0x93, 0x4E), 'Cisco': (0x00, 0x1B, 0x54), 'HPE Aruba': (0x20, 0x4C, 0x03),
}
# How people type MACs; rows take these in turn.
MAC_STYLES = ('upper-colon', 'dash', 'cisco', 'bare', 'lower-colon')


def _base36(number, width):
    digits = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'  # no I or O, as on serial labels
    text = ''
    while number:
        number, rest = divmod(number, len(digits))
        text = digits[rest] + text
    return text.rjust(width, '0')[-width:]


def serial_for(make, seq):
    """A serial in the make's usual shape, from the row's sequence number."""
    if make == 'Dell':
        return _base36(seq * 7919, 7)
    if make == 'Apple':
        return 'C02' + _base36(seq * 104729, 9)
    if make in ('HP', 'HPE'):
        return ('5CG' if make == 'HP' else 'CZJ') + str(seq * 37 % 10000000).rjust(7, '0')
    if make == 'Lenovo':
        return 'PF' + _base36(seq * 3571, 6)
    if make == 'Cisco':
        return 'FOC' + _base36(seq * 6151, 8)
    return make[:3].upper() + str(seq)


def mac_for(make, seq, style):
    octets = OUI[make] + ((seq >> 16) & 0xFF, (seq >> 8) & 0xFF, seq & 0xFF)
    pairs = ['%02x' % octet for octet in octets]
    if style == 'upper-colon':
        return ':'.join(pairs).upper()
    if style == 'dash':
        return '-'.join(pairs).upper()
    if style == 'cisco':
        joined = ''.join(pairs)
        return '.'.join(joined[i:i + 4] for i in range(0, 12, 4))
    if style == 'bare':
        return ''.join(pairs)
    return ':'.join(pairs)


def records(school):
    """(sheet row number, cells) of every row, None cells for the blank row; fills tags, serials and MACs."""
    first_data_row = len(school.title_rows) + 2  # title rows, the header, then data
    out, tags = [], {}
    for index, cells in enumerate(school.rows):
        number = first_data_row + index
        if cells is BLANK:
            out.append((number, None))
            continue
        seq = school.tag_base + index
        cells = dict(cells, school=school.name, asset_tag=seq)
        if 'tag_of' in cells:
            cells['asset_tag'] = tags[cells.pop('tag_of')]
        tags[cells['hostname']] = cells['asset_tag']
        cells.setdefault('serial', serial_for(cells['manufacturer'], seq))
        cells.setdefault('mac', mac_for(cells['manufacturer'], seq, MAC_STYLES[index % len(MAC_STYLES)]))
        out.append((number, cells))
    return out


def excel_scientific(number):
    """123450 -> '1.2345E+05', the way Excel shows a long number in a narrow General cell."""
    mantissa, exponent = ('%E' % number).split('E')
    return '%sE%s' % (mantissa.rstrip('0').rstrip('.'), exponent)


def csv_value(field, value):
    """As a European Excel writes the cell to CSV."""
    if value is None or value == '':
        return ''
    if field == 'asset_tag' and isinstance(value, int):
        return '%d.0' % value  # the tag column went through a float on its way out
    if field == 'serial' and isinstance(value, int):
        return excel_scientific(value)
    if isinstance(value, datetime.date):
        return value.isoformat()  # the column is formatted yyyy-mm-dd, so the CSV says so too
    return str(value)


def write_workbook(path):
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = 'district-standard sample'
    book.properties.created = STAMP
    for school in SCHOOLS:
        sheet = book.create_sheet(school.name)
        for title in school.title_rows:
            sheet.append([title or None])
        sheet['A1'].font = Font(bold=True, size=14)
        sheet.append([header for header, _field in school.headers])
        header_row = len(school.title_rows) + 1
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = 'A%d' % (header_row + 1)
        for _number, cells in records(school):
            if cells is None:
                sheet.append([])
                continue
            # as typed: tags and the numeric serial are numbers, dates are dates, blanks are empty cells
            sheet.append([cells.get(field, '') or None for _header, field in school.headers])
            for column, (_header, field) in enumerate(school.headers, start=1):
                if isinstance(cells.get(field), datetime.date):
                    sheet.cell(row=sheet.max_row, column=column).number_format = 'yyyy-mm-dd'
        for column, (_header, field) in enumerate(school.headers, start=1):
            letter = sheet.cell(row=header_row, column=column).column_letter
            sheet.column_dimensions[letter].width = 24 if field in ('model', 'notes', 'printer_uri') else 16
    buffer = io.BytesIO()
    book.save(buffer)
    with open(path, 'wb') as handle:
        handle.write(_stable_zip(buffer.getvalue()))


def _stable_zip(data):
    """The workbook again with fixed times in every zip entry and in docProps/core.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = STAMP.strftime('%Y-%m-%dT%H:%M:%SZ').encode()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == 'docProps/core.xml':
                body = re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', lambda m: m.group(1) + stamp, body)
            entry = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, body)
    return out.getvalue()


def write_csv(path, school):
    """The school's sheet as a European Excel saves it: cp1252, ';', CRLF, every row as wide as the header."""
    width = len(school.headers)
    buffer = io.StringIO(newline='')
    writer = csv.writer(buffer, delimiter=';', lineterminator='\r\n')
    for title in school.title_rows:
        writer.writerow([title] + [''] * (width - 1))
    writer.writerow([header for header, _field in school.headers])
    for _number, cells in records(school):
        if cells is None:
            writer.writerow([''] * width)
        else:
            writer.writerow([csv_value(field, cells.get(field, '')) for _header, field in school.headers])
    with open(path, 'wb') as handle:
        handle.write(buffer.getvalue().encode('cp1252'))


def deliberate_problems():
    """(school, sheet row number, what is wrong) of every row made wrong on purpose."""
    found = []
    for school in SCHOOLS:
        for number, cells in records(school):
            if cells and cells.get('problem'):
                found.append((school.name, number, cells['problem']))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--out', default=DEFAULT_OUT, help='folder to write to (default: %(default)s)')
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    write_workbook(os.path.join(args.out, WORKBOOK))
    write_csv(os.path.join(args.out, LINCOLN_CSV), LINCOLN)
    for school in SCHOOLS:
        devices = sum(1 for cells in school.rows if cells is not BLANK)
        sys.stdout.write('%s: %d devices\n' % (school.name, devices))
    sys.stdout.write('wrote %s and %s in %s\nrows wrong on purpose:\n'
                     % (WORKBOOK, LINCOLN_CSV, os.path.relpath(args.out)))
    for name, number, problem in deliberate_problems():
        sys.stdout.write('  %s row %d: %s\n' % (name, number, problem))
    return 0


if __name__ == '__main__':
    sys.exit(main())
