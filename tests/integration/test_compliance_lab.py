"""Proof of the dry-run compliance report on lab containers (issue: compliance before the school year).

Three servers of a proof school are put on the standard, then drift is planted on several controls (one of
them waived, one under an expired waiver). The dry run must change nothing (fingerprints of each host before
and after are identical) and report exactly the planted drift; enforcing then gives 100 % compliant; two
stopped containers are reported unreachable while the run finishes for the third. The HTML report (one school:
one page) is then loaded in headless Chromium, filtered, and a screenshot kept in tests/output/."""

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from headless import chromium, errors, visible_hosts
from test_lab import VAULT, lab

pytestmark = pytest.mark.lab  # on lab containers: make lab-tests

NAME = 'pytest-comp'
HEADER = ('Hostname,Asset Tag,Serial Number,MAC Address,IP Address,School,Room,Device Type,Operating System,'
          'OS Version,Model,Manufacturer,Status,Assigned To,Printer URI,Notes,Role\n')
SHEET = HEADER + """\
comp-app01,400101,PRFAPP01,02:00:00:00:63:0a,127.0.63.10,Proof School,Server Room,Server,Debian 12,12,R250,Dell,In Service,IT office,,,app_server
comp-app02,400102,PRFAPP02,02:00:00:00:63:0b,127.0.63.11,Proof School,Library,Server,Debian 12,12,R250,Dell,In Service,Library,,,app_server
comp-print01,400103,PRFPRN01,02:00:00:00:63:0c,127.0.63.12,Proof School,Server Room,Server,Debian 12,12,T150,Dell,In Service,IT office,,,print_server
lab-prn01,400111,PRFPRN11,02:00:00:00:63:15,10.63.1.250,Proof School,Lab 1,Printer,,,M404dn,HP,Active,,socket://10.63.1.250:9100,,
lib-prn01,400112,PRFPRN12,02:00:00:00:63:16,10.63.2.250,Proof School,Library,Printer,,,HL-L5200DW,Brother,Active,,lpd://10.63.2.250/queue,,
"""
WAIVED = """---
baseline_waivers:
  - control: APP-FW-01
    reason: the library catalogue vendor manages this firewall
    owner: Library (R. Jones)
    expires: 2099-12-31
"""
EXPIRED = """---
baseline_waivers:
  - control: APP-BAN-01
    reason: vendor login screen during the pilot
    owner: IT office
    expires: 2020-06-30
"""
PLANTED = {
    'comp-app01': 'sed -i "s/^PermitRootLogin .*/PermitRootLogin yes/" /etc/ssh/sshd_config.d/50-district.conf;'
                  ' echo "<b>Welcome</b> =cmd|calc" > /etc/issue.net',
    'comp-app02': 'rm /etc/systemd/journald.conf.d/50-district.conf; echo "# opened by the vendor" >> /etc/nftables.conf',
    # cupsd writes printers.conf up to 30 s later (DirtyCleanInterval): wait for it before fingerprinting
    'comp-print01': 'lpadmin -x lib-prn01; for i in $(seq 90); do grep -q lib-prn01 /etc/cups/printers.conf || break;'
                    ' sleep 1; done; ! grep -q lib-prn01 /etc/cups/printers.conf',
}
DRIFT = {('comp-app01', 'APP-SSH-02'), ('comp-app01', 'APP-BAN-01'), ('comp-app02', 'APP-LOG-02'),
         ('comp-print01', 'PRN-SRV-08')}
FINGERPRINT = r"""
set -o pipefail
for d in /etc /srv /usr/local/sbin /var/lib/district-standard; do
  [ -d "$d" ] && find "$d" -xdev \( -type f -o -type l -o -type d \) -printf '%p %m %u %g %l\n'
  [ -d "$d" ] && find "$d" -xdev -type f -print0 | xargs -0 -r sha256sum
done | sort
systemctl list-unit-files --state=enabled --no-legend --no-pager | sort
dpkg-query -W | sort
nft list ruleset 2>/dev/null || true
lpstat -v 2>/dev/null || true
"""


