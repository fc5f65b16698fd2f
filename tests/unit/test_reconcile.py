"""Reconciliation of devices with the asset sheet, the report files and the write-back copy."""

import csv
import hashlib
import json
import os
import shutil

import openpyxl
import pytest

from ansible_collections.district.standard.plugins.plugin_utils import reconcile as rc
from ansible_collections.district.standard.plugins.plugin_utils import report_files as rf
from ansible_collections.district.standard.plugins.plugin_utils.asset_book import Settings, build_book
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import Table

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, 'inventories', 'sample')
HEADER = ['Hostname', 'Asset Tag', 'Serial Number', 'MAC Address', 'School', 'Room', 'Type', 'OS', 'OS Version',
          'Model', 'Status']
ROWS = [
    ['lab-pc01', '900001', 'LAB000001', '02:00:00:00:00:01', 'Lab School', 'Lab 1', 'Desktop', 'Debian 12', '12',
     'Lab container', 'Active'],
    ['lab-pc02', '900002', 'LAB000002', '02:00:00:00:00:02', 'Lab School', 'Lab 1', 'Desktop', 'Debian 12', '12',
     'Lab container', 'Active'],
    ['lab-pc03', '900003', 'LAB000003', '02:00:00:00:00:03', 'Lab School', 'Lab 1', 'Desktop', 'Debian 12', '12',
     'Lab container', 'Active'],
]


def book_of(rows=None):
    return build_book([Table('lab-assets.csv', [HEADER] + [list(r) for r in (ROWS if rows is None else rows)])], Settings())


def hw_of(row, **changes):
    """What a lab container with this sheet row says about itself (as the hw_inventory role reports it)."""
    hw = {'serial': row[2], 'model': row[9], 'manufacturer': '', 'ram_mb': 2048, 'disks': [],
          'macs': [row[3]], 'os': 'linux', 'os_name': 'Debian 12.7', 'os_version': '12.7',
          'collected_at': '2025-01-31T14:02:11Z'}
    hw.update(changes)
    return hw


def devices_of(rows=None):
    return dict((r[0], {'reached': True, 'hw': hw_of(r), 'sw': [{'name': 'bash', 'version': '5.2'}]})
                for r in (ROWS if rows is None else rows))


def kinds(rows):
    return [(r['kind'], r['hostname']) for r in rows]


def test_devices_as_the_sheet_says_give_no_difference():
    assert rc.reconcile(book_of(), devices_of()) == []


def test_planted_differences_and_nothing_else():
    rows = [list(r) for r in ROWS]
    rows[0][2] = 'LAB000099'                                  # the sheet's serial of lab-pc01 was changed
    devices = devices_of()
    devices['lab-pc03'] = {'reached': False, 'hw': None}      # did not answer
    devices['ghost-pc'] = {'reached': True, 'hw': hw_of(['ghost-pc', '', 'GHOST1', '02:00:00:00:00:99', '', '', '',
                                                         '', '', 'Lab container', ''])}
    got = rc.reconcile(book_of(rows), devices)
    assert kinds(got) == [('unlisted', 'ghost-pc'), ('serial', 'lab-pc01'), ('not_seen', 'lab-pc03')]
    serial = got[1]
    assert (serial['sheet_value'], serial['device_value'], serial['asset_source'], serial['asset_tag']) == (
        'LAB000099', 'LAB000001', 'lab-assets.csv:row 2', '900001')
    assert got[2]['note'] == 'did not answer'
    assert 'serial GHOST1' in got[0]['device_value']
    assert rc.counts(got) == dict(rc.counts([]), serial=1, unlisted=1, not_seen=1)


def test_comparisons_are_normalised():
    devices = devices_of()
    devices['lab-pc01']['hw'].update(serial=' lab000001 ', macs=['02-00-00-00-00-01'.upper(), 'aa:bb:cc:dd:ee:ff'],
                                     model='LAB CONTAINER (Podman)', os='Linux')
    devices['lab-pc02']['hw'].update(model='lab')             # contained in the sheet's model
    assert rc.reconcile(book_of(), devices) == []


