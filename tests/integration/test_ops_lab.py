"""Proof of the operations playbooks on a 10-host lab (issue: enforce a lab, push a baseline, reconcile).

In this order, on one lab of ten Linux desktops (Lab School, Lab 1); each step is a module fixture that asks for
the one before it, so the order holds whatever order the tests run in (pytest-randomly):
1. district_baseline.yml whose canary (lab-pc01) is made to fail: no other host is touched;
2. lab.yml with three containers stopped: the run finishes, enforces the seven others and reports the three by
   hostname and asset tag;
3. district_baseline.yml for real (canary, then batches of 3): every host records baseline 2026.08 and the
   compliance report shows it;
4. inventory_report.yml after planting two differences (a changed serial in the sheet, a host the sheet does not
   list): the reconcile report finds those two and nothing else;
5. patch.yml as a dry run, in batches of 5: every Linux host of the sheet is in reports/<timestamp>/patch.csv.
"""

import csv
import glob
import os
import re
import shutil
import socket
import sys
import time

import pytest

from conftest import ROOT
from test_compliance_lab import podman
from test_lab import VAULT, lab

sys.path.insert(0, os.path.join(ROOT, 'scripts', 'lab'))
from lab import generated_sheet  # noqa: E402

pytestmark = pytest.mark.lab  # on lab containers: make lab-tests

NAME = 'pytest-ops'
SUBNET = '127.0.64'
HOSTS = ['lab-pc%02d' % n for n in range(1, 11)]
STOPPED = HOSTS[-3:]
BROKEN_CANARY = "---\n# made to fail: a package that does not exist\nprinters_linux_packages: [district-no-such-package]\n"


@pytest.fixture(scope='module')
def ops_lab(tmp_path_factory):
    base = tmp_path_factory.mktemp('ops')
    inventory = base / 'inv'
    (inventory / 'group_vars' / 'all').mkdir(parents=True)
    generated_sheet(str(inventory / 'lab-assets.csv'), len(HOSTS), SUBNET)
    (inventory / 'lab.asset_sheet.yml').write_text('---\nplugin: district.standard.asset_sheet\nsource: lab-assets.csv\nlab: true\n')
    for name in ('district.yml', 'vault.yml', 'demo.yml'):
        shutil.copy(os.path.join(ROOT, 'inventories', 'sample', 'group_vars', 'all', name),
                    str(inventory / 'group_vars' / 'all' / name))
    started = lab('up', '--name', NAME, '--inventory', str(inventory))
    assert started.returncode == 0, started.stderr
    yield {'inventory': os.path.join(ROOT, '.cache', 'lab', NAME, 'inventory'), 'reports': base / 'reports'}
    lab('down', '--name', NAME)


def playbook(run_ansible, ops_lab, name, *extra):
    return run_ansible('ansible-playbook', '-i', ops_lab['inventory'], 'playbooks/' + name, *(VAULT + list(extra)),
                       env=dict(DISTRICT_REPORT_DIR=str(ops_lab['reports']),
                                DISTRICT_HISTORY_DB=str(ops_lab['reports'] / 'history.sqlite')))


def on(host, command):
    return podman('exec', 'dslab-%s-%s' % (NAME, host), 'sh', '-c', command, check=False)


def touched(host):
    """Whether the district build or the baseline record reached the host."""
    return (on(host, 'test -e /etc/ansible/facts.d/district_standard.fact').returncode == 0
            or on(host, 'dpkg -s cups-client >/dev/null 2>&1').returncode == 0)


def newest(reports, pattern):
    found = sorted(glob.glob(os.path.join(str(reports), '2*', pattern)))
    assert found, pattern
    with open(found[-1], newline='', encoding='utf-8-sig') as handle:  # Excel's BOM, when there is one
        return list(csv.DictReader(handle))


