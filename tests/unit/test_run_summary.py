"""The per-host table of lab runs and rollouts (plugin_utils/run_summary.py)."""

import csv
import io

from ansible_collections.district.standard.plugins.plugin_utils.run_summary import Summary, table, to_csv

INFO = {'pc1': {'asset_tag': '100201', 'school': 'Lincoln', 'room': 'Lab 101'},
        'pc2': {'asset_tag': '100202', 'school': 'Lincoln', 'room': 'Lab 101'},
        'pc3': {'asset_tag': '100203', 'school': 'Lincoln', 'room': 'Lab 101'},
        'pc4': {'asset_tag': '=cmd', 'school': 'Lincoln', 'room': 'Lab 101'}}


def _lab():
    summary = Summary()
    summary.batch('Lab - wake')
    summary.expect(list(INFO), INFO)
    summary.result('pc1', 'ok', action='wait_for_connection')
    summary.result('pc2', 'ok', action='wait_for_connection')
    summary.result('pc3', 'failed', 'timed out waiting for connection', 'ansible.builtin.wait_for_connection')
    summary.result('pc4', 'ok', action='wait_for_connection')
    summary.batch('Lab - build')
    summary.result('pc1', 'changed')
    summary.result('pc2', 'ok')
    summary.result('pc4', 'failed', 'apt failed', 'ansible.builtin.apt')
    return summary


def test_statuses_of_a_lab_run():
    rows = _lab().rows()
    assert [(r['status'], r['host']) for r in rows] == [
        ('failed', 'pc4'), ('unreachable', 'pc3'), ('enforced', 'pc1'), ('unchanged', 'pc2')]
    assert rows[1]['asset_tag'] == '100203' and 'did not come up' in rows[1]['detail']
    assert _lab().stopped_at() is None  # every host was run


def test_a_stopped_rollout_names_its_batch():
    summary = Summary()
    summary.batch('Rollout - school by school')
    summary.expect(['pc1', 'pc2', 'pc3'], INFO)
    summary.result('pc1', 'changed')
    summary.result('pc2', 'failed', 'boom')
    stopped = summary.stopped_at()
    assert stopped['hosts'] == ['pc1', 'pc2'] and stopped['failed'] == ['pc2']
    assert summary.counts() == {'failed': 1, 'unreachable': 0, 'not run': 1, 'enforced': 1, 'unchanged': 0}


def test_table_and_csv():
    rows = _lab().rows()
    text = table(rows)
    assert text.splitlines()[0].split() == ['status', 'host', 'asset', 'tag', 'school', 'room', 'detail']
    assert '100203' in text
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [row['host'] for row in parsed] == ['pc4', 'pc3', 'pc1', 'pc2']
    assert parsed[0]['asset_tag'] == "'=cmd"  # never a formula in Excel
