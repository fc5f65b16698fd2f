"""Sheets shaped like real school exports (tests/fixtures/real-shapes/): each loads to exactly these hosts,
groups, counts and problem lines, through ansible-inventory and through `make check-sheet`'s reading.

Traits (see docs/asset-sheet.md): a sheet made from DHCP reservations (a laptop's two rows with one number,
nnnnnnnnnnnn tags, a copy-paste MAC, two rows on one IP, rooms and the OS in the hostname, host-part IPs);
a French collège export (own headers and words, no OS or School column, STOCK/PRETS/D3E rooms, screens named
after their PC, tags like 11E20427, an Excel-shortened number); a GLPI export (';', French headers, trees of
places); the samples of every preset (snipeit, jamf, glpi in English, google_admin, intune).
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import load_book, summarise

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHAPES = os.path.join(ROOT, 'tests', 'fixtures', 'real-shapes')
DHCP = 'dhcp-reservations.csv:'
LHV = 'room_lycee_victor_hugo_'
CJM = 'room_college_jean_moulin_'

EXPECTED = {
    'dhcp': {
        'groups': {
            'windows': ['iabd-01', 'iabd-02', 'iabd-03', 'iabd-04', 'smrd-03', 'r060pc01', 'r061lt01', 'r060pc02',
                        'r061lt02', 'r060pc03', 'r060pc04', 'w7-a18-03', 'w10-a19-01', 'w11-a19-02'],
            'desktops': ['iabd-01', 'iabd-02', 'iabd-03', 'iabd-04', 'smrd-03', 'w7-a18-03', 'w10-a19-01',
                         'w11-a19-02'],
            'laptops': ['r060pc01', 'r061lt01', 'r060pc02', 'r061lt02', 'r060pc03', 'r060pc04'],
            LHV + 'iabd': ['iabd-01', 'iabd-02', 'iabd-03', 'iabd-04'], LHV + 'smrd': ['smrd-03'],
            LHV + 'r060': ['r060pc01', 'r060pc02', 'r060pc03', 'r060pc04'], LHV + 'r061': ['r061lt01', 'r061lt02'],
            LHV + 'a18': ['w7-a18-03'], LHV + 'a19': ['w10-a19-01', 'w11-a19-02'],
        },
        'counts': {'rows': 23, 'hosts': 14, 'printers': 3, 'left_out_by_type': {'network': 1},
                   'not_managed_by_status': {'inactive': 2}, 'excluded_by_filter': {}, 'skipped_rows': 3},
        'problems': [
            DHCP + "row 8: column C (IP Address): IP '10.0.32.201' is on 2 rows: row 8, row 9; every one is "
                   "skipped (Ansible would reach the wrong machine)",
            DHCP + "row 12: column D (Inventory Number): asset tag 'INV-2022-0601' is on 2 rows: row 12, row 13; "
                   "all are kept",
            DHCP + "row 14: column D (Inventory Number): asset tag 'INV-2022-0602' is on 2 rows: row 14, row 15; "
                   "all are kept",
            DHCP + "row 16: column B (MAC Address): MAC '00:1a:2b:06:00:03' is on 2 rows: row 16, row 17; all are "
                   "kept",
            DHCP + "row 22: column C (IP Address): '55' is not an IP address; if it is the host part of an address "
                   "in room 'A19', give the room's network in subnets (such as A19: 10.0.72.0/24)",
        ],
        'hostvars': {'iabd-01': {'ansible_host': '10.0.72.101', 'asset_tag': 'INV-2019-0101', 'asset_room': 'IABD'},
                     'iabd-02': {'ansible_host': '10.0.72.102', 'asset_tag': ''},
                     'w10-a19-01': {'asset_room': 'A19', 'asset_os': 'windows'}},
        'room_printers': {LHV + 'iabd': ['iabd-prn1'], LHV + 'smrd': ['smrd-prn1'], LHV + 'r060': ['r060prn01']},
        'printer_ips': {'iabd-prn1': '10.0.72.250', 'smrd-prn1': '10.0.32.250', 'r060prn01': ''},
    },
    'college': {
        'groups': {
            'windows': ['pc-a101-01', 'pc-a101-02', 'pc-a101-03', 'port-cdi-01', 'port-cdi-02', 'pc-b201-02',
                        'pc-b201-03', 'pc-adm-01'],
            'desktops': ['pc-a101-01', 'pc-a101-02', 'pc-a101-03', 'pc-b201-02', 'pc-b201-03', 'pc-adm-01'],
            'laptops': ['port-cdi-01', 'port-cdi-02'],
            CJM + 'a101': ['pc-a101-01', 'pc-a101-02', 'pc-a101-03'], CJM + 'cdi': ['port-cdi-01', 'port-cdi-02'],
            CJM + 'b201': ['pc-b201-02', 'pc-b201-03'], CJM + 'administration': ['pc-adm-01'],
        },
        'counts': {'rows': 21, 'hosts': 8, 'printers': 1, 'left_out_by_type': {'other': 4, 'projector': 2},
                   'not_managed_by_status': {}, 'excluded_by_filter': {'exclude[0]': 5}, 'skipped_rows': 1},
        'problems': ["college.csv:row 16: column B (dsit): '4.00002E+11': Excel shortened this number; its digits "
                     "are lost: format the column as Text and type it again"],
        # the PC keeps its own row's values, not its screen's; identifiers stay exactly as typed
        'hostvars': {'pc-a101-01': {'asset_tag': '07P012017', 'asset_model': 'ProDesk 400 G7',
                                    'asset_school': 'Collège Jean Moulin', 'asset_os': 'windows'},
                     'pc-a101-02': {'asset_tag': '11E20427'}, 'pc-a101-03': {'asset_tag': 'C2205E491'},
                     'port-cdi-01': {'asset_tag': '1E3'}, 'port-cdi-02': {'asset_tag': '12E5'},
                     'pc-b201-02': {'asset_tag': ''}},
        'room_printers': {CJM + 'a101': ['imp-a101']},
    },
    'glpi': {
        'groups': {
            'windows': ['cjm-a101-p01', 'cjm-a101-p02', 'cjm-a101-p03', 'cjm-cdi-port01', 'cjm-cdi-port02'],
            'macos': ['cjm-vie-mac01'], 'linux': ['cjm-srv01'], 'servers': ['cjm-srv01'],
            'desktops': ['cjm-a101-p01', 'cjm-a101-p02', 'cjm-a101-p03', 'cjm-vie-mac01'],
            'laptops': ['cjm-cdi-port01', 'cjm-cdi-port02'],
            CJM + 'salle_a101': ['cjm-a101-p01', 'cjm-a101-p02', 'cjm-a101-p03'],
            CJM + 'cdi': ['cjm-cdi-port01', 'cjm-cdi-port02'], CJM + 'local_technique': ['cjm-srv01'],
            CJM + 'vie_scolaire': ['cjm-vie-mac01'],
        },
        'counts': {'rows': 10, 'hosts': 7, 'printers': 0, 'left_out_by_type': {},
                   'not_managed_by_status': {'in stock': 1, 'retired': 1}, 'excluded_by_filter': {}, 'skipped_rows': 1},
        'problems': [
            "glpi-ordinateurs.csv:row 5: column E (Numéro de série): serial '5CD2451ABC' is on 2 rows: row 5, row 6; "
            "all are kept",
            "glpi-ordinateurs.csv:row 10: column H (Système d'exploitation - Nom): the OS is blank; a desktop needs "
            "windows, macos or linux (or set defaults: {os: ...})",
        ],
        'hostvars': {'cjm-a101-p03': {'asset_type': 'desktop', 'asset_status': 'active', 'asset_room': 'Salle A101',
                                      'asset_school': 'Collège Jean Moulin'}},
    },
    'snipeit': {
        'groups': {
            'windows': ['lin-lab1-01', 'lin-lab1-02', 'lin-off-lt01'], 'macos': ['lin-off-mba01'],
            'desktops': ['lin-lab1-01', 'lin-lab1-02'], 'laptops': ['lin-off-lt01', 'lin-off-mba01'],
            'room_lincoln_elementary_lab_1': ['lin-lab1-01', 'lin-lab1-02'],
            'room_lincoln_elementary_main_office': ['lin-off-lt01', 'lin-off-mba01'],
        },
        'counts': {'rows': 10, 'hosts': 4, 'printers': 1, 'left_out_by_type': {'other': 1, 'tablet': 1},
                   'not_managed_by_status': {'archived': 1, 'in repair': 1, 'lost': 1}, 'excluded_by_filter': {},
                   'skipped_rows': 0},
        'problems': [],
        'hostvars': {'lin-off-lt01': {'asset_tag': 'LIN-000201', 'asset_serial': 'PF4XK2L1', 'asset_status': 'deployed',
                                      'asset_assigned_to': 'Jane Teacher', 'asset_mac': '8c:16:45:20:01:01',
                                      'asset_notes': 'Docking station', 'asset_extra': {}}},
        'room_printers': {'room_lincoln_elementary_lab_1': ['lin-lab1-prn01']},
    },
    'jamf': {
        'groups': {
            'macos': ['wms-lab2-imac01', 'wms-lab2-imac02', 'wms-art-mba01', 'wms-lib-mini01'],
            'desktops': ['wms-lab2-imac01', 'wms-lab2-imac02', 'wms-lib-mini01'], 'laptops': ['wms-art-mba01'],
            'room_washington_middle_school_lab_2': ['wms-lab2-imac01', 'wms-lab2-imac02'],
            'room_washington_middle_school_art_room': ['wms-art-mba01'],
            'room_washington_middle_school_library': ['wms-lib-mini01'],
        },
        'counts': {'rows': 5, 'hosts': 4, 'printers': 0, 'left_out_by_type': {},
                   'not_managed_by_status': {'unmanaged': 1}, 'excluded_by_filter': {}, 'skipped_rows': 0},
        'problems': [],
        # the IP columns say where a Mac last checked in from: never a connection address
        'hostvars': {'wms-art-mba01': {'asset_ip': '', 'asset_tag': 'WMS-3201', 'asset_assigned_to': 'mdavis',
                                       'asset_os_version': '15.1'},
                     'wms-lib-mini01': {'asset_os': 'macos'}},
    },
    'google_admin': {
        'groups': {},
        'counts': {'rows': 5, 'hosts': 0, 'printers': 0, 'left_out_by_type': {'laptop (chromeos)': 3},
                   'not_managed_by_status': {'deprovisioned': 1, 'disabled': 1}, 'excluded_by_filter': {},
                   'skipped_rows': 0},
        'problems': [],
        'no_hosts': ['chrome-devices.csv: 0 hosts from 5 rows: 3 left out by type laptop (chromeos), 1 not managed '
                     '(deprovisioned), 1 not managed (disabled)'],
    },
    'intune': {
        'groups': {
            'windows': ['rhs-sci-lt01', 'rhs-sci-lt02', 'rhs-lib-pc01'], 'macos': ['rhs-art-mba01'],
            'laptops': ['rhs-sci-lt01', 'rhs-sci-lt02', 'rhs-art-mba01'], 'desktops': ['rhs-lib-pc01'],
            'school_roosevelt_high_school': ['rhs-sci-lt01', 'rhs-sci-lt02', 'rhs-lib-pc01', 'rhs-art-mba01'],
        },
        'counts': {'rows': 7, 'hosts': 4, 'printers': 0, 'left_out_by_type': {'tablet': 1},
                   'not_managed_by_status': {}, 'excluded_by_filter': {'exclude[0]': 1}, 'skipped_rows': 1},
        'problems': ["intune-devices.csv:row 8: column P (Category): the device type is blank; expected one of "
                     "desktop, laptop, server, printer, projector, tablet, network, other (or set defaults: {type: ...})"],
        'hostvars': {'rhs-sci-lt01': {'asset_mac': '60:b7:6e:00:01:01', 'asset_assigned_to': 'Anna Smith',
                                      'asset_serial': '0F12345678901'}},
    },
    'glpi_en': {
        'groups': {
            'windows': ['rhs-101-pc01', 'rhs-101-pc02'], 'linux': ['rhs-lab-lx01'],
            'desktops': ['rhs-101-pc01', 'rhs-101-pc02', 'rhs-lab-lx01'],
            'room_roosevelt_high_school_room_101': ['rhs-101-pc01', 'rhs-101-pc02'],
            'room_roosevelt_high_school_computer_lab': ['rhs-lab-lx01'],
        },
        'counts': {'rows': 4, 'hosts': 3, 'printers': 0, 'left_out_by_type': {},
                   'not_managed_by_status': {'retired': 1}, 'excluded_by_filter': {}, 'skipped_rows': 0},
        'problems': [],
        'hostvars': {'rhs-101-pc01': {'asset_tag': 'RHS-0101', 'asset_room': 'Room 101'}},
    },
}


def config_of(name):
    return os.path.join(SHAPES, name, name + '.asset_sheet.yml')


def plain(value):
    """ansible-inventory JSON without its {"__ansible_unsafe": ...} wrappers."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@pytest.mark.parametrize('name', sorted(EXPECTED))