@pytest.fixture(scope='module')
def failed_canary(run_ansible, ops_lab):
    """1. A rollout whose canary fails, on the untouched lab."""
    host_vars = os.path.join(ops_lab['inventory'], 'host_vars')
    os.makedirs(host_vars, exist_ok=True)
    with open(os.path.join(host_vars, 'lab-pc01.yml'), 'w') as handle:
        handle.write(BROKEN_CANARY)
    try:
        run = playbook(run_ansible, ops_lab, 'district_baseline.yml', '-e', 'baseline_canary=lab-pc01')
    finally:
        os.remove(os.path.join(host_vars, 'lab-pc01.yml'))
    return {'run': run, 'touched': [host for host in HOSTS if touched(host)]}


@pytest.fixture(scope='module')
def lab_run_with_machines_off(run_ansible, ops_lab, failed_canary):
    """2. lab.yml with three machines off; they are started again afterwards."""
    for host in STOPPED:
        podman('stop', '-t', '0', 'dslab-%s-%s' % (NAME, host))
    run = playbook(run_ansible, ops_lab, 'lab.yml', '--limit', 'room_lab_school_lab_1', '-e', 'lab_wake_timeout=10')
    rows = dict((row['host'], row) for row in newest(ops_lab['reports'], 'lab-summary.csv'))
    result = {'run': run, 'rows': rows, 'touched': [host for host in HOSTS if touched(host)]}
    for host in STOPPED:
        podman('start', 'dslab-%s-%s' % (NAME, host))
    for host in STOPPED:
        _wait_ssh(host)
    return result


@pytest.fixture(scope='module')
def rollout(run_ansible, ops_lab, lab_run_with_machines_off):
    """3. The rollout for real (canary, then batches of 3), run again, then a compliance dry run."""
    run = playbook(run_ansible, ops_lab, 'district_baseline.yml', '-e', 'baseline_canary=lab-pc01',
                   '-e', 'baseline_batch_size=3')
    facts = dict((host, on(host, 'cat /etc/ansible/facts.d/district_standard.fact').stdout) for host in HOSTS)
    again = playbook(run_ansible, ops_lab, 'district_baseline.yml', '-e', 'baseline_canary=lab-pc01')
    check = playbook(run_ansible, ops_lab, 'compliance.yml')
    versions = dict((row['host'], row['baseline_version']) for row in newest(ops_lab['reports'], 'compliance.csv'))
    return {'run': run, 'facts': facts, 'again': again, 'check': check, 'versions': versions}


@pytest.fixture(scope='module')
def reconciled(run_ansible, ops_lab, rollout):
    """4. inventory_report.yml after planting a changed serial in the sheet and a host the sheet does not list."""
    sheet = os.path.join(ops_lab['inventory'], 'lab-assets.csv')
    with open(sheet, newline='') as handle:
        rows = list(csv.reader(handle))
    for row in rows:
        if row[0] == 'lab-pc03':
            row[2] = 'LAB999003'  # the sheet's serial of lab-pc03 is now wrong
    rows = [row for row in rows if row[0] != 'lab-pc10']  # lab-pc10 answers, but the sheet no longer lists it
    with open(sheet, 'w', newline='') as handle:
        csv.writer(handle).writerows(rows)
    with open(os.path.join(ops_lab['inventory'], 'found-on-network.yml'), 'w') as handle:
        handle.write('---\nall:\n  hosts:\n    lab-pc10:\n      ansible_host: %s.20\n' % SUBNET)
    before = open(sheet, 'rb').read()
    run = playbook(run_ansible, ops_lab, 'inventory_report.yml', '-e', 'inventory_report_write_back=true')
    return {'run': run, 'reconcile': newest(ops_lab['reports'], 'reconcile.csv'),
            'hardware': newest(ops_lab['reports'], 'hardware.csv'), 'unchanged': open(sheet, 'rb').read() == before}


