"""Rows to hosts, printers, left-out counts and every kind of row problem."""

import pytest

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import Settings, build_book, summarise
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError, Table

HEADER = ['Hostname', 'Asset Tag', 'MAC', 'IP', 'School', 'Room', 'Type', 'OS', 'Status', 'Printer URI', 'Funding']
GOOD = ['pc01', '1001', 'aa:bb:cc:00:00:01', '10.1.1.1', 'Lincoln', 'Lab 101', 'Desktop', 'Windows 11', 'Active', '', 'E-Rate']


def row(**changes):
    cells = dict(zip(HEADER, GOOD, strict=True))
    cells.update(changes)
    return [cells[h] for h in HEADER]


def book_of(*rows, settings=None, label='assets.xlsx:Lab PCs', title_rows=0, first_col=0):
    """The book of these rows under HEADER; Funding is kept in asset_extra unless settings say otherwise."""
    table = Table(label, [['Device Inventory'] + [''] * 10] * title_rows + [HEADER] + list(rows),
                  first_row=1, first_col=first_col)
    return build_book([table], settings or Settings(extra_columns=['Funding']))


def test_good_row_becomes_host_with_prefixed_vars():
    book = book_of(row())
    assert book['problems'] == []
    (host,) = book['hosts']
    assert host['name'] == 'pc01'
    assert host['vars'] == {
        'asset_tag': '1001', 'asset_serial': '', 'asset_mac': 'aa:bb:cc:00:00:01', 'asset_ip': '10.1.1.1',
        'asset_school': 'Lincoln', 'asset_room': 'Lab 101', 'asset_type': 'desktop', 'asset_os': 'windows',
        'asset_os_version': '', 'asset_model': '', 'asset_manufacturer': '', 'asset_status': 'active',
        'asset_assigned_to': '', 'asset_notes': '', 'asset_extra': {'funding': 'E-Rate'},
        'asset_source': 'assets.xlsx:Lab PCs:row 2', 'ansible_host': '10.1.1.1'}


def test_ansible_host_from_dns_suffix_when_no_fixed_ip():
    book = book_of(row(IP='DHCP'), settings=Settings(dns_suffix='.lincoln.example.org.'))
    assert book['hosts'][0]['vars']['ansible_host'] == 'pc01.lincoln.example.org'
    assert 'ansible_host' not in book_of(row(IP=''))['hosts'][0]['vars']


def test_row_numbers_count_title_rows_and_columns_are_lettered():
    book = book_of(row(MAC='GG:12:34:56:78:9A'), title_rows=2, first_col=1)
    assert book['problems'] == [
        "assets.xlsx:Lab PCs:row 4: column D (MAC): 'GG:12:34:56:78:9A' is not a MAC address"]
    assert book['hosts'] == [] and book['skipped'] == 1


@pytest.mark.parametrize('changes, column, reason', [
    ({'MAC': 'GG:12:34:56:78:9A'}, 'column C (MAC)', "'GG:12:34:56:78:9A' is not a MAC address"),
    ({'IP': '10.20.300.5'}, 'column D (IP)', "'10.20.300.5' is not an IP address"),
    ({'Hostname': 'pc#01'}, 'column A (Hostname)', "'pc#01' is not a valid hostname"),
    ({'Hostname': '', 'Asset Tag': ''}, 'column A (Hostname)', 'the template {{ school }}-{{ room }}-{{ asset_tag }} needs asset_tag'),
    ({'Type': ''}, 'column G (Type)', 'the device type is blank'),
    ({'OS': ''}, 'column H (OS)', 'the OS is blank; a desktop needs windows, macos or linux'),
    ({'School': ''}, 'column E (School)', 'the school is blank'),
    ({'Type': 'MFP', 'Printer URI': '10.1.1.9'}, 'column J (Printer URI)', "'10.1.1.9' is not a printer URI"),
    ({'Room': '#REF!'}, 'column F (Room)', 'the cell holds the spreadsheet error #REF!'),
])
def test_each_problem_kind_names_row_and_column_and_skips_the_row(changes, column, reason):
    book = book_of(row(Hostname='ok01', **{'Asset Tag': '2'}, MAC='', IP=''), row(**changes))
    assert [h['name'] for h in book['hosts']] == ['ok01']
    (problem,) = book['problems']
    assert problem.startswith('assets.xlsx:Lab PCs:row 3: %s: ' % column)
    assert reason in problem
    assert book['skipped'] == 1


