"""Every normaliser of a single cell."""

import pytest

from ansible_collections.district.standard.plugins.plugin_utils import sheet_values as v
from ansible_collections.district.standard.plugins.plugin_utils.sheet_columns import (
    find_header, header_key, header_lookup, map_columns, ColumnError)


@pytest.mark.parametrize('text', ['aa:bb:cc:dd:ee:ff', 'AA-BB-CC-DD-EE-FF', 'aabb.ccdd.eeff', 'AABBCCDDEEFF',
                                  ' Aa:Bb:cC:dd:EE:ff '])
def test_mac_forms_become_lower_colon(text):
    assert v.normalise_mac(text) == 'aa:bb:cc:dd:ee:ff'


@pytest.mark.parametrize('text', ['GG:12:34:56:78:9A', 'aa:bb:cc:dd:ee', 'aa:bb-cc:dd:ee:ff', 'aabbccddeeff00',
                                  'aa bb cc dd ee ff', 'aa:bb:cc:dd:ee:ff / 11:22:33:44:55:66'])
def test_bad_macs_are_problems(text):
    with pytest.raises(v.ValueProblem, match='is not a MAC address'):
        v.normalise_mac(text)


def test_blank_mac_is_blank():
    assert v.normalise_mac('  ') == ''


@pytest.mark.parametrize('text, expected', [('10.1.2.3', '10.1.2.3'), (' 10.1.2.3 ', '10.1.2.3'),
                                            ('2001:DB8::1', '2001:db8::1'), ('DHCP', ''), ('dynamic', ''),
                                            ('Auto', ''), ('', '')])
def test_ip(text, expected):
    assert v.normalise_ip(text) == expected


@pytest.mark.parametrize('text', ['10.20.300.5', '10.1.2', 'static', '10.1.2.3/24'])
def test_bad_ip_is_problem(text):
    with pytest.raises(v.ValueProblem, match='is not an IP address'):
        v.normalise_ip(text)


@pytest.mark.parametrize('text, expected', [
    ('Windows 11 Education', 'windows'), ('Win 10', 'windows'), ('W11', 'windows'), ('win10 pro', 'windows'),
    ('Windows Server 2022', 'windows'), ('macOS Sonoma', 'macos'), ('Mac OS X', 'macos'), ('OS X', 'macos'),
    ('macOS 14.5', 'macos'), ('Ubuntu 22.04', 'linux'), ('Debian 12', 'linux'), ('Linux Mint', 'linux'),
    ('Chrome OS', 'chromeos'), ('Chromebook', 'chromeos'), ('ChromeOS Flex', 'chromeos'), ('iPadOS 17', 'ios'),
    ('iOS', 'ios'), ('Solaris', 'other'), ('Darwin', 'other'), ('', '')])
def test_os(text, expected):
    assert v.normalise_os(text) == expected


@pytest.mark.parametrize('text, expected', [
    ('PC', 'desktop'), ('Workstation', 'desktop'), ('All-in-One', 'desktop'), ('iMac', 'desktop'),
    ('Mac mini', 'desktop'), ('Desktop', 'desktop'), ('Notebook', 'laptop'), ('MacBook Air', 'laptop'),
    ('Laptop', 'laptop'), ('Chromebook', 'laptop'), ('Server', 'server'), ('Print Server', 'server'),
    ('MFP', 'printer'), ('Copier', 'printer'), ('Laser Printer', 'printer'), ('Projector', 'projector'),
    ('iPad', 'tablet'), ('Tablet', 'tablet'), ('AP', 'network'), ('Switch', 'network'),
    ('Access Point', 'network'), ('Document camera', 'other'), ('', ''), ('Library PCs', 'desktop'),
    ('OptiPlex 7010', 'desktop'), ('Latitude 5440', 'laptop'), ('Surface Laptop 5', 'laptop'),
    ('PowerEdge R650', 'server'), ('LaserJet Pro M404dn', 'printer')])
def test_type(text, expected):
    assert v.normalise_type(text) == expected


@pytest.mark.parametrize('text, expected', [('Active', 'active'), ('  In  Use ', 'in use'), ('In-Service', 'in service'),
                                            ('ready_to_deploy', 'ready to deploy'), ('', 'active')])
def test_status(text, expected):
    assert v.normalise_status(text) == expected


@pytest.mark.parametrize('text, expected', [('PC01', 'pc01'), ('Lab101 PC05', 'lab101-pc05'), ('lab_pc_7', 'lab-pc-7'),
                                            ('', '')])
def test_hostname(text, expected):
    assert v.normalise_hostname(text) == expected


