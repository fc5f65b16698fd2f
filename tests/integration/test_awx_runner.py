"""A compliance job run the way AWX runs it, on two lab containers (issue 14, part 3).

AWX runs every job with ansible-runner in a private data directory: `project/` is the checkout of the project
(here: this repository's files, without .venv, .cache and reports), `inventory/hosts` the executable JSON script
AWX writes for each job from the synced inventory, and `env/` the job's environment variables, extra vars,
command line, SSH key (the Machine credential) and passwords (the vault credential, answered at the
`Vault password:` prompt). The inventory is synced as AWX syncs a source from a project:
`ansible-inventory --list --export` of the school's asset_sheet inventory.

The school's secrets are encrypted with a vault password of its own, as a district's are (never the public
demo password: the demo-vault guard reads `district_demo_inventory` from the `group_vars/all` files of an
inventory folder, which a script inventory does not have, so it would refuse the demo password here).
Reports and history go to DISTRICT_REPORT_DIR / DISTRICT_HISTORY_DB outside the project, which AWX deletes.
"""

import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess

import pytest

from awx_job import awx_envvars, private_data_dir
from collection_build import clean_env
from conftest import BIN, ROOT
from test_lab import lab

pytestmark = pytest.mark.lab  # on lab containers: make lab-tests

NAME = 'pytest-awx'
IDENT = 'job-4711'
PLAYBOOK = 'playbooks/compliance.yml'
VAULT_PASSWORD = 'awx-test school vault 7f3c'
HEADER = ('Hostname,Asset Tag,Serial Number,MAC Address,IP Address,School,Room,Device Type,Operating System,'
          'OS Version,Model,Manufacturer,Status,Assigned To,Printer URI,Notes,Role\n')
SHEET = HEADER + """awx-app01,410101,AWXAPP01,02:00:00:00:65:0a,127.0.65.10,Mesh School,Server Room,Server,Debian 12,12,R250,Dell,Active,IT office,,,app_server
awx-app02,410102,AWXAPP02,02:00:00:00:65:0b,127.0.65.11,Mesh School,Library,Server,Debian 12,12,R250,Dell,Active,Library,,,app_server
"""
HOSTS = ['awx-app01', 'awx-app02']
CONFIG = """---
plugin: district.standard.asset_sheet
source: sheets/mesh-school.csv
lab: true
extra_columns: [Role]
keyed_groups:
  - key: asset_extra.role | default('')
    prefix: role
    separator: _
"""
# The Machine credential: AWX passes its user on the command line and its key through env/ssh_key.
CREDENTIAL_VARS = ('ansible_user', 'ansible_ssh_private_key_file')
CONTROL_TASK = re.compile(r'^[A-Z]{2,4}-[A-Z0-9]{2,5}-\d{2} \| ')


def encrypted(secret):
    """SECRET encrypted with the school's own vault password, as an inline vault value."""
    from ansible.parsing.vault import VaultLib, VaultSecret
    text = VaultLib([('default', VaultSecret(VAULT_PASSWORD.encode()))]).encrypt(secret).decode()
    return '!vault |\n  ' + text.replace('\n', '\n  ').rstrip()


def school_inventory(folder):
    """The school's asset_sheet inventory (a copy of the demo school's standard, its own vault, no demo marker)."""
    (folder / 'sheets').mkdir(parents=True)
    (folder / 'group_vars' / 'all').mkdir(parents=True)
    (folder / 'sheets' / 'mesh-school.csv').write_text(SHEET)
    (folder / 'mesh.asset_sheet.yml').write_text(CONFIG)
    shutil.copy(os.path.join(ROOT, 'inventories', 'demo', 'group_vars', 'all', 'district.yml'),
                str(folder / 'group_vars' / 'all' / 'district.yml'))
    (folder / 'group_vars' / 'all' / 'vault.yml').write_text(
        '---\nvault_backup_password: %s\n' % encrypted('mesh school restic 2f9a'))
    return folder


def job_dir(base, synced, persistent):
    """The job's private data directory: the Machine credential's user and key are not inventory variables under
    AWX (its user goes on the command line, its key into env/ssh_key), so they leave the synced `all` vars."""
    all_vars = dict(synced['all'].get('vars', {}))
    credential = dict((name, all_vars.pop(name)) for name in CREDENTIAL_VARS)
    inventory = dict(synced, all=dict(synced['all'], vars=all_vars))
    with open(credential['ansible_ssh_private_key_file']) as handle:
        key = handle.read()
    pdd = base / 'pdd'
    envvars = dict(awx_envvars(pdd, 4711), DISTRICT_REPORT_DIR=str(persistent / 'reports'),
                   DISTRICT_HISTORY_DB=str(persistent / 'history.sqlite'))
    extravars = {'awx_job_id': 4711, 'awx_job_template_name': 'Compliance (nightly)',
                 'compliance_fail_on_drift': False}
    private_data_dir(pdd, inventory, envvars, extravars, cmdline='-u %s --ask-vault-pass' % credential['ansible_user'],
                     passwords={r'Vault password:\s*?$': VAULT_PASSWORD}, ssh_key=key)
    return pdd


