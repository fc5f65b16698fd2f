"""A printer's user and password (printer_credentials, from the vault) reach only the task that makes its queue,
and never the output, even at -vvv and when the queue fails: the print_server role (tasks/queues.yml) and the
printers role (tasks/cups.yml, Linux and macOS).

The roles' queue task files run on the controller in check mode (cups_printer only reads there); a controller
without CUPS fails every queue, which is the failed item these tests want to see."""

import os

import pytest

from conftest import ROOT

PASSWORD = 'S3cret/Scan@99'
ENCODED = 'S3cret%2FScan%4099'
PLAY = """- name: The queue task of a role, on the controller
  hosts: localhost
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
    print_server_state_file: %(state)s
    printer_credentials:
      office-mfp01: {user: lincoln-office, password: "%(password)s"}
    print_server_printers:
      - {name: office-mfp01, uri: "%(uri)s", model: IM C3000, location: Office, asset_tag: "100227"}
      - {name: lib-prn01, uri: "socket://10.10.20.250:9100", model: HL-L5200DW, location: Library, asset_tag: "100221"}
    printers_room: "{{ print_server_printers }}"
    printers_linux_packages: []
  tasks:
    - name: The role's queue tasks
      ansible.builtin.include_role:
        name: %(role)s
        tasks_from: %(tasks)s
"""
ROLES = {'print_server': ('queues.yml', 'PRN-SRV-08'), 'printers': ('cups.yml', 'PRN-CLI-03')}


def run_queues(run_ansible, tmp_path, role, uri='ipps://10.10.1.250/ipp/print', *extra):
    playbook = tmp_path / 'queues.yml'
    playbook.write_text(PLAY % dict(state=tmp_path / 'none' / 'state.json', password=PASSWORD, uri=uri, role=role,
                                    tasks=ROLES[role][0]))
    # the printers role skips its queues in a dry run of a computer without CUPS: here they run (and fail)
    return run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
                       str(playbook), '--check', '-e', '{"_printers_has_cups": true}', *extra)


@pytest.mark.parametrize('role', sorted(ROLES))
def test_the_password_never_reaches_the_output(run_ansible, tmp_path, role):
    run = run_queues(run_ansible, tmp_path, role, 'ipps://10.10.1.250/ipp/print', '-vvv')
    output = run.stdout + run.stderr
    assert ROLES[role][1] in output
    assert PASSWORD not in output and ENCODED not in output and 'Scan' not in output
    # the printer without credentials shows its item and its URI as always (at -vvv, the module's arguments)
    assert '(item=lib-prn01)' in output and 'device_uri: socket://10.10.20.250:9100' in output
    assert '(item=(censored due to no_log))' in output


@pytest.mark.parametrize('role', sorted(ROLES))
def test_a_uri_cups_refuses_names_the_printer_not_the_password(run_ansible, tmp_path, role):
    run = run_queues(run_ansible, tmp_path, role, 'bogus://10.10.1.250/ipp/print')
    output = run.stdout + run.stderr
    # a print server stops on it; a client computer reports the printer and builds the rest (PRN-CLI-03 goes on)
    assert (run.returncode == 0 and '...ignoring' in output) if role == 'printers' else run.returncode != 0
    assert 'printer office-mfp01: CUPS does not take its URI' in output
    assert PASSWORD not in output and ENCODED not in output