def podman(*args, check=True):
    env = dict(os.environ, CONTAINERS_CONF=os.path.join(ROOT, 'scripts', 'lab', 'containers.conf'))
    return subprocess.run(['podman'] + list(args), env=env, capture_output=True, text=True, check=check)


def fingerprint(host):
    return podman('exec', 'dslab-%s-%s' % (NAME, host), 'bash', '-c', FINGERPRINT).stdout


@pytest.fixture(scope='module')
def school(tmp_path_factory):
    """The proof school: its inventory (the demo school's group_vars with the sheet above) and reports folder."""
    base = tmp_path_factory.mktemp('compliance')
    inventory = base / 'inv'
    shutil.copytree(os.path.join(ROOT, 'inventories', 'demo'), inventory)
    (inventory / 'sheets' / 'demo-school.csv').write_text(SHEET)
    (inventory / 'host_vars').mkdir(exist_ok=True)
    (inventory / 'host_vars' / 'comp-app02.yml').write_text(WAIVED)
    (inventory / 'group_vars' / 'room_proof_school_server_room.yml').write_text(EXPIRED)
    started = lab('up', '--name', NAME, '--inventory', str(inventory))
    assert started.returncode == 0, started.stderr
    yield {'inventory': os.path.join(ROOT, '.cache', 'lab', NAME, 'inventory'), 'reports': base / 'reports'}
    lab('down', '--name', NAME)


def playbook(run_ansible, school, name, *extra):
    env = dict(DISTRICT_REPORT_DIR=str(school['reports']),
               DISTRICT_HISTORY_DB=str(school['reports'] / 'history.sqlite'))
    return run_ansible('ansible-playbook', '-i', school['inventory'], 'playbooks/' + name, *(VAULT + list(extra)),
                       env=env)


def report(school):
    with open(os.path.join(str(school['reports']), 'latest', 'compliance.json')) as handle:
        data = json.load(handle)
    return data, dict(((r['host'], r['control']), r) for r in data['results'])


def with_status(cells, status):
    return {key for key, row in cells.items() if row['status'] == status}


@pytest.fixture(scope='module')
def drift_report(run_ansible, school):
    """Enforce, plant drift, dry-run: the report, and the fingerprints before and after the dry run."""
    enforced = playbook(run_ansible, school, 'servers.yml')
    assert enforced.returncode == 0, enforced.stdout[-3000:] + enforced.stderr
    for host, command in PLANTED.items():
        podman('exec', 'dslab-%s-%s' % (NAME, host), 'bash', '-c', command)
    before = dict((h, fingerprint(h)) for h in PLANTED)
    run = playbook(run_ansible, school, 'compliance.yml', '-e', 'compliance_fail_on_drift=true')
    after = dict((h, fingerprint(h)) for h in PLANTED)
    data, cells = report(school)
    return {'run': run, 'before': before, 'after': after, 'data': data, 'cells': cells,
            'html': os.path.join(data['run']['report_dir'], 'compliance.html')}


def test_dry_run_changes_nothing(drift_report):
    for host, before in drift_report['before'].items():
        assert before.count('\n') > 1000, host  # a real fingerprint: files, units, packages
        assert drift_report['after'][host] == before, host


def test_dry_run_reports_exactly_the_planted_drift(drift_report):
    run, cells = drift_report['run'], drift_report['cells']
    assert 'COMPLIANCE SUMMARY' in run.stdout and 'Proof School' in run.stdout
    assert run.returncode == 2 and '4 drifting and 0 failed' in run.stdout + run.stderr  # compliance_fail_on_drift
    assert with_status(cells, 'drift') == DRIFT
    assert with_status(cells, 'error') == set() and with_status(cells, 'unreachable') == set()
    assert with_status(cells, 'waived') == {('comp-app02', 'APP-FW-01')}
    waived = cells[('comp-app02', 'APP-FW-01')]
    assert (waived['waiver_owner'], waived['waiver_expires']) == ('Library (R. Jones)', '2099-12-31')
    expired = cells[('comp-app01', 'APP-BAN-01')]
    assert expired['status'] == 'drift' and expired['waiver_expired'] and expired['waiver_expires'] == '2020-06-30'
    assert 'PermitRootLogin yes' in cells[('comp-app01', 'APP-SSH-02')]['diff']
    assert cells[('comp-print01', 'PRN-SRV-08')]['detail'] == 'would change: lib-prn01'
    assert len(with_status(cells, 'compliant')) > 40


