"""The compliance report's data and files (plugin_utils/compliance*.py), without a playbook run."""

import csv
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.district.standard.plugins.plugin_utils import compliance as cp, report_csv
from ansible_collections.district.standard.plugins.plugin_utils.compliance_files import write_reports
from ansible_collections.district.standard.plugins.plugin_utils.compliance_run import Run

EVIL = '<script>alert("x")</script>'
META = {'started': '2026-08-20T07:00:00', 'finished': '2026-08-20T07:05:00', 'playbook': 'compliance.yml',
        'scope': 'school_lincoln', 'report_dir': '/tmp/r'}
NO_TREND = ({}, {})


def sample_run(folder):
    run = Run(str(folder / 'spool'))
    run.host('pc1', {'school': 'Lincoln', 'room': 'Lab 101', 'asset_tag': '100001'})
    run.host('pc2', {'school': 'Lincoln', 'room': 'Lab 101', 'asset_tag': EVIL})
    run.host('pc3', {'school': 'Lincoln', 'room': 'Library', 'asset_tag': '=1+2'})
    run.host('pc4', {'school': 'Washington', 'room': 'Lab 2'})
    run.set_waivers('pc2', [{'control': 'APP-FW-01', 'reason': 'kiosk', 'owner': 'J. Smith', 'expires': '2027-06-30',
                             'expired': False, 'source': 'host_vars/pc2.yml'},
                            {'control': 'APP-LOG-01', 'reason': 'old', 'owner': 'K', 'expires': '2020-01-01',
                             'expired': True, 'source': 'group_vars/all.yml'}])
    for host in ('pc1', 'pc2', 'pc3'):
        run.record(1, host, 'APP-SSH-02', 'Harden sshd', 'app_server', 'compliant')
        run.record(1, host, 'APP-FW-01', 'Firewall', 'app_server',
                   cp.classify('skipped', {}, waived=host == 'pc2') if host == 'pc2' else 'compliant')
    run.record(1, 'pc1', 'APP-SSH-02', 'Harden sshd', 'app_server', 'drift', 'would change', '-a\n+b')
    run.record(1, 'pc1', 'APP-SSH-02', 'Harden sshd', 'app_server', 'compliant')  # a second task: drift stays
    run.record(1, 'pc1', 'APP-SSH-02', 'Harden sshd', 'app_server', 'drift', 'later', '-c\n+d')  # diffs add up
    run.record(1, 'pc3', 'APP-LOG-01', 'Journal', 'app_server', 'drift', EVIL, '+' + EVIL)
    run.record(1, 'pc3', 'APP-FW-01', 'Firewall', 'app_server', 'managed-by-mdm')
    run.record(1, 'pc1', 'APP-LOG-01', 'Journal', 'app_server', 'needs-edition')
    run.stopped(1, 'pc4', 'unreachable', 'unreachable: ssh timed out')
    run.finish()
    return run


def all_rows(run):
    """Every row of the run, school by school, as the report writers get them."""
    for school, hosts in run.schools().items():
        yield from run.rows(school, hosts)


def cells(run):
    return dict(((r['host'], r['control']), r) for r in all_rows(run))


def test_classify_and_the_worst_status_wins(tmp_path):
    assert cp.control_of('APP-SSH-02 | Disable root password login') == ('APP-SSH-02', 'Disable root password login')
    assert cp.control_of('Read the settings') is None and cp.control_of('app-ssh-02 | x') is None
    assert [cp.classify(*a) for a in [('ok', {'changed': True}, False), ('ok', {}, False), ('failed', {}, False),
                                      ('skipped', {}, True), ('skipped', {}, False), ('unreachable', {}, False),
                                      ('ok', {'skipped': True}, False)]] == [
        'drift', 'compliant', 'error', 'waived', 'not_applicable', 'unreachable', 'not_applicable']
    found = cells(sample_run(tmp_path))
    drift = found[('pc1', 'APP-SSH-02')]
    assert (drift['status'], drift['detail'], drift['diff']) == ('drift', 'would change', '-a\n+b\n-c\n+d')
    assert found[('pc2', 'APP-FW-01')]['status'] == 'waived'


