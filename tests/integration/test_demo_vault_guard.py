"""The demo-vault guard (plugins/vars/demo_vault_guard.py): the public demo vault password is refused, while the
inventory loads, for every inventory that does not say it is a demo; the sample, the demo and their copies (the
lab's, the tests') keep working, and so does any inventory run with a password of its own."""

import os
import shutil

import pytest
from ansible.parsing.vault import VaultSecret

from ansible_collections.district.standard.plugins.vars.demo_vault_guard import demo_password_loaded
from conftest import ROOT

DEMO_PASSWORD = os.path.join(ROOT, 'inventories', 'sample', 'demo-vault-password.txt')
SHEET = 'Hostname,Asset Tag,IP Address,School,Room,Device Type,OS\nguard-srv01,700001,10.70.0.1,Guard School,Office,' \
        'Server,Debian 12\n'


def inventory(base, marker=None, layout='folder'):
    """A one-host asset-sheet inventory; MARKER is the value of district_demo_inventory (None: not set)."""
    folder = base / 'inv'
    (folder / 'group_vars').mkdir(parents=True)
    (folder / 'school.csv').write_text(SHEET)
    (folder / 'guard.asset_sheet.yml').write_text('---\nplugin: district.standard.asset_sheet\nsource: school.csv\n')
    text = '---\ndistrict_timezone: Etc/UTC\n' + ('' if marker is None else 'district_demo_inventory: %s\n' % marker)
    if layout == 'folder':
        (folder / 'group_vars' / 'all').mkdir()
        (folder / 'group_vars' / 'all' / 'district.yml').write_text(text)
    else:
        (folder / 'group_vars' / 'all.yml').write_text(text)
    return str(folder)


def graph(run_ansible, source, *vault):
    return run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-inventory'), '-i', source, '--graph', *vault)


def refused(result, source):
    return (result.returncode != 0 and '%s: this run has the demo vault password' % source in result.stderr
            and 'district_demo_inventory: true' in result.stderr)


@pytest.mark.parametrize('marker, layout', [(None, 'folder'), ('false', 'folder'), (None, 'file')])
def test_the_demo_password_is_refused_for_an_inventory_that_is_not_a_demo(run_ansible, tmp_path, marker, layout):
    source = inventory(tmp_path, marker, layout)
    result = graph(run_ansible, source, '--vault-password-file', DEMO_PASSWORD)
    assert refused(result, source), result.stderr
    assert 'guard-srv01' not in result.stdout


def test_a_playbook_stops_before_any_task(run_ansible, tmp_path):
    source = inventory(tmp_path)
    run = run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', source,
                      'playbooks/compliance.yml', '--vault-password-file', DEMO_PASSWORD)
    assert refused(run, source), run.stderr
    assert 'TASK [' not in run.stdout and 'PLAY [' not in run.stdout


def test_the_demo_password_among_other_vault_ids_is_refused(run_ansible, tmp_path):
    own = tmp_path / 'own-password'
    own.write_text('a password of the district\n')
    source = inventory(tmp_path)
    result = graph(run_ansible, source, '--vault-id', 'prod@%s' % own, '--vault-id', 'old@%s' % DEMO_PASSWORD)
    assert refused(result, source), result.stderr


@pytest.mark.parametrize('vault', [[], ['--vault-password-file', 'OWN']])
def test_an_inventory_with_its_own_password_or_none_runs(run_ansible, tmp_path, vault):
    own = tmp_path / 'own-password'
    own.write_text('a password of the district\n')
    source = inventory(tmp_path)
    result = graph(run_ansible, source, *[str(own) if v == 'OWN' else v for v in vault])
    assert result.returncode == 0, result.stderr
    assert 'guard-srv01' in result.stdout


@pytest.mark.parametrize('name', ['sample', 'demo'])
def test_the_sample_and_demo_and_their_copies_run(run_ansible, tmp_path, name):
    copy = tmp_path / name
    shutil.copytree(os.path.join(ROOT, 'inventories', name), copy)
    for source in (os.path.join(ROOT, 'inventories', name), str(copy)):
        result = graph(run_ansible, source, '--vault-password-file', DEMO_PASSWORD)
        assert result.returncode == 0, result.stderr
        assert '@all:' in result.stdout


def test_a_copy_that_deleted_the_demo_marker_is_refused(run_ansible, tmp_path):
    copy = tmp_path / 'district'
    shutil.copytree(os.path.join(ROOT, 'inventories', 'demo'), copy)
    os.remove(str(copy / 'group_vars' / 'all' / 'demo.yml'))
    result = graph(run_ansible, str(copy), '--vault-password-file', DEMO_PASSWORD)
    assert refused(result, str(copy)), result.stderr


def test_which_secrets_are_the_demo_password():
    with open(DEMO_PASSWORD, 'rb') as handle:
        demo = VaultSecret(handle.read().strip())
    other = VaultSecret(b'district-demo-but-not-quite')
    assert demo_password_loaded([('default', demo)])
    assert demo_password_loaded([('prod', other), ('demo', demo)])
    assert not demo_password_loaded([('prod', other)])
    assert not demo_password_loaded([])