def test_report_files_are_safe(drift_report):
    folder = drift_report['data']['run']['report_dir']
    page = open(drift_report['html'], encoding='utf-8').read()
    assert '<b>Welcome</b>' not in page and '&lt;b&gt;Welcome&lt;/b&gt;' in page
    table = open(os.path.join(folder, 'compliance.csv'), encoding='utf-8', newline='').read()
    assert table.startswith('school,room,host') and table.count('\r\n') == len(drift_report['cells']) + 1
    junit = open(os.path.join(folder, 'junit.xml'), encoding='utf-8').read()
    assert 'failures="4"' in junit and 'tests="%d"' % len(drift_report['cells']) in junit


def test_html_report_in_a_real_browser(drift_report):
    """One school: compliance.html is the school's page (no index), its filter works and its CSP lets its own
    style and script run (a blocked one is a console error)."""
    from selenium.webdriver.common.by import By

    assert not os.path.exists(os.path.join(drift_report['data']['run']['report_dir'], 'schools'))
    with chromium() as browser:
        browser.get('file://' + drift_report['html'])
        assert sorted(visible_hosts(browser)) == ['comp-app01', 'comp-app02', 'comp-print01']
        assert browser.find_element(By.ID, 'shown').text == '3 of 3 hosts'
        box = browser.find_element(By.ID, 'filter')
        box.send_keys('PRN-SRV-08 drift')
        assert visible_hosts(browser) == ['comp-print01']
        box.clear()
        box.send_keys('library')
        assert visible_hosts(browser) == ['comp-app02']
        assert browser.find_element(By.ID, 'shown').text == '1 of 3 hosts'
        assert errors(browser) == []
        os.makedirs(os.path.join(ROOT, 'tests', 'output'), exist_ok=True)
        shot = os.path.join(ROOT, 'tests', 'output', 'compliance-filtered.png')
        assert browser.save_screenshot(shot) and os.path.getsize(shot) > 10000
        print('screenshot: %s' % shot)


def test_enforce_then_fully_compliant_then_unreachable(run_ansible, school, drift_report):
    enforced = playbook(run_ansible, school, 'servers.yml')
    assert enforced.returncode == 0, enforced.stdout[-3000:]
    clean = playbook(run_ansible, school, 'compliance.yml', '-e', 'compliance_fail_on_drift=true')
    assert clean.returncode == 0, clean.stdout[-3000:]
    data, cells = report(school)
    assert with_status(cells, 'drift') == set() and with_status(cells, 'error') == set()
    school_row = next(s for s in data['summary'] if s['level'] == 'school')
    assert school_row['pct'] == 100.0 and school_row['hosts_compliant'] == 3

    for host in ('comp-app02', 'comp-print01'):
        podman('stop', '-t', '0', 'dslab-%s-%s' % (NAME, host))
    partial = playbook(run_ansible, school, 'compliance.yml')
    assert partial.returncode == 0, partial.stdout[-3000:]  # hosts that are off are reported, not a failure
    data, cells = report(school)
    assert {h for h, _c in with_status(cells, 'unreachable')} == {'comp-app02', 'comp-print01'}
    assert {h for h, _c in with_status(cells, 'compliant')} == {'comp-app01'}
    assert ('comp-print01', 'PRN-SRV-08') in cells  # its controls are listed, as unreachable
    page = open(os.path.join(data['run']['report_dir'], 'compliance.html'), encoding='utf-8').read()
    assert page.count('<polyline') == 3 and ' → ' in page  # the trend of the school and its 2 rooms, 3 runs
