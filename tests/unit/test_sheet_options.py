"""Every option of the contract's "Options": what it changes in the book, and the error a wrong one gives."""

import pytest

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import Settings, build_book
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError, Table

HEADER = ['Hostname', 'Asset Tag', 'MAC', 'IP', 'School', 'Room', 'Type', 'OS', 'Status', 'Funding']


def book(rows, header=None, label='a.csv', **options):
    return build_book([Table(label, [HEADER if header is None else header] + [list(r) for r in rows])], Settings(**options))


def pc(name='pc01', tag='1', mac='', ip='', school='Lincoln', room='Lab 1', kind='PC', os_name='W11', status='Active',
       funding='Title I'):
    return [name, tag, mac, ip, school, room, kind, os_name, status, funding]


def names(result):
    return [host['name'] for host in result['hosts']]


def test_columns_win_over_the_built_in_synonyms_of_earlier_columns():
    header = ['Company', 'Name', 'Asset Tag', 'Category', 'Model', 'OS']
    result = book([['Lincoln', 'Lab PC one', 'LIN-0001', 'Computers', 'Desktop', 'W11']], header,
                  columns_map={'hostname': 'Asset Tag', 'type': 'Model', 'school': 'Company'})
    (host,) = result['hosts']
    assert host['name'] == 'lin-0001'
    assert (host['vars']['asset_type'], host['vars']['asset_tag'], host['vars']['asset_model']) == ('desktop', '', '')


def test_a_header_named_in_columns_is_never_another_field():
    header = ['Hostname', 'Serial', 'Barcode', 'School', 'Type', 'OS']
    result = book([['pc01', 'ABC123', '99', 'Lincoln', 'PC', 'W11']], header, columns_map={'asset_tag': 'Serial'})
    assert (result['hosts'][0]['vars']['asset_tag'], result['hosts'][0]['vars']['asset_serial']) == ('ABC123', '')


def test_unknown_columns_are_kept_only_when_extra_columns_names_them():
    assert book([pc()])['hosts'][0]['vars']['asset_extra'] == {}
    assert book([pc()], extra_columns=['FUNDING'])['hosts'][0]['vars']['asset_extra'] == {'funding': 'Title I'}
    assert book([pc()], extra_columns='*')['hosts'][0]['vars']['asset_extra'] == {'funding': 'Title I'}


def test_ignored_columns_are_never_read_nor_kept():
    result = book([pc(mac='zz')], extra_columns='*', ignore_columns=['MAC', 'Funding'])
    assert result['problems'] == []
    assert (result['hosts'][0]['vars']['asset_mac'], result['hosts'][0]['vars']['asset_extra']) == ('', {})


def test_defaults_fill_blank_cells_and_whole_missing_columns():
    header = ['Hostname', 'Asset Tag', 'Room', 'Type']
    result = book([['pc01', '1', '', 'PC'], ['pc02', '2', 'Lab 2', 'PC']], header,
                  defaults={'os': 'windows', 'school': 'Collège Jean Moulin', 'room': 'Library'})
    assert [(h['vars']['asset_os'], h['vars']['asset_school'], h['vars']['asset_room']) for h in result['hosts']] == [
        ('windows', 'Collège Jean Moulin', 'Library'), ('windows', 'Collège Jean Moulin', 'Lab 2')]


def test_value_maps_match_words_like_headers_and_win_over_the_built_in_words():
    rows = [pc('pc01', kind='PORTABLE', os_name='Win Edu', status='EN SERVICE'),
            pc('pc02', '2', kind='Portable', status='Réformé'), pc('pc03', '3', kind='ECRAN')]
    result = book(rows, value_maps={'type': {'PORTABLE': 'laptop', 'ECRAN': 'other'}, 'os': {'Win Edu': 'windows'},
                                    'status': {'EN SERVICE': 'active', 'REFORME': 'retired'}})
    assert [(h['name'], h['vars']['asset_type'], h['vars']['asset_os']) for h in result['hosts']] == [
        ('pc01', 'laptop', 'windows')]
    assert (result['not_managed'], result['left_out']) == ({'retired': 1}, {'other': 1})


@pytest.mark.parametrize('maps, message', [
    ({'type': {'PORTABLE': 'notebook'}}, "value_maps.type: 'PORTABLE' maps to 'notebook'; expected one of desktop"),
    ({'room': {'A': 'B'}}, "value_maps: 'room' cannot be mapped; value_maps takes type, os, status")])
def test_value_maps_refuse_what_they_cannot_map(maps, message):
    with pytest.raises(SheetError, match=message):
        Settings(value_maps=maps)