def test_a_task_reports_mdm_and_edition_gaps_itself(tmp_path):
    """control_status results: the setting is not in effect and Ansible cannot put it there; never compliant."""
    for status in ('managed-by-mdm', 'needs-edition'):
        assert cp.classify('ok', {'changed': False, 'control_status': status}, False) == status
        assert status in cp.CHECKED
    assert cp.classify('ok', {'control_status': 'compliant'}, False) == 'compliant'
    assert cp.classify('skipped', {'control_status': 'managed-by-mdm'}, True) == 'waived'
    assert cp.pct({'compliant': 1, 'managed-by-mdm': 1}) == 50.0
    found = cells(sample_run(tmp_path))
    assert found[('pc3', 'APP-FW-01')]['status'] == 'managed-by-mdm'
    assert found[('pc1', 'APP-LOG-01')]['status'] == 'needs-edition'
    gap = Run(str(tmp_path / 'gap'))
    gap.record(1, 'mac1', 'MAC-FV-01', 'FileVault', 'macos_desktop', 'compliant')
    gap.record(1, 'mac1', 'MAC-PRF-01', 'Profile', 'macos_desktop', 'managed-by-mdm')
    assert gap.summary()[('district',)]['hosts_compliant'] == 0  # a gap is not fully compliant


def test_a_stopped_host_gets_the_controls_of_its_play(tmp_path):
    found = cells(sample_run(tmp_path))
    assert dict((k, (v['status'], v['detail'])) for k, v in found.items() if k[0] == 'pc4') == dict(
        (('pc4', c), ('unreachable', 'unreachable: ssh timed out')) for c in ('APP-SSH-02', 'APP-FW-01', 'APP-LOG-01'))


def test_an_unreachable_host_gets_the_controls_of_later_plays_that_target_it(tmp_path):
    run = Run(str(tmp_path / 'spool'))
    run.play_hosts = {1: ['a', 'b'], 2: ['b'], 3: ['a']}
    run.record(1, 'a', 'APP-SSH-02', 'Harden sshd', 'app_server', 'compliant')
    run.stopped(1, 'b', 'unreachable', 'unreachable: refused')
    run.expect(2, 'PRN-SRV-08', 'Queues', 'print_server')  # only b is in play 2: no result at all
    run.record(3, 'a', 'BAK-01', 'restic', 'backup', 'compliant')
    run.finish()
    assert dict((k, v['status']) for k, v in cells(run).items() if k[0] == 'b') == {
        ('b', 'APP-SSH-02'): 'unreachable', ('b', 'PRN-SRV-08'): 'unreachable'}  # not BAK-01: play 3 is not b's


def test_summary_per_school_and_room(tmp_path):
    s = sample_run(tmp_path).summary()
    assert s[('district',)]['hosts'] == 4 and s[('district',)]['hosts_compliant'] == 1  # pc2 only
    lab = s[('room', 'Lincoln', 'Lab 101')]
    assert (lab['hosts'], lab['counts']['drift'], lab['counts']['waived'], lab['pct']) == (2, 1, 1, 50.0)
    assert (lab['counts']['managed-by-mdm'], lab['counts']['needs-edition']) == (0, 1)
    assert s[('room', 'Lincoln', 'Library')]['counts']['managed-by-mdm'] == 1
    assert s[('school', 'Lincoln')]['top_drift'] == [('APP-LOG-01', 1), ('APP-SSH-02', 1)]
    assert s[('school', 'Washington')]['pct'] == 0.0 and s[('school', 'Washington')]['counts']['unreachable'] == 3
    assert s[('district',)]['drift_schools'] == {'APP-LOG-01': 1, 'APP-SSH-02': 1}


def test_memory_is_a_byte_per_cell_and_details_wait_on_disk(tmp_path):
    run = sample_run(tmp_path)
    assert all(isinstance(c, bytearray) and len(c) <= len(run.controls) for c in run.cells.values())
    spooled = os.listdir(str(tmp_path / 'spool'))
    assert len(spooled) == 1  # one file per school with drifting or failing cells: Lincoln (pc4 had no result)
    run.close()
    assert not os.path.exists(str(tmp_path / 'spool'))


def test_hosts_with_the_same_waivers_share_them(tmp_path):
    run = Run(str(tmp_path / 'spool'))
    waivers = [{'control': 'X-01', 'reason': 'r', 'owner': 'o', 'expires': '2099-01-01', 'expired': False}]
    run.set_waivers('a', list(waivers))
    run.set_waivers('b', [dict(w) for w in waivers])
    assert run.hosts['a'].waivers is run.hosts['b'].waivers and run.waiver('b', 'X-01')['reason'] == 'r'


def test_csv_never_runs_a_formula(tmp_path):
    assert [report_csv.csv_cell(v) for v in ('=1+2', '+1', '-1', '@SUM(A1)', '\tx', 'ok', None, 5)] == [
        "'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", 'ok', '', '5']
    rows = list(csv.DictReader(io.StringIO(report_csv.csv_text(cp.CSV_FIELDS, all_rows(sample_run(tmp_path))))))
    assert len(rows) == 11 and {r['asset_tag'] for r in rows if r['host'] == 'pc3'} == {"'=1+2"}
    assert not any(v[:1] in '=+-@' for r in rows for v in r.values() if v)


