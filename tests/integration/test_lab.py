"""The container lab and the demo school on it: real systemd containers reached over SSH on loopback.

These are the slow tests of the suite (a few minutes): they build the lab image if needed."""

import glob
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, ansible_env

pytestmark = pytest.mark.lab  # on lab containers: make lab-tests

LAB = [sys.executable, os.path.join(ROOT, 'scripts', 'lab', 'lab.py')]
VAULT = ['--vault-password-file', os.path.join(ROOT, 'inventories', 'sample', 'demo-vault-password.txt')]


def lab(*args):
    env = ansible_env(CONTAINERS_CONF=os.path.join(ROOT, 'scripts', 'lab', 'containers.conf'))
    return subprocess.run(LAB + list(args), check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


def containers(name):
    """['<container> <state>', ...] of the lab called NAME."""
    env = dict(os.environ, CONTAINERS_CONF=os.path.join(ROOT, 'scripts', 'lab', 'containers.conf'))
    listed = subprocess.run(['podman', 'ps', '-a', '--filter', 'label=district-lab=' + name, '--format', 'json'],
                            env=env, capture_output=True, text=True, check=True)
    return sorted('%s %s' % (c['Names'][0], c['State']) for c in json.loads(listed.stdout or '[]'))


def in_demo_container(host, command):
    """The output of COMMAND run as root in the demo lab's container of HOST."""
    env = dict(os.environ, CONTAINERS_CONF=os.path.join(ROOT, 'scripts', 'lab', 'containers.conf'))
    return subprocess.run(['podman', 'exec', 'dslab-pytest-demo-' + host, 'sh', '-c', command], env=env,
                          capture_output=True, text=True, check=True).stdout


def ad_hoc(run_ansible, inventory, pattern, module, args=''):
    """{host: result} of an ad-hoc module run, through the json callback."""
    result = run_ansible('ansible', '-i', inventory, pattern, '-m', module, '-a', args,
                         env=dict(ANSIBLE_STDOUT_CALLBACK='ansible.posix.json', ANSIBLE_LOAD_CALLBACK_PLUGINS='1'))
    plays = json.loads(result.stdout)['plays']
    return dict((host, res) for task in plays[0]['tasks'] for host, res in task['hosts'].items())


def test_generated_lab_up_reachable_and_down(run_ansible):
    started = lab('up', '--name', 'pytest-gen', '--hosts', '2', '--subnet', '127.0.62')
    try:
        assert started.returncode == 0, started.stderr
        inventory = os.path.join(ROOT, '.cache', 'lab', 'pytest-gen', 'inventory')
        assert containers('pytest-gen') == ['dslab-pytest-gen-lab-pc01 running', 'dslab-pytest-gen-lab-pc02 running']
        facts = ad_hoc(run_ansible, inventory, 'all', 'ansible.builtin.setup', 'gather_subset=!all,!min,service_mgr')
        assert sorted(facts) == ['lab-pc01', 'lab-pc02']
        assert all(r['ansible_facts']['ansible_service_mgr'] == 'systemd' for r in facts.values())
        graph = run_ansible('ansible-inventory', '-i', inventory, '--graph', check=True).stdout
        assert '@room_lab_school_lab_1:' in graph and 'lab-pc02' in graph  # the sheet is the inventory
    finally:
        stopped = lab('down', '--name', 'pytest-gen')
    assert stopped.returncode == 0 and 'removed' in stopped.stdout
    assert containers('pytest-gen') == [] and not os.path.exists(os.path.join(ROOT, '.cache', 'lab', 'pytest-gen'))


def test_lab_refuses_a_sheet_host_that_is_not_on_loopback(tmp_path):
    inventory = tmp_path / 'inv'
    shutil.copytree(os.path.join(ROOT, 'inventories', 'demo'), inventory)
    sheet = inventory / 'sheets' / 'demo-school.csv'
    sheet.write_text(sheet.read_text().replace('127.0.60.11', '10.60.0.11'))
    result = lab('up', '--name', 'pytest-bad', '--inventory', str(inventory))
    assert result.returncode != 0 and "demo-print01 has IP '10.60.0.11'" in result.stderr
    assert 'row 5' in result.stderr and containers('pytest-bad') == []


@pytest.fixture(scope='module')
def demo_school(tmp_path_factory):
    """The demo school's servers (inventories/demo) as a lab, on 127.0.61.x so that `make demo`'s may run."""
    inventory = tmp_path_factory.mktemp('demo') / 'inv'
    shutil.copytree(os.path.join(ROOT, 'inventories', 'demo'), inventory)
    sheet = inventory / 'sheets' / 'demo-school.csv'
    sheet.write_text(sheet.read_text().replace('127.0.60.', '127.0.61.'))
    started = lab('up', '--name', 'pytest-demo', '--inventory', str(inventory))
    assert started.returncode == 0, started.stderr
    yield os.path.join(ROOT, '.cache', 'lab', 'pytest-demo', 'inventory')
    lab('down', '--name', 'pytest-demo')


def test_demo_school_servers_put_on_the_standard_with_the_sheets_queues_and_banners(run_ansible, demo_school):
    run = run_ansible('ansible-playbook', '-i', demo_school, 'playbooks/servers.yml', *VAULT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    assert 'Printer rm4-prn01 has no printer URI in the asset sheet' in run.stdout + run.stderr
    # checking cupsd.conf (PRN-SRV-04) leaves nothing in the temp folder of the account Ansible logs in with
    assert 'Error deleting remote temporary files' not in run.stdout + run.stderr
    assert in_demo_container('demo-print01', 'find /home/dsadmin/.ansible/tmp -mindepth 1') == ''
    queues = ad_hoc(run_ansible, demo_school, 'role_print_server', 'district.standard.cups_printer_info')
    printers = dict((p['name'], p) for p in queues['demo-print01']['printers'])
    assert sorted(printers) == ['lab1-prn01', 'lib-prn01', 'office-copier01']
    lib = printers['lib-prn01']
    assert (lib['device_uri'], lib['location'], lib['description'], lib['shared'], lib['enabled']) == (
        'lpd://10.60.2.250/queue', 'Library', 'HL-L5200DW (asset 300122)', True, True)
    shown = run_ansible('ansible-playbook', '-i', demo_school, 'playbooks/print_queues.yml', check=True).stdout
    assert 'sheet printers with no queue: rm4-prn01' in shown and 'office-copier01  ready   shared' in shown
    # the copier's user and password (the demo vault's printer_credentials) are in its queue, and nowhere else
    assert printers['office-copier01']['device_uri'] == 'ipp://10.60.3.250/ipp/print'  # CUPS never shows them
    # cupsd writes printers.conf up to 30 s after a change (DirtyCleanInterval)
    conf = in_demo_container('demo-print01', 'for i in $(seq 90); do grep -q "^DeviceURI ipp://demo-office:" '
                                             '/etc/cups/printers.conf && break; sleep 1; done; cat /etc/cups/printers.conf')
    assert 'DeviceURI ipp://demo-office:Demo-Copier%2F7%40office@10.60.3.250/ipp/print' in conf
    assert all(secret not in run.stdout + run.stderr + shown for secret in ('Demo-Copier', 'Demo-Copier%2F7'))
    # the pre-login banner (sent to anyone who reaches sshd) holds the notice only; motd, after login, names the
    # asset, its room and its owner; root cannot log in, the district admin account the lab logs in with can
    issue = in_demo_container('demo-app01', 'cat /etc/issue.net')
    assert 'Example Unified School District' in issue and 'Authorised use only' in issue
    for private in ('300101', 'Server Room', 'IT office', 'Demo Elementary', 'Assigned', 'Asset'):
        assert private not in issue, private
    motd = in_demo_container('demo-app01', 'cat /etc/motd')
    assert 'asset 300101' in motd and 'room Server Room' in motd and 'Assigned to IT office' in motd
    ssh = ['ssh', '-i', os.path.join(ROOT, '.cache', 'lab', 'pytest-demo', 'id_ed25519'), '-p', '2222',
           '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null']
    admin = subprocess.run(ssh + ['dsadmin@127.0.61.10', 'id -un'], check=False, capture_output=True, text=True, timeout=60)
    assert admin.returncode == 0 and admin.stdout.strip() == 'dsadmin', admin.stderr
    assert 'Authorised use only' in admin.stderr and '300101' not in admin.stderr  # the banner as a client sees it
    root = subprocess.run(ssh + ['root@127.0.61.10', 'true'], check=False, capture_output=True, text=True, timeout=60)
    assert root.returncode == 255 and 'Permission denied' in root.stderr


def test_an_enforce_run_after_a_cached_dry_run_enforces(run_ansible, demo_school, test_state):
    """The dry run leaves facts in the fact cache, never its run mode: the next run, sharing that cache, enforces."""
    podman_exec = ['podman', 'exec', 'dslab-pytest-demo-demo-app01', 'sh', '-c']
    env = dict(os.environ, CONTAINERS_CONF=os.path.join(ROOT, 'scripts', 'lab', 'containers.conf'))
    subprocess.run(podman_exec + ['echo "planted" > /etc/issue.net'], env=env, check=True)
    dry = run_ansible('ansible-playbook', '-i', demo_school, 'playbooks/compliance.yml', '--limit', 'demo-app01', *VAULT)
    assert dry.returncode == 0, dry.stdout[-3000:]
    cached = glob.glob(str(test_state / 'facts' / '*'))
    assert cached, 'the dry run wrote no fact cache'
    for path in cached:
        with open(path) as handle:
            facts = json.load(handle)
        assert [key for key in facts if 'check_mode' in key or key.startswith('baseline_')] == [], path
    enforce = run_ansible('ansible-playbook', '-i', demo_school, 'playbooks/servers.yml', '--limit', 'demo-app01',
                          *VAULT)
    assert enforce.returncode == 0, enforce.stdout[-3000:]
    assert 'changed: [demo-app01]' in enforce.stdout and 'APP-BAN-01' in enforce.stdout
    banner = subprocess.run(podman_exec + ['cat /etc/issue.net'], check=False, env=env, capture_output=True, text=True).stdout
    assert banner.strip() and 'planted' not in banner
