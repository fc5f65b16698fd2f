"""docs/controls.md is generated from the roles and must match them; control IDs are unique and each control
task honours waivers."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import control_catalogue as cc  # noqa: E402

META = "galaxy_info:\n  platforms:\n    - name: Debian\n"


def role(root, name, tasks, defaults='x_setting: 1\n'):
    base = root / 'roles' / name
    for sub in ('tasks', 'meta', 'defaults'):
        (base / sub).mkdir(parents=True)
    (base / 'tasks' / 'main.yml').write_text(tasks)
    (base / 'meta' / 'main.yml').write_text(META)
    (base / 'defaults' / 'main.yml').write_text(defaults)


def task(cid, extra=''):
    return ('- name: %s | Do it\n  ansible.builtin.debug:\n    msg: "{{ x_setting }}"\n'
            '  when: "\'%s\' not in baseline_waived_controls"\n%s' % (cid, cid, extra))


def test_docs_controls_md_is_current():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'control_catalogue.py'), '--check'],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_catalogue_of_the_roles():
    entries = cc.controls()
    ids = [e['id'] for e in entries]
    assert len(ids) == len(set(ids)) >= 49
    by_id = dict((e['id'], e) for e in entries)
    assert by_id['APP-SSH-02']['role'] == 'app_server' and 'app_server_ssh_dropin' in by_id['APP-SSH-02']['variables']
    assert by_id['PRN-SRV-09']['tasks'] == 2 and by_id['BAK-01']['platform'] == 'Debian, Ubuntu'


def test_a_control_in_two_roles_is_refused(tmp_path):
    role(tmp_path, 'one', task('ONE-01'))
    role(tmp_path, 'two', task('ONE-01'))
    with pytest.raises(ValueError, match='ONE-01 is also in role one'):
        cc.controls(str(tmp_path))


def test_a_control_task_must_honour_waivers(tmp_path):
    role(tmp_path, 'one', '- name: ONE-01 | Do it\n  ansible.builtin.debug:\n    msg: hi\n')
    with pytest.raises(ValueError, match='lacks its waiver condition'):
        cc.controls(str(tmp_path))
    other = tmp_path / 'b'
    role(other, 'one', task('ONE-01').replace("'ONE-01' not in", "'ONE-02' not in"))
    with pytest.raises(ValueError, match='lacks its waiver condition'):
        cc.controls(str(other))


def test_blocks_and_settings(tmp_path):
    blocks = '- name: Group\n  block:\n' + ''.join('    ' + line + '\n' for line in task('ONE-02').splitlines())
    role(tmp_path, 'one', task('ONE-01') + blocks)
    entries = cc.controls(str(tmp_path))
    assert [(e['id'], e['variables'], e['platform']) for e in entries] == [
        ('ONE-01', ['x_setting'], 'Debian'), ('ONE-02', ['x_setting'], 'Debian')]
    assert '| ONE-02 | Do it | `x_setting` | ansible | 1 |' in cc.render(entries)


def test_how_a_control_is_enforced_comes_from_the_policy_manifests(tmp_path):
    role(tmp_path, 'one', task('ONE-01') + task('ONE-02') + task('ONE-03'))
    (tmp_path / 'docs' / 'policy').mkdir(parents=True)
    (tmp_path / 'docs' / 'policy' / 'windows.yml').write_text(
        "values:\n"
        "  - {control: ONE-01, key: 'HKLM\\A\\b', delivered_by: ansible, editions: [Education, Enterprise]}\n"
        "  - {control: ONE-02, key: 'HKCU\\A\\c', delivered_by: mdm, editions: [Pro, Education, Enterprise]}\n"
        "  - {control: ONE-02, key: 'HKCU\\A\\d', delivered_by: ansible, editions: [Pro, Education, Enterprise]}\n")
    by_id = dict((e['id'], e['enforced']) for e in cc.controls(str(tmp_path)))
    assert by_id == {'ONE-01': 'ansible, edition (Education, Enterprise)', 'ONE-02': 'ansible, mdm', 'ONE-03': 'ansible'}


def test_the_windows_controls_show_their_enforcement():
    by_id = dict((e['id'], e) for e in cc.controls())
    assert by_id['WIN-PROF-02']['enforced'] == 'ansible, edition (Education, Enterprise)'
    assert 'mdm' in by_id['WIN-PROF-01']['enforced'] and by_id['WIN-LOCK-01']['enforced'] == 'ansible'
    # a registry control reads only the variables of its own values
    assert by_id['WIN-UPD-03']['variables'] == ['windows_desktop_patch_window']