def test_duplicate_hostname_keeps_the_first_row_in_one_line():
    book = book_of(row(), row(**{'Asset Tag': '1002'}, MAC='aa:bb:cc:00:00:02', IP='10.1.1.2'))
    assert [h['vars']['asset_tag'] for h in book['hosts']] == ['1001']
    assert book['problems'] == ["assets.xlsx:Lab PCs:row 2: column A (Hostname): hostname 'pc01' is on 2 rows: "
                                "row 2, row 3; the first is kept, the others are skipped"]
    assert book['skipped'] == 1


@pytest.mark.parametrize('column, value, title, hosts, outcome', [
    ('Asset Tag', '1001', 'asset tag', ['pc01', 'pc02', 'pc03'], 'all are kept'),
    ('MAC', 'AABBCC000001', 'MAC', ['pc01', 'pc02', 'pc03'], 'all are kept'),
    ('IP', '10.1.1.1', 'IP', ['pc03'], 'every one is skipped (Ansible would reach the wrong machine)')])
def test_duplicate_tag_mac_ip_by_their_default_policy(column, value, title, hosts, outcome):
    other = {'Hostname': 'pc02', 'Asset Tag': '1002', 'MAC': 'aa:bb:cc:00:00:02', 'IP': '10.1.1.2'}
    other[column] = value
    book = book_of(row(), row(**other), row(Hostname='pc03', **{'Asset Tag': '1003'}, MAC='', IP=''))
    assert [h['name'] for h in book['hosts']] == hosts
    (line,) = book['problems']
    assert line.startswith('assets.xlsx:Lab PCs:row 2: column %s' % 'ABCD'[HEADER.index(column)])
    assert " is on 2 rows: row 2, row 3; %s" % outcome in line and "%s '" % title in line


def test_a_value_on_many_rows_is_one_line_naming_ten_rows_and_a_count():
    rows = [row(Hostname='pc%03d' % n, **{'Asset Tag': 'T%d' % n}, MAC='', IP='', Serial='') for n in range(250)]
    for cells in rows:
        cells[HEADER.index('MAC')] = 'aa:bb:cc:00:00:01'
    book = book_of(*rows)
    assert book['problems'] == ["assets.xlsx:Lab PCs:row 2: column C (MAC): MAC 'aa:bb:cc:00:00:01' is on 250 rows: "
                                + ', '.join('row %d' % n for n in range(2, 12)) + ' and 240 more; all are kept']
    assert len(book['hosts']) == 250


def test_rows_of_other_sheets_are_named_with_their_sheet():
    first = Table('a.xlsx:Lincoln', [HEADER, row()])
    second = Table('a.xlsx:Washington', [HEADER, row(Hostname='pc09', MAC='', IP='', School='Washington')])
    book = build_book([first, second], Settings())
    assert book['problems'] == ["a.xlsx:Lincoln:row 2: column B (Asset Tag): asset tag '1001' is on 2 rows: row 2, "
                                "a.xlsx:Washington:row 2; all are kept"]


def test_printer_and_pc_sharing_a_mac_is_reported_and_both_stay():
    printer = row(Hostname='prn01', **{'Asset Tag': '9'}, IP='10.1.1.9', Type='Copier', OS='',
                  **{'Printer URI': 'ipp://10.1.1.9/ipp/print'})
    book = book_of(row(), printer)
    assert [h['name'] for h in book['hosts']] == ['pc01'] and [p['printer']['name'] for p in book['printers']] == ['prn01']
    assert book['problems'] == ["assets.xlsx:Lab PCs:row 2: column C (MAC): MAC 'aa:bb:cc:00:00:01' is on 2 rows: "
                                "row 2, row 3; all are kept"]


def test_a_screen_or_projector_sharing_a_pcs_name_is_no_duplicate():
    screen = row(**{'Asset Tag': '2001'}, MAC='', IP='', Type='Monitor', OS='')
    projector = row(**{'Asset Tag': '2002'}, MAC='', IP='', Type='Projector', OS='')
    book = book_of(row(), screen, projector)
    assert book['problems'] == [] and [h['name'] for h in book['hosts']] == ['pc01']
    assert book['left_out'] == {'other': 1, 'projector': 1}