@pytest.fixture(scope='module')
def patch_dry_run(run_ansible, ops_lab, reconciled):
    """5. patch.yml as a dry run in batches of 5 (lab-pc10 has left the sheet in step 4)."""
    run = playbook(run_ansible, ops_lab, 'patch.yml', '--check', '-e', 'patch_reboot=never', '-e', 'patch_batch_size=5')
    return {'run': run, 'rows': dict((row['host'], row) for row in newest(ops_lab['reports'], 'patch.csv'))}


def test_a_failing_canary_stops_the_rollout(failed_canary):
    run = failed_canary['run']
    assert run.returncode == 2, run.stdout[-3000:]
    assert 'district-no-such-package' in run.stdout
    assert 'PLAY [Rollout - school by school]' not in run.stdout
    assert failed_canary['touched'] == []


def test_lab_run_with_machines_off(lab_run_with_machines_off):
    run, rows = lab_run_with_machines_off['run'], lab_run_with_machines_off['rows']
    assert run.returncode == 0, run.stdout[-3000:]  # machines that stay off are reported, not a failure
    assert 'RUN SUMMARY (lab)' in run.stdout
    assert sorted(rows) == HOSTS
    assert sorted(h for h, row in rows.items() if row['status'] == 'enforced') == HOSTS[:7]
    assert sorted(h for h, row in rows.items() if row['status'] == 'unreachable') == STOPPED
    for host in STOPPED:
        tag = str(900000 + int(host[-2:]))
        assert rows[host]['asset_tag'] == tag
        assert any(host in line and tag in line and 'unreachable' in line for line in run.stdout.splitlines())
    assert lab_run_with_machines_off['touched'] == HOSTS[:7]


def _wait_ssh(host):
    ip = '%s.%d' % (SUBNET, 10 + int(host[-2:]))
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection((ip, 2222), timeout=2) as sock:
                if sock.recv(4).startswith(b'SSH'):
                    return
        except OSError:
            time.sleep(1)
    raise AssertionError('%s did not come back' % host)


def test_rollout_records_the_baseline_version(rollout):
    run, again, check = rollout['run'], rollout['again'], rollout['check']
    assert run.returncode == 0, run.stdout[-3000:]
    assert run.stdout.count('PLAY [Rollout - school by school]') == 3  # 9 hosts in batches of 3
    for host in HOSTS:
        assert '"baseline_version": "2026.08"' in rollout['facts'][host]
    assert again.returncode == 0 and set(re.findall(r'changed=(\d+)', again.stdout)) == {'0'}, again.stdout[-3000:]
    assert check.returncode == 0, check.stdout[-3000:]
    assert rollout['versions'] == dict((host, '2026.08') for host in HOSTS)


def test_reconcile_finds_exactly_the_planted_differences(reconciled):
    assert reconciled['run'].returncode == 0, reconciled['run'].stdout[-3000:]
    found = sorted((row['kind'], row['hostname'], row['sheet_value'], row['device_value'])
                   for row in reconciled['reconcile'])
    assert [f[:2] for f in found] == [('serial', 'lab-pc03'), ('unlisted', 'lab-pc10')], found
    assert found[0][2:] == ('LAB999003', 'LAB000003')
    hardware = dict((row['hostname'], row) for row in reconciled['hardware'])
    assert sorted(hardware) == HOSTS and hardware['lab-pc05']['serial'] == 'LAB000005'
    assert reconciled['unchanged']  # the sheet itself is never written


def test_patch_dry_run_lists_every_host(patch_dry_run):
    run, rows = patch_dry_run['run'], patch_dry_run['rows']
    assert run.returncode == 0, run.stdout[-3000:]
    assert run.stdout.count('PLAY [Patch - Linux (apt upgrades, restart only when required)]') == 2  # 2 batches of 5
    assert sorted(rows) == HOSTS[:9]  # lab-pc10 left the sheet in step 4: it is in no OS group now
    assert all(row['restart_pending'] in ('true', 'false') and row['installed'].isdigit() for row in rows.values())