def test_each_field_is_compared():
    devices = devices_of()
    devices['lab-pc01']['hw'].update(macs=['02:00:00:00:00:77'])
    devices['lab-pc02']['hw'].update(os='windows', model='OptiPlex 7010')
    got = rc.reconcile(book_of(), devices)
    assert [(r['kind'], r['hostname'], r['sheet_value'], r['device_value']) for r in got] == [
        ('mac', 'lab-pc01', '02:00:00:00:00:01', '02:00:00:00:00:77'),
        ('os', 'lab-pc02', 'linux', 'windows'),
        ('model', 'lab-pc02', 'Lab container', 'OptiPlex 7010')]


def test_unknown_device_values_are_no_difference_and_blank_sheet_cells_are_reported():
    rows = [list(r) for r in ROWS]
    rows[1][2] = ''                                           # no serial in the sheet
    devices = devices_of()
    devices['lab-pc01']['hw'].update(serial='', model='', macs=[])   # a container without overrides
    got = rc.reconcile(book_of(rows), devices)
    assert [(r['kind'], r['field'], r['hostname'], r['device_value']) for r in got] == [
        ('missing_in_sheet', 'serial', 'lab-pc02', 'LAB000002')]


def test_match_by_serial_then_mac_under_another_name():
    devices = devices_of()
    devices['renamed-pc'] = devices.pop('lab-pc01')
    devices['other-pc'] = devices.pop('lab-pc02')
    devices['other-pc']['hw']['serial'] = 'NEW-BOARD'        # serial changed with the mainboard; the MAC still matches
    got = rc.reconcile(book_of(), devices, scope='sheet')
    assert [(r['kind'], r['hostname'], r['sheet_value'], r['device_value'], r['note']) for r in got] == [
        ('serial', 'other-pc', 'LAB000002', 'NEW-BOARD', 'matched by mac'),
        ('hostname', 'other-pc', 'lab-pc02', 'other-pc', 'matched by mac'),
        ('hostname', 'renamed-pc', 'lab-pc01', 'renamed-pc', 'matched by serial')]


def test_scope():
    devices = devices_of(ROWS[:1])                            # a run limited to lab-pc01
    assert rc.reconcile(book_of(), devices) == []
    got = rc.reconcile(book_of(), devices, scope='sheet')
    assert kinds(got) == [('not_seen', 'lab-pc02'), ('not_seen', 'lab-pc03')]
    assert got[0]['note'] == 'not part of this run'


def test_compliance_by_host():
    report = {'run': {'started': '2025-01-30T07:00:00'}, 'results': [
        {'host': 'pc1', 'status': 'compliant'}, {'host': 'pc1', 'status': 'drift'},
        {'host': 'pc2', 'status': 'compliant'}, {'host': 'pc3', 'status': 'waived'}]}
    assert rc.compliance_by_host(report) == {'pc1': '50.0% (1 drift) 2025-01-30', 'pc2': '100.0% 2025-01-30',
                                             'pc3': 'not checked 2025-01-30'}


def test_report_tables_read_back(tmp_path):
    devices = devices_of()
    devices['lab-pc03'] = {'reached': False, 'hw': None}
    book = book_of()
    files = rf.write_table(str(tmp_path), 'hardware', rc.HARDWARE_HEADERS, rc.hardware_rows(book, devices))
    with open(files['csv'], encoding='utf-8-sig', newline='') as handle:
        rows = list(csv.DictReader(handle))
    assert [(r['hostname'], r['reached'], r['serial'], r['asset_source']) for r in rows] == [
        ('lab-pc01', 'True', 'LAB000001', 'lab-assets.csv:row 2'), ('lab-pc02', 'True', 'LAB000002', 'lab-assets.csv:row 3'),
        ('lab-pc03', 'False', '', 'lab-assets.csv:row 4')]
    sheet = openpyxl.load_workbook(files['xlsx']).active
    assert [c.value for c in sheet[1]] == list(rc.HARDWARE_HEADERS)
    assert sheet['A1'].font.bold and sheet.freeze_panes == 'A2' and sheet.auto_filter.ref == 'A1:P4'
    assert sheet['F2'].value == 'LAB000001' and sheet.column_dimensions['A'].width > 8
    software = rc.software_rows(book, devices)
    assert software[0] == {'hostname': 'lab-pc01', 'asset_tag': '900001', 'school': 'Lab School', 'room': 'Lab 1',
                           'name': 'bash', 'version': '5.2'}


