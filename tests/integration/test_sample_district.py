"""The sample district: golden inventory, deliberate problems, CSV = XLSX, variable layering.

Regenerate the golden file after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/integration/test_sample_district.py
and read its diff before committing it.
"""

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import Settings, build_book
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import read_path

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, 'inventories', 'sample')
SHEETS = os.path.join(SAMPLE, 'sheets')
GOLDEN = os.path.join(ROOT, 'tests', 'fixtures', 'sample_inventory.json')
WMS = 'district-assets.xlsx:Washington Middle School:'
LINCOLN_PRINTERS = ['lab101-prn01', 'lib-prn01', 'office-mfp01', 'office-copier01']
WMS_PRINTERS = ['wms-lab2-prn01', 'wms-lib-prn01', 'wms-office-copier01']
# one line per problem; a value on two rows is one line naming both (the duplicate rules of the contract)
EXPECTED_PROBLEMS = [
    "district-assets.xlsx:Lincoln Elementary:row 9: column D (MAC Address): 'GG:12:34:56:78:9A' is not a MAC address",
    WMS + "row 7: column A (Hostname): hostname 'wms-lab2-pc03' is on 2 rows: row 7, row 38; the first is kept, "
          "the others are skipped",
    WMS + "row 10: column E (IPv4): '10.20.300.5' is not an IP address (write DHCP or leave it blank for no fixed "
          "address)",
    WMS + "row 23: column B (Tag #): asset tag '200319' is on 2 rows: row 23, row 24; all are kept",
]