def test_printer_names_are_unique_among_printers():
    printer = row(Hostname='prn01', **{'Asset Tag': '9'}, MAC='', IP='', Type='Printer', OS='')
    again = row(Hostname='prn01', **{'Asset Tag': '10'}, MAC='', IP='', Type='Printer', OS='')
    book = book_of(printer, again)
    assert [p['printer']['asset_tag'] for p in book['printers']] == ['9']
    assert book['problems'] == ["assets.xlsx:Lab PCs:row 2: column A (Hostname): printer name 'prn01' is on 2 rows: "
                                "row 2, row 3; the first is kept, the others are skipped"]


def test_printers_are_data_and_others_are_counted():
    printer = row(Hostname='prn01', **{'Asset Tag': '9'}, MAC='', IP='10.1.1.9', Type='MFP', OS='',
                  **{'Printer URI': 'IPP://10.1.1.9/ipp/print'})
    chromebook = row(Hostname='cb01', **{'Asset Tag': '10'}, MAC='', IP='', Type='Chromebook', OS='Chrome OS')
    projector = row(Hostname='proj01', **{'Asset Tag': '11'}, MAC='', IP='', Type='Projector', OS='')
    retired = row(Hostname='old01', **{'Asset Tag': '12'}, MAC='zz', IP='', Status='Retired')
    lost = row(Hostname='lost01', **{'Asset Tag': '13'}, MAC='', IP='', Status='LOST')
    book = book_of(row(), [''] * len(HEADER), printer, chromebook, projector, retired, lost)
    assert book['problems'] == []
    assert book['printers'] == [{'school': 'Lincoln', 'room': 'Lab 101', 'printer': {
        'name': 'prn01', 'uri': 'ipp://10.1.1.9/ipp/print', 'ip': '10.1.1.9', 'mac': '', 'model': '',
        'location': 'Lab 101', 'asset_tag': '9'}}]
    assert book['left_out'] == {'laptop (chromeos)': 1, 'projector': 1}
    assert book['not_managed'] == {'retired': 1, 'lost': 1}
    summary = summarise(book)
    assert (summary['rows'], summary['hosts'], summary['printers']) == (6, 1, 1)
    assert summary['hosts_per_school'] == {'Lincoln': 1}


def test_blank_hostname_comes_from_the_template():
    book = book_of(row(Hostname=''), settings=Settings(hostname_template='{{ school }}-{{ asset_tag }}'))
    assert book['hosts'][0]['name'] == 'lincoln-1001'


def test_school_option_fills_blank_schools_and_statuses_are_configurable():
    settings = Settings(school='Lincoln ES', managed_statuses=['In Use'])
    book = book_of(row(School='', Status='in use'), row(Hostname='pc02', **{'Asset Tag': '2'}, MAC='', IP=''),
                   settings=settings)
    assert [h['vars']['asset_school'] for h in book['hosts']] == ['Lincoln ES']
    assert book['not_managed'] == {'active': 1}


def test_unknown_template_field_is_a_settings_error():
    with pytest.raises(SheetError, match='unknown field'):
        Settings(hostname_template='{{ school }}-{{ colour }}')


def test_sheet_without_header():
    table = Table('a.xlsx:Notes', [['just', 'notes']], optional=True)
    book = build_book([table, Table('a.xlsx:PCs', [HEADER, row()])], Settings())
    assert book['problems'][0].startswith('a.xlsx:Notes: no header row found in the first 10 rows')
    assert len(book['hosts']) == 1
    with pytest.raises(SheetError, match='no header row found'):
        build_book([Table('a.csv', [['just', 'notes']])], Settings())


def test_hosts_merge_across_sheets_and_duplicates_are_district_wide():
    first = Table('a.xlsx:Lincoln', [HEADER, row()])
    second = Table('a.xlsx:Washington', [HEADER, row(**{'Asset Tag': '2'}, MAC='', IP='', School='Washington')])
    book = build_book([first, second], Settings())
    assert [h['vars']['asset_school'] for h in book['hosts']] == ['Lincoln']
    assert 'is on 2 rows: row 2, a.xlsx:Washington:row 2; the first is kept' in book['problems'][0]