def test_cells_that_look_like_formulas_stay_text(tmp_path):
    files = rf.write_table(str(tmp_path), 'software', ['name'], [{'name': '=HYPERLINK("x")'}])
    assert openpyxl.load_workbook(files['xlsx']).active['A2'].value == '=HYPERLINK("x")'
    assert openpyxl.load_workbook(files['xlsx']).active['A2'].data_type == 's'
    with open(files['csv'], encoding='utf-8-sig', newline='') as handle:
        assert list(csv.reader(handle))[1] == ['\'=HYPERLINK("x")']


def digest(path):
    with open(path, 'rb') as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_write_back_xlsx_leaves_the_original_byte_identical(tmp_path):
    source = str(tmp_path / 'district-assets.xlsx')
    shutil.copy(os.path.join(SAMPLE, 'sheets', 'district-assets.xlsx'), source)
    before = digest(source)
    out = rf.write_back_path(source, str(tmp_path))
    rf.write_back_all(source, {
        'Lincoln Elementary': {4: {'Last seen': '2025-01-31T14:02:11Z', 'OS version': '24H2', 'Compliance': '100.0%'}},
        'Washington Middle School': {5: {'Last seen': '2025-01-31T14:05:00Z', 'OS version': '23H2'}}}, out)
    assert digest(source) == before
    assert out.endswith('district-assets-updated.xlsx')
    book = openpyxl.load_workbook(out)
    lincoln = book['Lincoln Elementary']
    assert [lincoln.cell(row=3, column=c).value for c in (10, 19, 20)] == ['OS Version', 'Last seen', 'Compliance']
    assert [lincoln.cell(row=4, column=c).value for c in (1, 10, 19, 20)] == [
        'LAB101-PC01', '24H2', '2025-01-31T14:02:11Z', '100.0%']
    assert lincoln.cell(row=5, column=10).value == '22H2' and lincoln.cell(row=5, column=19).value is None
    assert lincoln.cell(row=3, column=19).font.bold == lincoln.cell(row=3, column=1).font.bold
    washington = book['Washington Middle School']
    assert washington.cell(row=4, column=10).value == 'Build'         # the sheet's OS version column is used
    assert washington.cell(row=5, column=10).value == '23H2' and washington.cell(row=4, column=18).value == 'Last seen'
    assert washington.cell(row=4, column=19).value is None           # no Compliance given, no column added


def test_write_back_csv_keeps_encoding_delimiter_and_line_ends(tmp_path):
    source = str(tmp_path / 'lincoln-elementary.csv')
    shutil.copy(os.path.join(SAMPLE, 'sheets', 'lincoln-elementary.csv'), source)
    before = open(source, 'rb').read()
    out = rf.write_back(source, None, {4: {'Last seen': '2025-01-31', 'OS version': '24H2'}},
                        rf.write_back_path(source, str(tmp_path)))
    assert open(source, 'rb').read() == before
    after = open(out, 'rb').read()
    text = after.decode('cp1252')                                      # the source is Windows-1252 ("Lincoln Elementary \x96 ...")
    lines = text.split('\r\n' if b'\r\n' in before else '\n')
    assert lines[0] == before.decode('cp1252').splitlines()[0]
    assert lines[2].split(';')[-1] == 'Last seen' and lines[2].split(';')[9] == 'OS Version'
    assert lines[3].split(';')[9] == '24H2' and lines[3].split(';')[-1] == '2025-01-31'
    assert lines[4].split(';')[9] == '22H2'