@pytest.fixture(scope='module')
def awx_job(tmp_path_factory, run_ansible):
    """Lab up, sync the inventory, run the compliance job with ansible-runner: the run and its folders."""
    base = tmp_path_factory.mktemp('awx')
    source = school_inventory(base / 'source')
    started = lab('up', '--name', NAME, '--inventory', str(source))
    assert started.returncode == 0, started.stderr
    try:
        lab_inventory = os.path.join(ROOT, '.cache', 'lab', NAME, 'inventory')
        synced = run_ansible('ansible-inventory', '-i', lab_inventory, '--list', '--export', check=True)
        persistent = base / 'persistent'
        pdd = job_dir(base, json.loads(synced.stdout), persistent)
        run = subprocess.run([os.path.join(BIN, 'ansible-runner'), 'run', str(pdd), '-p', PLAYBOOK,
                              '--ident', IDENT], cwd=str(base), env=clean_env(), capture_output=True, text=True,
                             timeout=1800, check=False)
        yield {'run': run, 'pdd': pdd, 'artifacts': pdd / 'artifacts' / IDENT, 'persistent': persistent}
    finally:
        lab('down', '--name', NAME)


def events(artifacts):
    found = []
    for path in sorted(glob.glob(str(artifacts / 'job_events' / '*.json')),
                       key=lambda p: int(os.path.basename(p).split('-')[0])):
        with open(path) as handle:
            found.append(json.load(handle))
    return found


def test_the_job_succeeds_and_its_events_tell_the_plays_controls_and_stats(awx_job):
    run, artifacts = awx_job['run'], awx_job['artifacts']
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert (artifacts / 'rc').read_text() == '0' and (artifacts / 'status').read_text() == 'successful'
    job = events(artifacts)
    kinds = [e['event'] for e in job if e['event'] != 'verbose']  # verbose: ssh-add's and the prompt's lines
    assert kinds[0] == 'playbook_on_start' and kinds[-1] == 'playbook_on_stats'
    plays = [e['event_data']['play'] for e in job if e['event'] == 'playbook_on_play_start']
    assert plays[0] == 'Compliance - Linux servers (application server baseline, backups)'
    assert plays[-1] == 'Compliance - the verdict'
    controls = {}
    for event in job:
        data = event.get('event_data', {})
        if event['event'] == 'runner_on_ok' and CONTROL_TASK.match(data.get('task', '')):
            controls.setdefault(data['host'], set()).add(data['task'].split(' | ')[0])
    assert sorted(controls) == HOSTS
    assert controls['awx-app01'] == controls['awx-app02'] and len(controls['awx-app01']) >= 10
    assert {'APP-SSH-02', 'APP-BAN-01'} <= controls['awx-app01']
    stats = [e for e in job if e['event'] == 'playbook_on_stats'][0]['event_data']
    assert sorted(stats['ok']) == HOSTS and not stats['failures'] and not stats['dark']
    assert 'COMPLIANCE SUMMARY' in (artifacts / 'stdout').read_text()


def test_the_report_and_history_are_written_outside_the_project(awx_job):
    persistent, pdd = awx_job['persistent'], awx_job['pdd']
    assert awx_job['run'].returncode == 0, awx_job['run'].stdout[-4000:]
    with open(str(persistent / 'reports' / 'latest' / 'compliance.json')) as handle:
        report = json.load(handle)
    assert sorted({row['host'] for row in report['results']}) == HOSTS
    assert {row['school'] for row in report['results']} == {'Mesh School'}
    assert {row['status'] for row in report['results']} <= {'compliant', 'drift', 'not_applicable', 'waived'}
    assert report['run']['report_dir'].startswith(str(persistent / 'reports') + os.sep)
    with sqlite3.connect(str(persistent / 'history.sqlite')) as db:
        tables = [name for (name,) in db.execute("select name from sqlite_master where type = 'table'")]
        assert tables and sum(db.execute('select count(*) from %s' % t).fetchone()[0] for t in tables) > 0
    assert not os.path.exists(str(pdd / 'project' / 'reports'))  # nothing AWX would throw away
    secrets = ('mesh school restic 2f9a', VAULT_PASSWORD)
    assert not any(s in awx_job['run'].stdout or s in (awx_job['artifacts'] / 'stdout').read_text() for s in secrets)
