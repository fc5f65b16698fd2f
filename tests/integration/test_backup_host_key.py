"""The backup role never trusts an SFTP server on first use: an SFTP repository without its server's pinned host
key (backup_sftp_host_key), or with a key line for another host, stops the run before any change. The role's
first task file (tasks/sftp_host_key.yml, the check) runs on the controller in check mode."""

import json
import os

import pytest

from conftest import ROOT

PLAY = """- name: The backup role with an SFTP repository
  hosts: localhost
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
    backup_repository_type: sftp
    backup_sftp: {user: lincoln, host: backup.district.example.org, port: %(port)d, path: /backups/linc-app01}
  tasks:
    - name: The check the backup role makes first
      ansible.builtin.include_role:
        name: backup
        tasks_from: sftp_host_key.yml
"""


@pytest.mark.parametrize('port, host_key, problem', [
    (22, '', 'it is empty'),
    (22, '  \n', 'it is empty'),
    (22, 'other.district.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDDToB', 'a line names another host'),
    (2222, 'backup.district.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDDToB', 'a line names another host'),
])
def test_an_sftp_repository_without_its_pinned_host_key_stops_the_run(run_ansible, tmp_path, port, host_key, problem):
    playbook = tmp_path / 'backup.yml'
    playbook.write_text(PLAY % dict(port=port))
    run = run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
                      str(playbook), '--check', '-e', json.dumps({'backup_sftp_host_key': host_key}))
    assert run.returncode == 2, run.stdout[-2000:] + run.stderr
    output = run.stdout + run.stderr
    pattern = 'backup.district.example.org' if port == 22 else '[backup.district.example.org]:2222'
    assert 'backup_sftp_host_key must pin the host key of the SFTP server %s' % pattern in output
    assert problem in output and 'never trusts a server on first use' in output


@pytest.mark.parametrize('port, host_key', [
    (22, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDDToB root@backup'),
    (2222, '[backup.district.example.org]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDDToB'),
    (22, '|1|9m3XwbRZ3x0pV7Ih1e0Lq1hZm2A=|bK0z1XzQ0b4vYw8Ew9pNf1cD0aE= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDDToB'),
])
def test_a_pinned_host_key_passes_the_check(run_ansible, tmp_path, port, host_key):
    playbook = tmp_path / 'backup.yml'
    playbook.write_text(PLAY % dict(port=port))
    run = run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
                      str(playbook), '--check', '-e', json.dumps({'backup_sftp_host_key': host_key}))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr
    assert "Check that an SFTP repository pins its server's host key" in run.stdout