def test_write_back_of_another_workbook_format_is_an_xlsx_copy(tmp_path):
    assert rf.write_back_path('/x/assets.ods', '/r') == '/r/assets-updated.xlsx'
    assert rf.write_back_path('/x/assets.csv', '/r') == '/r/assets-updated.csv'
    book = rf._workbook_of(os.path.join(SAMPLE, 'sheets', 'district-assets.xlsx'))   # read as values, as an ODS is
    assert book.sheetnames == ['Lincoln Elementary', 'Washington Middle School']
    assert book['Lincoln Elementary']['A4'].value == 'LAB101-PC01' and book['Lincoln Elementary']['C3'].value == 'Serial Number'


def test_write_back_never_replaces_the_sheet(tmp_path):
    source = str(tmp_path / 'a.csv')
    with open(source, 'w') as handle:
        handle.write('Hostname,Asset Tag\npc1,1\n')
    with pytest.raises(Exception, match='must not replace'):
        rf.write_back(source, None, {2: {'Last seen': 'x'}}, source)


def test_write_back_updates_name_the_sheet_rows():
    updates = rc.write_back_updates(book_of(), devices_of(ROWS[:2]), {'lab-pc01': '100.0%'})
    assert updates == {'lab-assets.csv': {
        2: {'Last seen': '2025-01-31T14:02:11Z', 'OS version': '12.7', 'Compliance': '100.0%'},
        3: {'Last seen': '2025-01-31T14:02:11Z', 'OS version': '12.7', 'Compliance': ''}}}
    assert rc.split_source('district-assets.xlsx:Lincoln Elementary:row 4') == ('district-assets.xlsx:Lincoln Elementary', 4)


def test_the_action_on_the_sample_district(run_ansible, tmp_path):
    """The module end to end: a planted serial, an unlisted device, one that did not answer; nothing else."""
    sheet = os.path.join(SAMPLE, 'sheets', 'district-assets.xlsx')
    before = digest(sheet)
    good = {'serial': '0HFSKHR', 'model': 'OptiPlex 7010', 'macs': ['f8:b1:56:01:87:69'], 'os': 'windows',
            'os_version': '23H2', 'collected_at': '2025-01-31T14:02:11Z'}
    devices = {
        'lab101-pc01': {'reached': True, 'hw': good, 'sw': [{'name': '7-Zip', 'version': '24.08'}]},
        'lab101-pc02': {'reached': True, 'hw': dict(good, serial='CHANGED1', macs=['f8:b1:56:01:87:6a'], os_version='22H2')},
        'lab101-pc03': {'reached': False, 'hw': None, 'error': 'did not answer: timed out'},
        'ghost-pc': {'reached': True, 'hw': dict(good, serial='GHOST', macs=['02:00:00:00:00:99'])},
    }
    args = json.dumps({'sheet_config': SAMPLE, 'devices': devices, 'report_dir': str(tmp_path), 'write_back': True})
    result = run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible'), 'localhost', '-i', 'localhost,', '-o',
                         '-m', 'district.standard.asset_reconcile', '-a', args, check=True)
    out = json.loads(result.stdout.split('=>', 1)[1])
    assert [(d['kind'], d['hostname']) for d in out['differences']] == [
        ('unlisted', 'ghost-pc'), ('serial', 'lab101-pc02'), ('not_seen', 'lab101-pc03')]
    assert out['differences'][2]['note'] == 'did not answer: timed out'
    assert out['changed'] is False and out['counts']['reached'] == 3
    names = sorted(os.listdir(out['report_dir']))
    assert names == ['district-assets-updated.xlsx', 'hardware.csv', 'hardware.xlsx', 'reconcile.csv',
                     'reconcile.xlsx', 'software.csv', 'software.xlsx']
    header, rows = rf.read_xlsx(os.path.join(out['report_dir'], 'reconcile.xlsx'))
    assert header == list(rc.HEADERS) and len(rows) == 3
    assert digest(sheet) == before
    copy = openpyxl.load_workbook(os.path.join(out['report_dir'], 'district-assets-updated.xlsx'))['Lincoln Elementary']
    assert copy.cell(row=4, column=19).value == '2025-01-31T14:02:11Z'
