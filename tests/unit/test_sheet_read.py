"""Reading CSV, XLSX and ODS files into tables, and every bad-file error."""

import io
import os
import time
import zipfile

import openpyxl
import pytest

from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import (
    SheetError, decode_text, read_bytes, read_path, sniff_delimiter)

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'real-shapes')
# an OLE file with the streams of an encrypted XLSX (Excel's "password to open")
ENCRYPTED = (b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504 + 'EncryptionInfo'.encode('utf-16-le') + b'\0' * 64
             + 'EncryptedPackage'.encode('utf-16-le') + b'\0' * 256)
ROWS = [['Hostname', 'Asset Tag', 'Room', 'Assigned To'], ['pc01', '100234', 'Lab 101', 'Peña'],
        ['pc02', '100235', 'Library', 'Zoë']]


def write_csv(path, rows, delimiter=',', encoding='utf-8', newline='\n'):
    text = newline.join(delimiter.join(r) for r in rows) + newline
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.mark.parametrize('encoding', ['utf-8', 'utf-8-sig', 'cp1252', 'utf-16'])
@pytest.mark.parametrize('delimiter', [',', ';', '\t'])
def test_csv_encoding_and_delimiter_are_sniffed(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / 'assets.csv', [['Lincoln — inventory' if encoding != 'cp1252' else 'Lincoln inventory'],
                                               []] + ROWS, delimiter, encoding, '\r\n')
    (table,) = read_path(path)
    assert table.label == 'assets.csv' and table.first_row == 1
    assert table.rows[2:] == ROWS


def test_sniffer_prefers_the_delimiter_that_splits_rows_evenly():
    lines = ['Title, with a comma', 'Name;Tag;Room', 'pc01;1;Lab, north', 'pc02;2;Library']
    assert sniff_delimiter(lines) == ';'


def test_decode_falls_back_to_windows_1252():
    assert decode_text('Peña'.encode('cp1252')) == 'Peña'
    assert decode_text('\ufeffPeña'.encode('utf-8')) == 'Peña'