@pytest.mark.parametrize('text', ['pc01.school.local', '-pc', 'pc-', 'pc#1', 'a' * 64, 'pc/01'])
def test_bad_hostname_is_problem(text):
    with pytest.raises(v.ValueProblem, match='is not a valid hostname'):
        v.normalise_hostname(text)


def test_template_is_plain_text_and_slugged():
    fields = {'school': 'Lincoln Elementary', 'room': 'Lab 101', 'asset_tag': '{{ 7*7 }}'}
    assert v.render_hostname('{{ school }}-{{ room }}-{{ asset_tag }}', fields) == 'lincoln-elementary-lab-101-7-7'
    assert v.template_fields('{{school}}/{{ asset_tag }}') == ['school', 'asset_tag']


def test_slug():
    assert v.slug('Washington Middle School') == 'washington_middle_school'
    assert v.slug(' Room #12 (Annex) ') == 'room_12_annex'


@pytest.mark.parametrize('text, expected', [('ipp://10.1.2.3/ipp/print', 'ipp://10.1.2.3/ipp/print'),
                                            ('SOCKET://10.1.2.3:9100', 'socket://10.1.2.3:9100'),
                                            ('lpd://host/queue', 'lpd://host/queue'), ('', '')])
def test_printer_uri(text, expected):
    assert v.normalise_printer_uri(text) == expected


@pytest.mark.parametrize('text, shown', [
    ('10.1.2.3', "'10.1.2.3'"), ('ftp://x/y', "'ftp://x/y'"), ('ipp://', "'ipp://'"),
    ('ipp://10.1.2.3/ipp/my printer', "'ipp://10.1.2.3/ipp/my printer'"),
    ('smb://tech:pa/ss word@srv/q', "'smb://tech:********@srv/q'"), ('gopher://srv/q', "'gopher://srv/q'")])
def test_bad_printer_uri_is_a_problem_by_the_cups_printer_rule_and_hides_its_password(text, shown):
    with pytest.raises(v.ValueProblem) as problem:
        v.normalise_printer_uri(text)
    assert str(problem.value).startswith(shown + ' is not a printer URI: it must be SCHEME://... with no spaces')
    assert 'pa/ss' not in str(problem.value)


def test_host_parts_and_connection_addresses():
    import ipaddress
    network = ipaddress.ip_network('10.0.72.0/24')
    assert (v.is_host_part('120'), v.is_host_part('72.120'), v.is_host_part('10.0.72.120')) == (True, True, False)
    assert v.join_host_part(network, '120') == '10.0.72.120'
    for bad in ('0', '255', '300'):
        with pytest.raises(v.ValueProblem):
            v.join_host_part(network, bad)
    assert v.connection_problem('10.0.72.120') is None
    assert 'loopback' in v.connection_problem('127.0.0.1')


def test_slugs_and_header_keys_ignore_accents():
    assert v.slug('Collège Jean-Moulin') == 'college_jean_moulin'
    assert header_key('Numéro de série') == 'numerodeserie' and header_key("Système d'exploitation - Nom") == \
        'systemedexploitationnom'


@pytest.mark.parametrize('header, key', [('Room #', 'room'), ('Serial No.', 'serial'), ('Serial No', 'serial'),
                                         ('S/N', 'sn'), ('Tag #', 'tag'), ('  MAC-Address ', 'macaddress'),
                                         ('Room Number', 'room')])
def test_header_key(header, key):
    assert header_key(header) == key


def test_header_vocabulary_and_overrides():
    lookup = header_lookup({'asset_tag': 'District Barcode', 'room': ['Aula', 'Salle']})
    fields, extras = map_columns(['Device Name', 'District Barcode', 'Salle', 'Ethernet MAC', 'Wi-Fi MAC',
                                  'Purchase Date', ''], lookup)
    assert fields == {'hostname': 0, 'asset_tag': 1, 'room': 2, 'mac': 3}
    assert extras == {4: 'wi_fi_mac', 5: 'purchase_date'}
    with pytest.raises(ColumnError, match="unknown field 'colour'"):
        header_lookup({'colour': 'Colour'})
    # a field named in columns is found only by its headers there; the built-in 'Room' is then no room
    assert map_columns(['Room', 'Salle'], header_lookup({'room': 'Salle'}), extra=frozenset())[0] == {'room': 1}


def test_header_row_is_found_below_a_title():
    rows = [['Lincoln — Device Inventory', ''], ['', ''], ['Computer Name', 'Notes only'], ['Hostname', 'Tag #']]
    assert find_header(rows, header_lookup()) == 3
    assert find_header([['Name', 'Name']] + [['x']] * 12, header_lookup()) is None
