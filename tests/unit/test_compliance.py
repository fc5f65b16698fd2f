"""The compliance report's data and files (module_utils/compliance*.py), without a playbook run."""

import csv
import io
import json
import xml.etree.ElementTree as ET

from ansible_collections.district.standard.plugins.module_utils import compliance as cp
from ansible_collections.district.standard.plugins.module_utils.compliance_history import record, trend
from ansible_collections.district.standard.plugins.module_utils.compliance_html import render

EVIL = '<script>alert("x")</script>'
META = {'started': '2026-08-20T07:00:00', 'finished': '2026-08-20T07:05:00', 'playbook': 'compliance.yml',
        'scope': 'school_lincoln', 'report_dir': '/tmp/r'}


def sample_run():
    run = cp.Run()
    run.host('pc1', {'school': 'Lincoln', 'room': 'Lab 101', 'asset_tag': '100001'})
    run.host('pc2', {'school': 'Lincoln', 'room': 'Lab 101', 'asset_tag': EVIL})
    run.host('pc3', {'school': 'Lincoln', 'room': 'Library', 'asset_tag': '=1+2'})
    run.host('pc4', {'school': 'Washington', 'room': 'Lab 2'})
    run.hosts['pc2']['waivers'] = [{'control': 'APP-FW-01', 'reason': 'kiosk', 'owner': 'J. Smith',
                                    'expires': '2027-06-30', 'expired': False, 'source': 'host_vars/pc2.yml'},
                                   {'control': 'APP-LOG-01', 'reason': 'old', 'owner': 'K', 'expires': '2020-01-01',
                                    'expired': True, 'source': 'group_vars/all.yml'}]
    for host in ('pc1', 'pc2', 'pc3'):
        run.record(1, host, 'APP-SSH-02', 'Harden sshd', 'app_server', 'compliant')
        run.record(1, host, 'APP-FW-01', 'Firewall', 'app_server',
                   cp.classify('skipped', {}, waived=host == 'pc2') if host == 'pc2' else 'compliant')
    run.record(1, 'pc1', 'APP-SSH-02', 'Harden sshd', 'app_server', 'drift', 'would change', '-a\n+b')
    run.record(1, 'pc1', 'APP-SSH-02', 'Harden sshd', 'app_server', 'compliant')  # a second task: drift stays
    run.record(1, 'pc3', 'APP-LOG-01', 'Journal', 'app_server', 'drift', EVIL, '+' + EVIL)
    run.stopped(1, 'pc4', 'unreachable', 'unreachable: ssh timed out')
    run.finish()
    return run


def test_classify_and_the_worst_status_wins():
    assert cp.control_of('APP-SSH-02 | Disable root password login') == ('APP-SSH-02', 'Disable root password login')
    assert cp.control_of('Read the settings') is None and cp.control_of('app-ssh-02 | x') is None
    assert [cp.classify(*a) for a in [('ok', {'changed': True}, False), ('ok', {}, False), ('failed', {}, False),
                                      ('skipped', {}, True), ('skipped', {}, False), ('unreachable', {}, False),
                                      ('ok', {'skipped': True}, False)]] == [
        'drift', 'compliant', 'error', 'waived', 'not_applicable', 'unreachable', 'not_applicable']
    run = sample_run()
    assert run.cells[('pc1', 'APP-SSH-02')]['status'] == 'drift'
    assert run.cells[('pc2', 'APP-FW-01')]['status'] == 'waived'


def test_a_task_reports_mdm_and_edition_gaps_itself():
    """control_status results: the setting is not in effect and Ansible cannot put it there; never compliant."""
    for status in ('managed-by-mdm', 'needs-edition'):
        assert cp.classify('ok', {'changed': False, 'control_status': status}, False) == status
        assert status in cp.CHECKED
    assert cp.classify('ok', {'control_status': 'compliant'}, False) == 'compliant'
    assert cp.classify('skipped', {'control_status': 'managed-by-mdm'}, True) == 'waived'
    assert cp.pct({'compliant': 1, 'managed-by-mdm': 1}) == 50.0


