"""The README's exit-code table, row by row: each code it lists is produced here by the playbooks it names.

The hosts are a small school sheet whose machines do not answer (loopback addresses on a closed port), so the
runs are quick and need no lab."""

import os
import re
import signal
import subprocess
import time

import pytest

from conftest import ROOT, ansible_env

SHEET = """Hostname,Asset Tag,IP Address,School,Room,Device Type,OS
exit-srv01,500001,127.0.70.1,Exit School,Server Room,Server,Debian 12
exit-pc01,500002,127.0.70.2,Exit School,Lab 1,Desktop,Windows 11 Education
exit-mac01,500003,127.0.70.3,Exit School,Library,Laptop,macOS Sonoma
"""
VAULT = ['--vault-password-file', os.path.join(ROOT, 'inventories', 'sample', 'demo-vault-password.txt')]


@pytest.fixture
def school_off(tmp_path):
    """An inventory (asset sheet) of three machines that are all switched off (loopback addresses: a lab)."""
    inventory = tmp_path / 'inv'
    (inventory / 'group_vars').mkdir(parents=True)
    (inventory / 'school.csv').write_text(SHEET)
    (inventory / 'exit.asset_sheet.yml').write_text('---\nplugin: district.standard.asset_sheet\nsource: school.csv\nlab: true\n')
    # a test inventory run with the demo vault password: it says it is a demo (plugins/vars/demo_vault_guard.py)
    (inventory / 'group_vars' / 'all.yml').write_text(
        '---\nansible_port: 1\nansible_user: nobody\ndistrict_demo_inventory: true\n')
    return str(inventory)


def playbook(inventory, name, *extra):
    return subprocess.run(['ansible-playbook', '-i', inventory, 'playbooks/' + name] + VAULT + list(extra), check=False, cwd=ROOT,
                          env=ansible_env(), capture_output=True, text=True, timeout=300)


def test_0_a_dry_run_over_machines_that_are_off_reports_them(school_off, test_state):
    run = playbook(school_off, 'compliance.yml')
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    with open(test_state / 'reports' / 'latest' / 'compliance.csv', encoding='utf-8') as handle:
        rows = handle.read().splitlines()[1:]
    hosts = dict((row.split(',')[2], row) for row in rows)
    assert sorted(hosts) == ['exit-mac01', 'exit-pc01', 'exit-srv01']
    assert all(',unreachable,' in row for row in rows)
    assert hosts['exit-pc01'].startswith('Exit School,Lab 1,exit-pc01,500002,')  # school, room, asset tag


def test_0_a_lab_run_with_machines_off_reports_them(school_off):
    run = playbook(school_off, 'lab.yml', '-e', 'lab_hosts=all', '-e', 'lab_wake_timeout=2')
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    assert re.search(r'unreachable\s+exit-pc01\s+500002\s+Exit School\s+Lab 1', run.stdout)
    assert 'unreachable 3' in run.stdout


def test_0_patching_with_machines_off_goes_on_and_lists_them(school_off):
    """A Windows PC that does not wake, a Mac and a server that are off: no batch fails, every play runs."""
    run = playbook(school_off, 'patch.yml', '-e', 'patch_wake_timeout=2')
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    for host, tag in (('exit-pc01', 500002), ('exit-mac01', 500003), ('exit-srv01', 500001)):
        assert re.search(r'unreachable\s+%s\s+%d\s+Exit School' % (host, tag), run.stdout), run.stdout[-3000:]
    assert 'Patch - Linux' in run.stdout and 'unreachable 3' in run.stdout


@pytest.mark.parametrize('name, switch', [('compliance.yml', 'compliance_fail_on_unreachable'),
                                          ('lab.yml', 'lab_fail_on_unreachable')])
def test_2_when_asked_to_fail_on_machines_that_are_off(school_off, name, switch):
    run = playbook(school_off, name, '-e', switch + '=true', '-e', 'lab_hosts=all', '-e', 'lab_wake_timeout=2')
    assert run.returncode == 2, run.stdout[-3000:] + run.stderr
    assert 'exit-mac01, exit-pc01, exit-srv01' in run.stdout


def test_1_the_sheet_cannot_be_read(tmp_path):
    inventory = tmp_path / 'inv'
    inventory.mkdir()
    (inventory / 'x.asset_sheet.yml').write_text('---\nplugin: district.standard.asset_sheet\nsource: missing.csv\n')
    run = playbook(str(inventory), 'compliance.yml')
    assert run.returncode == 1 and 'missing.csv' in run.stderr, run.stderr


def test_4_a_machine_that_is_off_in_a_playbook_that_needs_every_host(school_off):
    run = playbook(school_off, 'servers.yml')
    assert run.returncode == 4, run.stdout[-3000:] + run.stderr
    assert 'UNREACHABLE!' in run.stdout


def test_4_a_playbook_that_does_not_parse(school_off, tmp_path):
    broken = tmp_path / 'broken.yml'
    broken.write_text('- hosts: all\n  tasks:\n    - bad: [\n')
    run = subprocess.run(['ansible-playbook', '-i', school_off, str(broken)], check=False, cwd=ROOT, env=ansible_env(),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 4, run.stderr


def test_99_an_interrupted_run(school_off):
    started = subprocess.Popen(['ansible-playbook', '-i', school_off, 'playbooks/lab.yml', '-e', 'lab_hosts=all',
                                '-e', 'lab_wake_timeout=60'], cwd=ROOT, env=ansible_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    time.sleep(5)
    for _attempt in range(10):  # as a technician presses Ctrl-C: again if Ansible was busy starting its workers
        started.send_signal(signal.SIGINT)
        try:
            output = started.communicate(timeout=3)[0]
            break
        except subprocess.TimeoutExpired:
            continue
    else:
        started.kill()
        output = started.communicate()[0]
    assert started.returncode == 99, output[-3000:]
    assert 'User interrupted execution' in output


def test_every_code_of_the_readme_table_is_tested():
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        readme = handle.read()
    table = readme[readme.index('## Exit codes'):]
    table = table[:table.index('\n\n', table.index('| exit code'))]
    listed = sorted(int(code) for code in re.findall(r'^\| (\d+) \|', table, re.M))
    tested = sorted(set(int(name.split('_')[1]) for name in globals() if re.match(r'test_\d+_', name)))
    assert listed == tested