def written(tmp_path, run, diff_lines=40):
    folder = tmp_path / 'report'
    folder.mkdir()
    files = write_reports(str(folder), META, run, run.summary(), NO_TREND, diff_lines)
    return folder, files


def read(path, mode='r'):
    with open(str(path), mode, **({} if 'b' in mode else {'encoding': 'utf-8', 'newline': ''})) as handle:
        return handle.read()


def test_streaming_csv_is_the_single_file_csv_byte_for_byte(tmp_path):
    run = sample_run(tmp_path)
    folder, files = written(tmp_path, run)
    single = report_csv.csv_text(cp.CSV_FIELDS, all_rows(run)).encode('utf-8')
    assert read(folder / 'compliance.csv', 'rb') == single
    head, body = single.split(b'\r\n', 1)
    per_school = [read(os.path.join(files['schools'][s], 'compliance.csv'), 'rb') for s in ('Lincoln', 'Washington')]
    assert all(p.startswith(head + b'\r\n') for p in per_school)
    assert b''.join(p[len(head) + 2:] for p in per_school) == body


def test_json_and_junit_district_wide_and_per_school(tmp_path):
    run = sample_run(tmp_path)
    folder, files = written(tmp_path, run, diff_lines=1)
    data = json.loads(read(folder / 'compliance.json'))
    assert len(data['results']) == 11 and data['run']['scope'] == 'school_lincoln' and sorted(data['hosts']) == [
        'pc1', 'pc2', 'pc3', 'pc4']
    statuses = set(r['status'] for r in data['results'])
    assert {'managed-by-mdm', 'needs-edition', 'waived', 'unreachable', 'drift'} <= statuses
    district = dict(((r['host'], r['control']), r) for r in data['results'])
    assert district[('pc1', 'APP-SSH-02')]['diff'] == '-a\n... (3 more lines)'  # cut district-wide
    lincoln = json.loads(read(os.path.join(files['schools']['Lincoln'], 'compliance.json')))
    assert sorted(lincoln['hosts']) == ['pc1', 'pc2', 'pc3'] and len(lincoln['results']) == 8
    assert {s['school'] for s in lincoln['summary']} == {'Lincoln'}
    whole = dict(((r['host'], r['control']), r) for r in lincoln['results'])[('pc1', 'APP-SSH-02')]
    assert whole['diff'] == '-a\n+b\n-c\n+d'  # whole in the school's own file
    suite = ET.fromstring(read(folder / 'junit.xml'))
    assert (suite.get('tests'), suite.get('failures'), suite.get('errors'), suite.get('skipped')) == ('11', '4', '3', '1')
    failures = dict((c.get('classname') + ' ' + c.get('name').split()[0], c.find('failure')) for c in suite
                    if c.find('failure') is not None)
    assert failures['Lincoln.Library.pc3 APP-LOG-01'].get('message') == EVIL
    assert failures['Lincoln.Library.pc3 APP-LOG-01'].text == '+' + EVIL
    assert failures['Lincoln.Library.pc3 APP-FW-01'].get('type') == 'managed-by-mdm'
    assert failures['Lincoln.Lab 101.pc1 APP-LOG-01'].get('type') == 'needs-edition'
    school = ET.fromstring(read(os.path.join(files['schools']['Washington'], 'junit.xml')))
    assert (school.get('tests'), school.get('errors')) == ('3', '3')


@pytest.mark.parametrize('bad', ['\x0b', '\x1b', '\x00', '\x1f'])
def test_junit_with_control_characters_parses(tmp_path, bad):
    run = Run(str(tmp_path / 'spool'))
    run.host('pc' + bad, {'school': 'Lincoln' + bad, 'room': 'Lab' + bad + '101', 'asset_tag': '1'})
    run.record(1, 'pc' + bad, 'APP-SSH-02', 'Harden' + bad, 'app_server', 'drift', 'would' + bad, '+x' + bad)
    run.record(1, 'pc' + bad, 'APP-FW-01', 'Firewall', 'app_server', 'error', 'failed: \x1b[31mred' + bad)
    run.finish()
    folder, files = written(tmp_path, run)
    suite = ET.fromstring(read(folder / 'junit.xml'))
    cases = list(suite)
    assert len(cases) == 2 and cases[0].get('classname') == 'Lincoln?.Lab?101.pc?'
    assert cases[1].find('failure').text == '+x?' and cases[0].find('error').get('message') == 'failed: ?[31mred?'
    json.loads(read(folder / 'compliance.json'))