def test_exclude_and_include_are_counted_by_the_filter_that_left_rows_out():
    rows = [pc('pc01', room='STOCK'), pc('pc02', '2', room='Stock'), pc('pc03', '3', room='STOCKROOM'),
            pc('pc04', '4', room='PRETS'), pc('prn01', '5', kind='MFP', os_name=''), pc('cb01', '6', kind='Projector')]
    result = book(rows, exclude=[{'room': 'STOCK|PRETS'}], include=[{'type': 'desktop|printer'}])
    assert names(result) == ['pc03'] and [p['printer']['name'] for p in result['printers']] == ['prn01']
    assert result['excluded'] == {'exclude[0]': 3, 'include': 1}


def test_a_filter_on_a_column_that_is_no_field():
    header = HEADER + ['Ownership']
    rows = [pc('pc01') + ['Corporate'], pc('pc02', '2') + ['Personal']]
    assert names(book(rows, header, exclude=[{'Ownership': 'personal'}])) == ['pc01']
    missing = book([pc()], exclude=[{'Ownership': 'Personal'}])
    assert missing['problems'] == ["a.csv: no column Ownership for the include/exclude/derive key of that name; it "
                                   "matches nothing there"]


def test_placeholders_mean_blank_and_are_never_duplicates():
    rows = [pc('pc01', 'N/A'), pc('pc02', 'n/a'), pc('pc03', 'nnnnnnnnnnnn'), pc('pc04', 'nnnnnnnnnnnn'),
            pc('pc05', '000000'), pc('pc06', 'TBD ')]
    result = book(rows)
    assert result['problems'] == [] and [h['vars']['asset_tag'] for h in result['hosts']] == [''] * 6
    custom = book([pc('pc01', 'N/A'), pc('pc02', 'inconnu')], placeholders=['inconnu'])
    assert [h['vars']['asset_tag'] for h in custom['hosts']] == ['N/A', '']


@pytest.mark.parametrize('policy, kept, outcome', [
    ('keep_first', ['pc01', 'pc03'], 'the first is kept, the others are skipped'),
    ('skip', ['pc03'], 'every one is skipped'),
    ('warn', ['pc01', 'pc02', 'pc03'], 'all are kept'),
    ('ignore', ['pc01', 'pc02', 'pc03'], None)])
def test_duplicates_policy_per_field(policy, kept, outcome):
    rows = [pc('pc01', '1', mac='aa:bb:cc:00:00:01'), pc('pc02', '2', mac='AABBCC000001'), pc('pc03', '3')]
    result = book(rows, duplicates={'mac': policy})
    assert names(result) == kept
    assert result['problems'] == ([] if outcome is None else [
        "a.csv:row 2: column C (MAC): MAC 'aa:bb:cc:00:00:01' is on 2 rows: row 2, row 3; " + outcome])


@pytest.mark.parametrize('duplicates, message', [
    ({'room': 'warn'}, "duplicates: 'room' is not checked"), ({'mac': 'drop'}, "duplicates.mac: 'drop' is not a policy")])
def test_duplicates_option_errors(duplicates, message):
    with pytest.raises(SheetError, match=message):
        Settings(duplicates=duplicates)


def test_derive_takes_a_field_from_another_cell_and_maps_it():
    header = ['Hostname', 'Asset Tag', 'School', 'Type']
    rows = [['IABD-07', '1', 'Lycée', 'PC'], ['W10-A19-01', '2', 'Lycée', 'PC'], ['lab-pc', '3', 'Lycée', 'PC']]
    result = book(rows, header, defaults={'os': 'linux'}, derive={
        'room': {'from': 'hostname', 'match': r'^(?:W\d+-)?(?P<value>[A-Z]+\d*)-\d+$'},
        'os': {'from': 'Hostname', 'match': '^(?P<value>W7|W10|W11)-', 'map': {'W10': 'windows'}}})
    assert [(h['name'], h['vars']['asset_room'], h['vars']['asset_os']) for h in result['hosts']] == [
        ('iabd-07', 'IABD', 'linux'), ('w10-a19-01', 'A19', 'windows'), ('lab-pc', '', 'linux')]


@pytest.mark.parametrize('spec, message', [
    ({'from': 'hostname', 'match': '^(A'}, 'derive.room.match: .* is not a regular expression'),
    ({'from': 'hostname', 'match': '^A'}, r'needs a named group \(\?P<value>...\)'),
    ({'match': '^(?P<value>A)'}, 'derive.room: expected {from: field or column')])
def test_derive_errors(spec, message):
    with pytest.raises(SheetError, match=message):
        Settings(derive={'room': spec})


def test_subnets_complete_host_parts_per_room():
    rows = [pc('pc01', ip='120', room='IABD'), pc('pc02', '2', ip='5.7', room='Big'), pc('pc03', '3', ip='256', room='IABD'),
            pc('pc04', '4', ip='120', room='Lab 9'), pc('pc05', '5', ip='10.9.9.9', room='IABD')]
    result = book(rows, subnets={'iabd': '10.0.72.0/24', 'BIG': '10.4.0.0/16'})
    assert [(h['name'], h['vars']['ansible_host']) for h in result['hosts']] == [
        ('pc01', '10.0.72.120'), ('pc02', '10.4.5.7'), ('pc05', '10.9.9.9')]
    assert result['problems'] == [
        "a.csv:row 4: column D (IP): '256' is not the host part of an address",
        "a.csv:row 5: column D (IP): '120' is not an IP address; if it is the host part of an address in room 'Lab 9', "
        "give the room's network in subnets (such as Lab 9: 10.0.72.0/24)"]
    with pytest.raises(SheetError, match='subnets.IABD: .*10.0.72/24.* is not a network'):
        Settings(subnets={'IABD': '10.0.72/24'})