def test_each_real_shape_loads_to_exactly_its_hosts_groups_counts_and_problems(run_ansible, name):
    expected = EXPECTED[name]
    result = run_ansible('ansible-inventory', '-i', config_of(name), '--list', check=True)
    data = plain(json.loads(result.stdout))
    hostvars = data['_meta']['hostvars']
    groups = dict((group, entry['hosts']) for group, entry in data.items()
                  if group != '_meta' and entry.get('hosts'))
    assert groups == expected['groups']
    assert sorted(hostvars) == sorted(set(h for hosts in expected['groups'].values() for h in hosts))
    for host, values in expected.get('hostvars', {}).items():
        assert dict((k, hostvars[host].get(k, '')) for k in values) == values, host
    for room, printers in expected.get('room_printers', {}).items():
        some_host = data[room]['hosts'][0]
        assert [p['name'] for p in hostvars[some_host]['room_printers']] == printers
    book = load_book(yaml.safe_load(open(config_of(name))), os.path.dirname(config_of(name)))
    for printer, ip in expected.get('printer_ips', {}).items():
        assert [p['printer']['ip'] for p in book['printers'] if p['printer']['name'] == printer] == [ip]
    assert book['problems'] == expected['problems']
    assert book['no_hosts'] == expected.get('no_hosts', [])
    summary = summarise(book)
    assert dict((key, summary[key]) for key in expected['counts']) == expected['counts']
    if hostvars:  # `all` keeps the counts as numbers, those that are not 0
        report = next(iter(hostvars.values()))['asset_sheet_report']
        counts = expected['counts']
        numbers = {'rows': counts['rows'], 'hosts': counts['hosts'], 'printers': counts['printers'],
                   'left_out': sum(counts['left_out_by_type'].values()),
                   'not_managed': sum(counts['not_managed_by_status'].values()),
                   'excluded': sum(counts['excluded_by_filter'].values()), 'skipped_rows': counts['skipped_rows'],
                   'problem_count': len(expected['problems'])}
        assert dict((k, v) for k, v in report.items() if k != 'problems_files') == dict(
            (k, v) for k, v in numbers.items() if v or k in ('rows', 'hosts', 'problem_count'))
        assert ('problems_files' in report) is bool(expected['problems'])
    for line in expected['problems'] + expected.get('no_hosts', []):
        assert line in result.stderr
    assert result.stderr.count('[WARNING]') == (1 if expected['problems'] or expected.get('no_hosts') else 0)


def test_personal_data_of_unknown_columns_stays_out_of_the_inventory(run_ansible):
    """Google Admin's recentUsers.0.email and Jamf's Email Address are no field: never read."""
    for name, secret in (('google_admin', 'pupil.one@students'), ('jamf', 'mdavis@district'),
                         ('snipeit', '689.00'), ('intune', 'asmith@district')):
        result = run_ansible('ansible-inventory', '-i', config_of(name), '--list', '--export', check=True)
        assert secret not in result.stdout, name


def test_check_sheet_exits_non_zero_for_a_source_without_a_host():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'check_sheet.py'),
                             config_of('google_admin')], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert EXPECTED['google_admin']['no_hosts'][0] in result.stdout
    assert 'A source gives rows but no host' in result.stdout