@pytest.fixture(scope='module')
def sample_list():
    result = subprocess.run([os.path.join(ROOT, '.venv', 'bin', 'ansible-inventory'), '-i', SAMPLE, '--list'],
                            check=False, cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg')))
    assert result.returncode == 0, result.stderr
    return result


def test_inventory_matches_the_golden_file(sample_list, module_state):
    actual = json.loads(sample_list.stdout.replace(str(module_state), '<STATE>').replace(ROOT, '<ROOT>'))
    if os.environ.get('UPDATE_GOLDEN'):
        with open(GOLDEN, 'w') as handle:
            json.dump(actual, handle, indent=2, sort_keys=True, ensure_ascii=False)
            handle.write('\n')
    with open(GOLDEN) as handle:
        expected = json.load(handle)
    assert actual == expected


def test_exactly_the_deliberate_problems_in_one_warning(sample_list, module_state):
    assert sample_list.stderr.count('[WARNING]') == 1
    assert '4 problem(s), 3 row(s) skipped (45 hosts loaded)' in sample_list.stderr
    for line in EXPECTED_PROBLEMS:
        assert line in sample_list.stderr
    data = json.loads(sample_list.stdout)
    report = data['_meta']['hostvars']['lab101-pc01']['asset_sheet_report']  # a var of `all`: counts only
    problems_files = report.pop('problems_files')
    assert report == {'rows': 72, 'hosts': 45, 'printers': 7, 'left_out': 14, 'not_managed': 3, 'skipped_rows': 3,
                      'problem_count': 4}
    (problems_file,) = [p['__ansible_unsafe'] for p in problems_files]
    assert problems_file == str(module_state / 'reports' / 'asset-sheet' / 'district.problems.txt')
    with open(problems_file) as handle:
        assert handle.read().splitlines()[1:] == EXPECTED_PROBLEMS


def test_groups_hosts_and_printers(sample_list):
    data = json.loads(sample_list.stdout)
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 45
    assert data['all']['children'] == ['ungrouped', 'school_lincoln_elementary', 'windows', 'desktops', 'macos',
                                       'laptops', 'linux', 'servers', 'school_washington_middle_school', 'canary']
    # the rollout canary, made by the config's groups: option (Lincoln Lab 101)
    assert sorted(data['canary']['hosts']) == sorted(data['room_lincoln_elementary_lab_101']['hosts'])
    assert 'room_lincoln_elementary_lab_101' in data['school_lincoln_elementary']['children']
    assert (len(data['windows']['hosts']), len(data['macos']['hosts']), len(data['linux']['hosts'])) == (32, 8, 5)
    lab = hostvars['lab101-pc01']
    printers = [p['name']['__ansible_unsafe'] for p in lab['room_printers']]
    assert printers == ['lab101-prn01']
    # the school's printers are a variable of its servers (they serve them), not of every desktop
    assert 'school_printers' not in lab
    served = dict((h, [p['name']['__ansible_unsafe'] for p in hostvars[h]['school_printers']])
                  for h in data['servers']['hosts'])
    assert served == {'linc-app01': LINCOLN_PRINTERS, 'linc-print01': LINCOLN_PRINTERS,
                      'wms-files01': WMS_PRINTERS, 'wms-print01': WMS_PRINTERS}
    assert [h for h in hostvars if 'school_printers' in hostvars[h]] == sorted(served)
    assert 'lincoln-elementary-room-12-100231' in hostvars
    assert 'lab101-pc05' in hostvars and 'lab101-pc06' not in hostvars
    for name in ('lib-cb01', 'lab101-proj01', 'rm12-pc00', 'lab101-pc09', 'wms-cb-0001'):
        assert name not in hostvars


def test_lincoln_csv_reads_the_same_as_its_workbook_sheet_but_for_excels_shortened_serial():
    from_xlsx = build_book(read_path(os.path.join(SHEETS, 'district-assets.xlsx'), 'Lincoln Elementary'), Settings())
    from_csv = build_book(read_path(os.path.join(SHEETS, 'lincoln-elementary.csv')), Settings())

    def without_source(book):
        return [dict(h, vars=dict(h['vars'], asset_source=None)) for h in book['hosts']]

    # the CSV holds rm12-pc01's serial as Excel wrote it, 1.2345E+05: its digits are lost, so the row is a problem
    assert without_source(from_csv) == [h for h in without_source(from_xlsx) if h['name'] != 'rm12-pc01']
    assert from_csv['problems'][1] == ("lincoln-elementary.csv:row 33: column C (Serial Number): '1.2345E+05': Excel "
                                       "shortened this number; its digits are lost: format the column as Text and "
                                       "type it again")
    assert from_csv['printers'] == from_xlsx['printers']
    assert (from_csv['left_out'], from_csv['not_managed']) == (from_xlsx['left_out'], from_xlsx['not_managed'])
    assert [p.split(': ', 1)[1] for p in from_csv['problems'][:1]] == [p.split(': ', 1)[1] for p in from_xlsx['problems']]
    assert from_csv['hosts'][0]['vars']['asset_source'] == 'lincoln-elementary.csv:row 4'


def host_vars(run_ansible, host):
    result = run_ansible('ansible-inventory', '-i', SAMPLE, '--host', host, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize('host, lock, profile, restricted', [
    ('lab101-pc02', 15, 'lab', True),          # all -> room override
    ('lab101-teacher', 15, 'lab', False),      # host beats room (Macs keep 15: the MDM profile takes 900 s)
    ('lib-mac01', 15, 'standard', False),      # the district standard
    ('wms-lab2-imac01', 10, 'standard', False),  # school beats macos
    ('office-pc01', 15, 'standard', False),    # the district standard
])
def test_variables_layer_all_os_school_room_host(run_ansible, host, lock, profile, restricted):
    values = host_vars(run_ansible, host)
    assert (values['district_screen_lock_minutes'], values['district_power_profile'],
            values['district_student_restrictions']) == (lock, profile, restricted)


def test_windows_hosts_use_winrm_over_https_with_vaulted_credentials(run_ansible):
    values = host_vars(run_ansible, 'lab101-pc01')
    assert (values['ansible_connection'], values['ansible_port'], values['ansible_winrm_scheme']) == ('winrm', 5986, 'https')
    assert values['ansible_winrm_server_cert_validation'] == 'validate'
    assert values['ansible_password'] == '{{ vault_winrm_password }}'
    assert '__ansible_vault' in values['vault_winrm_password']


def test_make_check_sheet_on_the_sample_fails_listing_every_problem():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'check_sheet.py'),
                             os.path.join(SAMPLE, 'district.asset_sheet.yml')], check=False, capture_output=True, text=True)
    assert result.returncode == 1
    for line in EXPECTED_PROBLEMS:
        assert line in result.stdout
    assert 'rows read: 72   hosts: 45   printers: 7   rows skipped with problems: 3' in result.stdout
    assert 'not managed (status):    in repair 1, lost 1, retired 1' in result.stdout


def test_the_sample_sheets_are_what_the_generator_writes(tmp_path):
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'make_sample_sheets.py'), '--out', str(tmp_path)],
                   check=True, capture_output=True)
    for name in ('district-assets.xlsx', 'lincoln-elementary.csv'):
        with open(os.path.join(SHEETS, name), 'rb') as committed:
            assert (tmp_path / name).read_bytes() == committed.read(), name