def test_a_stopped_host_gets_the_controls_of_its_play():
    run = sample_run()
    assert dict(((h, c), v['status']) for (h, c), v in run.cells.items() if h == 'pc4') == {
        ('pc4', 'APP-SSH-02'): 'unreachable', ('pc4', 'APP-FW-01'): 'unreachable', ('pc4', 'APP-LOG-01'): 'unreachable'}


def test_an_unreachable_host_gets_the_controls_of_later_plays_that_target_it():
    run = cp.Run()
    run.play_hosts = {1: ['a', 'b'], 2: ['b'], 3: ['a']}
    run.record(1, 'a', 'APP-SSH-02', 'Harden sshd', 'app_server', 'compliant')
    run.stopped(1, 'b', 'unreachable', 'unreachable: refused')
    run.expect(2, 'PRN-SRV-08', 'Queues', 'print_server')  # only b is in play 2: no result at all
    run.record(3, 'a', 'BAK-01', 'restic', 'backup', 'compliant')
    run.finish()
    assert dict((k, v['status']) for k, v in run.cells.items() if k[0] == 'b') == {
        ('b', 'APP-SSH-02'): 'unreachable', ('b', 'PRN-SRV-08'): 'unreachable'}  # not BAK-01: play 3 is not b's


def test_summary_per_school_and_room():
    s = sample_run().summary()
    assert s[('district',)]['hosts'] == 4 and s[('district',)]['hosts_compliant'] == 1  # pc2 only
    lab = s[('room', 'Lincoln', 'Lab 101')]
    assert (lab['hosts'], lab['counts']['drift'], lab['counts']['waived'], lab['pct']) == (2, 1, 1, 66.7)
    assert s[('school', 'Lincoln')]['top_drift'] == [('APP-LOG-01', 1), ('APP-SSH-02', 1)]
    assert s[('school', 'Washington')]['pct'] == 0.0 and s[('school', 'Washington')]['counts']['unreachable'] == 3


def test_csv_never_runs_a_formula():
    assert [cp.csv_cell(v) for v in ('=1+2', '+1', '-1', '@SUM(A1)', '\tx', 'ok', None, 5)] == [
        "'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", 'ok', '', '5']
    rows = list(csv.DictReader(io.StringIO(cp.to_csv(sample_run().rows()))))
    assert len(rows) == 10 and {r['asset_tag'] for r in rows if r['host'] == 'pc3'} == {"'=1+2"}
    assert not any(v[:1] in '=+-@' for r in rows for v in r.values() if v)


def test_json_and_junit():
    run = sample_run()
    data = json.loads(cp.to_json(META, run, run.summary()))
    assert len(data['results']) == 10 and data['run']['scope'] == 'school_lincoln'
    suite = ET.fromstring(cp.to_junit(META, run.rows()))
    assert (suite.get('tests'), suite.get('failures'), suite.get('errors'), suite.get('skipped')) == ('10', '2', '3', '1')
    failure = next(c for c in suite if c.get('classname') == 'Lincoln.Library.pc3' and c.get('name').startswith(
        'APP-LOG-01')).find('failure')
    assert failure.text == '+' + EVIL and failure.get('message') == EVIL


def test_html_escapes_every_value_and_is_self_contained():
    run = sample_run()
    page = render(META, run, run.summary(), {'Lincoln': [('a', 50.0), ('b', 75.0)]})
    assert EVIL not in page and '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in page
    assert page.count('<script>') == 1  # the page's own filter script
    assert 'src=' not in page.replace('default-src', '') and 'href="http' not in page
    assert 'polyline' in page and '50.0% &rarr; 75.0%' in page
    assert 'APP-LOG-01' in page and 'EXPIRED' not in page  # the expired waiver is not on a checked control
    assert 'Expired waivers' in page and 'old (K)' in page


def test_history_keeps_runs_and_gives_the_trend(tmp_path):
    db = str(tmp_path / 'h' / 'history.sqlite')
    assert trend(db) == {}
    run = sample_run()
    for n in range(12):
        record(db, dict(META, started='2026-08-%02dT07:00:00' % (n + 1)), run.summary())
    t = trend(db, runs=10)
    assert sorted(t) == ['Lincoln', 'Washington'] and len(t['Lincoln']) == 10
    assert t['Lincoln'][0] == ('2026-08-03T07:00:00', run.summary()[('school', 'Lincoln')]['pct'])