@pytest.mark.parametrize('ip, reason', [
    ('127.0.60.10', 'is a loopback address'), ('::1', 'is a loopback address'), ('0.0.0.0', "is the 'any' address"),
    ('::', "is the 'any' address"), ('169.254.10.1', 'is a link-local address'), ('fe80::1', 'is a link-local address')])
def test_addresses_ansible_cannot_connect_to_are_problems_unless_lab(ip, reason):
    result = book([pc(ip=ip)])
    (line,) = result['problems']
    assert line.startswith("a.csv:row 2: column D (IP): '%s' %s" % (ip, reason))
    assert line.endswith('(only a config with lab: true may use it)')
    printer = book([pc('prn01', ip=ip, kind='Printer', os_name='')])
    assert printer['printers'] == [] and reason in printer['problems'][0]
    assert names(book([pc(ip=ip)], lab=True)) == ['pc01']


@pytest.mark.parametrize('name', ['localhost', 'all', 'ungrouped', 'linux', 'windows', 'macos', 'desktops',
                                  'laptops', 'servers', 'canary'])
def test_rows_named_like_localhost_or_a_group_are_problems_never_hosts(name):
    result = book([pc(name), pc('pc02', '2')], groups={'canary': "asset_room == 'Lab 1'"})
    assert names(result) == ['pc02']
    (line,) = result['problems']
    assert line.startswith("a.csv:row 2: column A (Hostname): '%s' is " % name)
    assert ("Ansible's name for the controller" if name == 'localhost' else 'the name of a group') in line


def test_a_hostname_can_never_be_a_school_or_room_group():
    """Groups of schools and rooms hold '_'; a hostname never does (it becomes '-')."""
    result = book([pc('school_lincoln'), pc('room_lincoln_lab_1', '2')])
    assert names(result) == ['school-lincoln', 'room-lincoln-lab-1'] and result['problems'] == []


def test_a_printer_may_carry_a_group_name():
    assert book([pc('all', kind='Printer', os_name='')])['printers'][0]['printer']['name'] == 'all'


def test_a_source_with_rows_but_no_host_says_why():
    rows = [pc('cb01', kind='Chromebook', os_name='ChromeOS'), pc('pc02', '2', status='Retired'),
            pc('pc03', '3', room='STOCK'), pc('pc04', '4', mac='bad')]
    result = book(rows, exclude=[{'room': 'stock'}])
    assert result['no_hosts'] == ['a.csv: 0 hosts from 4 rows: 1 excluded by exclude[0], 1 left out by type laptop '
                                  '(chromeos), 1 not managed (retired), 1 skipped with problems']
    assert book([pc()])['no_hosts'] == []


def test_presets_add_vocabulary_and_the_config_wins():
    header = ['Company', 'Asset Name', 'Asset Tag', 'Category', 'Status', 'Operating System', 'Checked Out To: Username']
    rows = [['Lincoln', 'lin-01', 'T1', 'Laptops', 'Ready to Deploy', 'W11', 'jteacher'],
            ['Lincoln', 'lin-02', 'T2', 'Laptops', 'Lost/Stolen', 'W11', '']]
    result = book(rows, header, preset='snipeit')
    assert [(h['name'], h['vars']['asset_school'], h['vars']['asset_status'], h['vars']['asset_assigned_to'])
            for h in result['hosts']] == [('lin-01', 'Lincoln', 'ready to deploy', 'jteacher')]
    assert result['not_managed'] == {'lost': 1}
    own = book(rows, header, preset='snipeit', columns_map={'hostname': 'Asset Tag'},
               value_maps={'status': {'Lost/Stolen': 'active'}})
    assert names(own) == ['t1', 't2']
    with pytest.raises(SheetError, match="preset: unknown preset 'lansweeper'; presets are: glpi, google_admin"):
        Settings(preset='lansweeper')


@pytest.mark.parametrize('options, message', [
    ({'defaults': {'colour': 'red'}}, "defaults: unknown field 'colour'"),
    ({'exclude': {'room': 'STOCK'}}, 'exclude: expected a list of mappings'),
    ({'include': [{'room': '(unclosed'}]}, r"include\[0\].room: '\(unclosed' is not a regular expression"),
    ({'columns_map': {'colour': 'Colour'}}, "columns: unknown field 'colour'")])
def test_option_errors_name_the_option(options, message):
    with pytest.raises(SheetError, match=message):
        Settings(**options)
