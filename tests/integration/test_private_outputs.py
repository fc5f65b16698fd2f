"""What a real run leaves on the controller is readable by its owner only, whatever the umask: the reports, the
history, the run summary, the fact cache and the inventory cache (district.standard.jsonfile); and the person a
device is assigned to never reaches a report through a diff."""

import json
import os
import stat
import subprocess
import sys

from conftest import ROOT, ansible_env

SHEET = """Hostname,Asset Tag,MAC,IP,School,Room,Type,OS,Status,Assigned To
pc01,1001,aa:bb:cc:00:00:01,,Lincoln,Lab 101,Desktop,Debian 12,Active,Jane Student
pc02,1002,aa:bb:cc:00:00:02,,Washington,Library,Desktop,Debian 12,Active,Tom Teacher
pc01,1003,aa:bb:cc:00:00:03,,Lincoln,Lab 102,Desktop,Debian 12,Active,Ann Other
"""
CONFIG = """plugin: district.standard.asset_sheet
source: assets.csv
cache: true
compose:
  ansible_connection: "'local'"
  ansible_python_interpreter: "'%s'"
"""
PLAYBOOK = """---
- name: Compliance - a check whose diff names the owner
  hosts: all
  gather_facts: true
  gather_subset: [min]
  check_mode: true
  diff: true
  vars:
    compliance_run: true
  tasks:
    - name: TST-MOTD-01 | The banner names the owner
      ansible.builtin.copy:
        content: "Assigned to {{ asset_assigned_to }}.\\n"
        dest: "%(out)s/motd-{{ inventory_hostname }}"
        mode: "0644"
    - name: TST-TRUE-01 | Nothing to change
      ansible.builtin.command: "true"
      check_mode: false
      changed_when: false

- name: A lab run (its summary table)
  hosts: all
  gather_facts: false
  vars:
    run_summary: true
  tasks:
    - name: Fail on pc02, naming its owner
      ansible.builtin.fail:
        msg: "no disk space left for {{ asset_assigned_to }}"
      when: inventory_hostname == 'pc02'
"""


def modes(folder):
    """{path: mode} of every folder and file under FOLDER (itself included)."""
    found = {}
    for base, _folders, files in os.walk(folder):
        found[base] = stat.S_IMODE(os.stat(base).st_mode)
        for name in files:
            found[os.path.join(base, name)] = stat.S_IMODE(os.stat(os.path.join(base, name)).st_mode)
    return found


def test_reports_history_and_caches_are_private_and_name_nobody(tmp_path, test_state):
    (tmp_path / 'inv').mkdir()
    (tmp_path / 'inv' / 'assets.csv').write_text(SHEET)
    (tmp_path / 'inv' / 'test.asset_sheet.yml').write_text(CONFIG % sys.executable)
    (tmp_path / 'site.yml').write_text(PLAYBOOK % {'out': tmp_path})
    proc = subprocess.run([os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', str(tmp_path / 'inv'),
                           str(tmp_path / 'site.yml')], check=False, cwd=ROOT, env=ansible_env(), capture_output=True, text=True,
                          timeout=300, preexec_fn=lambda: os.umask(0))
    assert proc.returncode == 2, proc.stdout[-3000:] + proc.stderr[-2000:]  # pc02 failed in the lab play
    assert 'COMPLIANCE SUMMARY' in proc.stdout and 'RUN SUMMARY' in proc.stdout

    reports = modes(str(test_state / 'reports'))
    files = [p for p in reports if os.path.isfile(p)]
    assert any(p.endswith('history.sqlite') for p in files) and any(p.endswith('site-summary.csv') for p in files)
    assert any(p.endswith(os.path.join('schools', 'washington', 'compliance.html')) for p in files)
    # the second pc01 row is a problem: the inventory writes the problem list before any play, making reports/
    assert any(p.endswith(os.path.join('asset-sheet', 'test.problems.txt')) for p in files)
    facts = modes(str(test_state / 'facts'))
    inventory = modes(str(test_state / 'inventory-cache'))
    assert sorted(os.path.basename(p)[-4:] for p in facts if os.path.isfile(p)) == ['pc01', 'pc02']
    assert len([p for p in inventory if os.path.isfile(p)]) == 1
    for found in (reports, facts, inventory):
        for path, mode in found.items():
            assert mode == (0o700 if os.path.isdir(path) else 0o600), (path, oct(mode))

    with open(str(test_state / 'reports' / 'latest' / 'compliance.json')) as handle:
        results = json.load(handle)['results']
    drift = dict((r['host'], r['diff']) for r in results if r['status'] == 'drift')
    assert sorted(drift) == ['pc01', 'pc02'] and all('Assigned to [assigned_to].' in d for d in drift.values())
    summary = next(p for p in files if p.endswith('site-summary.csv'))
    assert 'no disk space left for [assigned_to]' in open(summary).read()
    for path in files:
        with open(path, 'rb') as handle:
            text = handle.read()
        assert b'Jane Student' not in text and b'Tom Teacher' not in text, path
