"""baseline_waivers add up from every inventory level (the district.standard.waivers lookup), the narrowest
level wins for one control, expiry is decided on the day, and a malformed waiver names its file."""

import json

INVENTORY = """all:
  children:
    school_lincoln:
      children:
        room_lincoln_lab_101:
          hosts:
            pc1: {ansible_connection: local}
            pc2: {ansible_connection: local}
"""
LEVELS = {
    'group_vars/all/district.yml': [{'control': 'APP-FW-01', 'reason': 'district', 'owner': 'CIS', 'expires': '2027-01-31'},
                                    {'control': 'APP-LOG-02', 'reason': 'district', 'owner': 'CIS', 'expires': '2027-01-31'}],
    'group_vars/school_lincoln.yml': [{'control': 'APP-BAN-01', 'reason': 'school', 'owner': 'Lincoln', 'expires': '2026-11-27'}],
    'group_vars/room_lincoln_lab_101.yml': [{'control': 'APP-FW-01', 'reason': 'room', 'owner': 'Lab', 'expires': '2026-11-28'}],
    'host_vars/pc2.yml': [{'control': 'APP-SSH-02', 'reason': 'host', 'owner': 'Tech', 'expires': '2026-12-01'}],
}


def inventory(tmp_path, levels):
    (tmp_path / 'hosts.yml').write_text(INVENTORY)
    for path, waivers in levels.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({'baseline_waivers': waivers}))
    return str(tmp_path / 'hosts.yml')


def waivers(run_ansible, hosts, today='2026-11-28'):
    result = run_ansible('ansible', '-i', hosts, 'all', '-m', 'ansible.builtin.debug', '-a',
                         "msg={{ lookup('district.standard.waivers', today='%s') }}" % today,
                         env=dict(ANSIBLE_STDOUT_CALLBACK='ansible.posix.json', ANSIBLE_LOAD_CALLBACK_PLUGINS='1'))
    return result, json.loads(result.stdout) if result.stdout.startswith('{') else None


def test_levels_add_up_and_the_narrowest_wins(run_ansible, tmp_path):
    result, data = waivers(run_ansible, inventory(tmp_path, LEVELS))
    assert result.returncode == 0, result.stdout + result.stderr
    got = dict((h, dict((w['control'], w) for w in r['msg'])) for h, r in data['plays'][0]['tasks'][0]['hosts'].items())
    assert sorted(got['pc1']) == ['APP-BAN-01', 'APP-FW-01', 'APP-LOG-02']
    assert sorted(got['pc2']) == ['APP-BAN-01', 'APP-FW-01', 'APP-LOG-02', 'APP-SSH-02']
    fw = got['pc1']['APP-FW-01']
    assert (fw['reason'], fw['level'], fw['source'], fw['expired']) == (
        'room', 'room', 'group_vars/room_lincoln_lab_101.yml', False)  # the last day still counts
    assert got['pc1']['APP-BAN-01']['expired'] is True and got['pc1']['APP-LOG-02']['level'] == 'district'
    assert (got['pc2']['APP-SSH-02']['level'], got['pc2']['APP-SSH-02']['source']) == ('host', 'host_vars/pc2.yml')
    _result, later = waivers(run_ansible, inventory(tmp_path, LEVELS), today='2026-12-02')
    assert dict((w['control'], w['expired']) for w in later['plays'][0]['tasks'][0]['hosts']['pc2']['msg']) == {
        'APP-BAN-01': True, 'APP-FW-01': True, 'APP-LOG-02': False, 'APP-SSH-02': True}


def test_malformed_waiver_names_file_and_position(run_ansible, tmp_path):
    bad = dict(LEVELS)
    bad['group_vars/school_lincoln.yml'] = [LEVELS['group_vars/school_lincoln.yml'][0],
                                            {'control': 'APP-BAN-02', 'reason': 'x', 'owner': 'y', 'expires': 'soon'}]
    result, _data = waivers(run_ansible, inventory(tmp_path, bad))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "group_vars/school_lincoln.yml: baseline_waivers[1]: expires 'soon' is not a date (YYYY-MM-DD)" in out
    bad['group_vars/school_lincoln.yml'] = [{'control': 'fw', 'reason': 'x', 'owner': 'y', 'expires': '2027-01-01'}]
    result, _data = waivers(run_ansible, inventory(tmp_path, bad))
    assert "baseline_waivers[0]: control 'fw' is not a control ID" in result.stdout + result.stderr
    bad['group_vars/school_lincoln.yml'] = [{'control': 'APP-FW-01', 'reason': 'x', 'expires': '2027-01-01'}]
    result, _data = waivers(run_ansible, inventory(tmp_path, bad))
    assert 'baseline_waivers[0]: missing owner' in result.stdout + result.stderr
