"""patch.yml's report play writes reports/<timestamp>/patch.csv with the reports' one CSV writer (csv_text): a
sheet cell such as =HYPERLINK(...) stays text, and a comma or a quote stays inside its cell. The hosts carry what
the patch plays would have noted; no host is contacted."""

import csv
import glob
import io
import os

import yaml

from conftest import ROOT

HOSTS = {
    'pc-formula': {'asset_tag': '=HYPERLINK("http://evil.example/x","click")', 'patch_installed': ['KB1', 'Fix, part 2'],
                   'patch_waiting': [], 'patch_restart_pending': False, 'patch_status': 'patched'},
    'pc-comma': {'asset_tag': '12,34', 'patch_installed': [], 'patch_waiting': ['2026-01 "Cumulative" Update'],
                 'patch_restart_pending': True, 'patch_status': 'restart pending'},
    'pc-off': {'asset_tag': '+100', 'patch_installed': [], 'patch_waiting': [], 'patch_restart_pending': False,
               'patch_status': 'did not wake'},
}


def test_patch_csv_cells_stay_inert(run_ansible, tmp_path, test_state):
    inventory = tmp_path / 'inventory.yml'
    inventory.write_text(yaml.safe_dump({'all': {'children': {'elsewhere': {'hosts': HOSTS}}}}))
    run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', str(inventory),
                os.path.join(ROOT, 'playbooks', 'patch.yml'), check=True)
    found = glob.glob(str(test_state / 'reports' / '*' / 'patch.csv'))
    assert len(found) == 1
    with open(found[0], newline='') as handle:
        text = handle.read()
    assert text.startswith('host,asset_tag,status,installed,restart_pending,updates,waiting\r\n')
    rows = dict((row['host'], row) for row in csv.DictReader(io.StringIO(text)))
    assert sorted(rows) == sorted(HOSTS)
    assert rows['pc-formula']['asset_tag'] == '\'=HYPERLINK("http://evil.example/x","click")'
    assert rows['pc-formula']['updates'] == 'KB1; Fix, part 2' and rows['pc-formula']['installed'] == '2'
    assert rows['pc-comma']['asset_tag'] == '12,34' and rows['pc-comma']['restart_pending'] == 'true'
    assert rows['pc-comma']['waiting'] == '2026-01 "Cumulative" Update'
    assert rows['pc-off']['asset_tag'] == "'+100" and rows['pc-off']['status'] == 'did not wake'
    for row in rows.values():
        assert not any(value.startswith(('=', '+', '-', '@')) for value in row.values())