def make_xlsx(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows, offset in sheets:
        sheet = book.create_sheet(name)
        for r, values in enumerate(rows, start=1 + offset):
            for c, value in enumerate(values, start=2):
                sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return str(path)


def test_xlsx_first_sheet_named_sheet_and_all_sheets(tmp_path):
    numeric = [['Hostname', 'Asset Tag'], ['pc01', 100234], ['pc02', 1.5]]
    path = make_xlsx(tmp_path / 'd.xlsx', [('Lincoln', numeric, 2), ('Empty', [], 0), ('Washington', numeric[:2], 0)])
    (first,) = read_path(path)
    assert first.label == 'd.xlsx:Lincoln'
    assert first.first_row == 3 and first.first_col == 1
    assert first.rows == [['Hostname', 'Asset Tag'], ['pc01', '100234'], ['pc02', '1.5']]
    assert [t.label for t in read_path(path, 'Washington')] == ['d.xlsx:Washington']
    every = read_path(path, '*')
    assert [t.label for t in every] == ['d.xlsx:Lincoln', 'd.xlsx:Washington'] and every[0].optional


def make_ods(rows):
    cells = ''.join('<table:table-row>%s</table:table-row>' % ''.join(
        '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % c for c in r)
        for r in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Lab">%s</table:table>'
               '</office:spreadsheet></office:body></office:document-content>' % cells)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    data = io.BytesIO()
    with zipfile.ZipFile(data, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
        z.writestr('content.xml', content)
        z.writestr('META-INF/manifest.xml', manifest)
    return data.getvalue()


def test_ods_workbook(tmp_path):
    (tmp_path / 'lab.ods').write_bytes(make_ods(ROWS))
    (table,) = read_path(str(tmp_path / 'lab.ods'))
    assert table.label == 'lab.ods:Lab'
    assert table.rows == ROWS


def test_downloaded_csv_is_read_from_bytes():
    (table,) = read_bytes('Hostname,Tag\npc01,1\n'.encode(), 'https://sheets.example.org/pub?output=csv')
    assert table.rows == [['Hostname', 'Tag'], ['pc01', '1']]


@pytest.mark.parametrize('name, content, message', [
    ('missing.xlsx', None, "missing.xlsx: the asset sheet '.*missing.xlsx' does not exist"),
    ('empty.csv', b'', 'empty.csv: the file is empty; expected an asset sheet with a header row'),
    ('blank.csv', b' \r\n\r\n', 'blank.csv: the file is empty'),
    ('locked.xlsx', ENCRYPTED, 'locked.xlsx: the workbook is password-protected'),
    ('locked.dat', ENCRYPTED, 'locked.dat: the workbook is password-protected'),
    ('broken.xlsx', b'PK\x03\x04 this is not really a zip file', 'broken.xlsx: cannot be read as an XLSX, XLS or ODS'),
    ('fake.ods', b'hello', 'fake.ods: cannot be read as an XLSX, XLS or ODS workbook'),
    ('other.xls', b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 512, 'other.xls: cannot be read as an XLSX, XLS or ODS'),
])
def test_bad_files_give_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SheetError, match=message):
        read_path(str(path))


def test_folder_wrong_sheet_and_empty_sheet(tmp_path):
    with pytest.raises(SheetError, match="is a folder; expected a CSV, XLSX or ODS file"):
        read_path(str(tmp_path))
    path = make_xlsx(tmp_path / 'd.xlsx', [('Lincoln', ROWS, 0), ('Blank', [], 0)])
    with pytest.raises(SheetError, match="d.xlsx: no sheet named 'Lab PCs'; the workbook has: Lincoln, Blank"):
        read_path(path, 'Lab PCs')
    with pytest.raises(SheetError, match='d.xlsx:Blank: the sheet is empty'):
        read_path(path, ['Lincoln', 'Blank'])


def test_a_plain_xls_is_read_not_called_encrypted(tmp_path):
    (table,) = read_path(os.path.join(FIXTURES, 'plain.xls'))
    assert table.label == 'plain.xls:Lab PCs'
    assert table.rows[2] == ['Hostname', 'Asset Tag', 'School', 'Room', 'Type', 'OS', 'Serial']
    assert table.rows[3][:2] == ['lab-xls01', '100301']
    # the same bytes served without a file name (a download) are still a workbook
    with open(os.path.join(FIXTURES, 'plain.xls'), 'rb') as handle:
        assert read_bytes(handle.read(), 'download')[0].rows[3][0] == 'lab-xls01'


def test_workbook_numbers_with_more_digits_than_excel_keeps_are_noted(tmp_path):
    path = make_xlsx(tmp_path / 'n.xlsx', [('S', [['Hostname', 'Serial'], ['pc01', 1234567890123456], ['pc02', 100234.0],
                                                  ['pc03', 123456789012345]], 0)])
    (table,) = read_path(path)
    assert table.rows[1:] == [['pc01', '1234567890123456'], ['pc02', '100234'], ['pc03', '123456789012345']]
    assert table.notes == {(1, 1): 'the cell is a number of 16 digits and Excel keeps 15, so the last ones are lost: '
                                   'format the column as Text and type it again'}


def test_a_csv_cell_over_the_csv_modules_limit_is_read_whole_and_the_limit_restored(tmp_path):
    import csv
    limit = csv.field_size_limit()
    big = 'x' * (limit + 10)
    (table,) = read_bytes(('Hostname,Notes\npc01,%s\npc02,ok\n' % big).encode(), 'big.csv')
    assert [len(cell) for cell in table.rows[1]] == [4, limit + 10] and table.rows[2] == ['pc02', 'ok']
    assert csv.field_size_limit() == limit


def test_crafted_cells_cost_bounded_time():
    crafted = '1E99999999999'
    started = time.monotonic()
    (table,) = read_bytes(('Hostname,Tag\n%s,%s\n' % ('y' * 200000, crafted)).encode(), 'crafted.csv')
    assert table.rows[1][1] == crafted and time.monotonic() - started < 30  # wide: a busy machine
