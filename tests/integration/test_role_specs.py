"""Wrong role data is stopped by meta/argument_specs.yml before any of the role's tasks runs (an unknown key, a
wrong type, a value outside its choices). The roles run on localhost with a local connection: nothing is reached."""

import json

import pytest

PLAY = """- hosts: localhost
  gather_facts: false
  connection: local
  roles:
    - role: %s
"""
CASES = [
    ('app_server', {'app_server_users': [{'name': 'tech1', 'shel': '/bin/bash'}]}, 'shel'),
    ('app_server', {'app_server_users': 'tech1'}, 'app_server_users'),
    ('print_server', {'print_server_shared': 'maybe', 'school_printers': []}, 'print_server_shared'),
    ('backup', {'backup_repository_type': 'ftp', 'backup_password': 'x'}, 'backup_repository_type'),
    ('backup', {'backup_keep_daily': 'seven', 'backup_password': 'x'}, 'backup_keep_daily'),
]


@pytest.mark.parametrize('role, bad, named', CASES, ids=['%s-%s' % (c[0], c[2]) for c in CASES])
def test_wrong_data_stops_before_any_task(run_ansible, tmp_path, role, bad, named):
    playbook = tmp_path / 'play.yml'
    playbook.write_text(PLAY % role)
    extra = tmp_path / 'vars.json'
    extra.write_text(json.dumps(bad))
    result = run_ansible('ansible-playbook', '-i', 'localhost,', str(playbook), '-e', '@' + str(extra),
                         '-e', 'ansible_python_interpreter=/usr/bin/python3')
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Validating arguments against arg spec" in out and named in out
    assert 'changed=0' in out and 'failed=1' in out
    tasks = [line for line in out.splitlines() if line.startswith('TASK [')]
    # the failed validation is the last task; before it only the baseline role's reads (run mode, waivers)
    assert tasks[-1].startswith('TASK [%s : Validating arguments against arg spec' % role), tasks
    assert all(t.startswith('TASK [district.standard.baseline : ') for t in tasks[:-1]), tasks


@pytest.mark.parametrize('args, rc, expected', [
    ('status=managed-by-mdm msg="not in a managed profile"', 0, '"control_status": "managed-by-mdm"'),
    ('status=drift msg="would set it"', 0, '"changed": true'),
    ('status=needs-edition', 2, 'msg must say what is missing'),
    ('status=fine', 2, 'status must be one of'),
])
def test_control_status_reports_a_verdict_and_refuses_a_vague_one(run_ansible, args, rc, expected):
    result = run_ansible('ansible', 'localhost', '-m', 'district.standard.control_status', '-a', args,
                         env={'ANSIBLE_LOAD_CALLBACK_PLUGINS': '1', 'ANSIBLE_STDOUT_CALLBACK': 'json'})
    assert result.returncode == rc, result.stdout + result.stderr
    assert expected in result.stdout + result.stderr
