"""The configuration profiles and declarations made from the district standard (plugin_utils/macos_profiles.py,
the filters of plugins/filter/macos.py), and the verdict of a profile-delivered control from what a Mac reports
(tests/fixtures/macos/managed_prefs_lab_mac.json: what the role's probe prints)."""

import json
import os
import plistlib

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.district.standard.plugins.filter.macos import FilterModule
from ansible_collections.district.standard.plugins.plugin_utils import macos_profiles as mp
from ansible_collections.district.standard.plugins.module_utils import macos_system as ms

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'macos')
PREFIX = 'org.example.district'
UPDATE = {'automatic_check': True, 'automatic_download': True, 'critical': True, 'config_data': True,
          'target_os_version': '', 'target_local_datetime': ''}
STAFF = {'screen_lock_seconds': 900, 'screen_lock_grace_seconds': 0, 'login_window_text': 'District notice.',
         'login_window_name_password': True, 'software_update': UPDATE, 'student_restrictions': False,
         'use_last_printer': False}
STUDENT = dict(STAFF, student_restrictions=True, screen_lock_seconds=600)
FILTERS = FilterModule().filters()


def by_name(settings):
    return dict((p['name'], p) for p in mp.profiles(settings))


def test_profiles_of_staff_and_student_macs():
    assert sorted(by_name(STAFF)) == ['login-window', 'printing', 'screen-lock-900s', 'software-update']
    student = by_name(STUDENT)
    assert sorted(student) == ['airdrop-off', 'guest-account-off', 'login-window', 'printing', 'screen-lock-600s',
                               'software-update']
    assert student['airdrop-off']['payloads'][0]['content'] == {'allowAirDrop': False}
    assert student['guest-account-off']['payloads'][0]['content'] == {'DisableGuestAccount': True,
                                                                      'EnableGuestAccount': False}
    assert by_name(STAFF)['screen-lock-900s']['payloads'][0]['content'] == {
        'idleTime': 900, 'loginWindowIdleTime': 900, 'askForPassword': True, 'askForPasswordDelay': 0}
    assert 'LoginwindowText' not in by_name(dict(STAFF, login_window_text=''))['login-window']['payloads'][0]['content']


@pytest.mark.parametrize('bad, message', [
    ({'screen_lock_seconds': '900'}, 'screen_lock_seconds must be a int'),
    ({'screen_lock_seconds': 0}, 'must be > 0'),
    ({'login_window_name_password': 'yes'}, 'must be a bool'),
    ({'software_update': dict(UPDATE, critical=None)}, 'critical must be a bool'),
])
def test_profiles_refuse_settings_of_the_wrong_type(bad, message):
    with pytest.raises(ValueError, match=message):
        mp.profiles(dict(STAFF, **bad))


def test_mobileconfig_round_trip_and_stable_uuids():
    profile = by_name(STUDENT)['airdrop-off']
    data = plistlib.loads(mp.mobileconfig(profile, PREFIX, 'Example USD'))
    assert (data['PayloadType'], data['PayloadScope'], data['PayloadIdentifier']) == (
        'Configuration', 'System', PREFIX + '.airdrop-off')
    payload = data['PayloadContent'][0]
    assert (payload['PayloadType'], payload['allowAirDrop'], payload['PayloadVersion']) == (
        'com.apple.applicationaccess', False, 1)
    again = plistlib.loads(mp.mobileconfig(profile, PREFIX, 'Example USD'))
    assert again['PayloadUUID'] == data['PayloadUUID'] and again['PayloadContent'][0]['PayloadUUID'] == \
        payload['PayloadUUID']
    other = plistlib.loads(mp.mobileconfig(by_name(STAFF)['screen-lock-900s'], PREFIX, 'Example USD'))
    changed = plistlib.loads(mp.mobileconfig(by_name(dict(STAFF, screen_lock_grace_seconds=5))['screen-lock-900s'],
                                             PREFIX, 'Example USD'))
    assert changed['PayloadUUID'] != other['PayloadUUID'] and other['PayloadUUID'] != data['PayloadUUID']


def test_custom_settings_payload_forces_the_printing_key():
    data = plistlib.loads(mp.mobileconfig(by_name(STAFF)['printing'], PREFIX, 'Example USD'))
    payload = data['PayloadContent'][0]
    assert payload['PayloadType'] == 'com.apple.ManagedClient.preferences'
    assert payload['PayloadContent']['org.cups.PrintingPrefs']['Forced'] == [
        {'mcx_preference_settings': {'UseLastPrinter': False}}]


def test_declarations():
    items = mp.declarations(STAFF)
    assert [i['type'] for i in items] == ['com.apple.configuration.softwareupdate.settings']
    body = json.loads(mp.declaration(items[0], PREFIX))
    assert body['Payload']['AutomaticActions'] == {'Download': 'AlwaysOn', 'InstallSecurityUpdate': 'AlwaysOn'}
    assert body['Identifier'] == PREFIX + '.softwareupdate-settings' and len(body['ServerToken']) == 16
    target = dict(STAFF, software_update=dict(UPDATE, target_os_version='15.1', target_local_datetime='2026-09-15T18:00:00'))
    enforce = mp.declarations(target)[1]
    assert enforce['payload'] == {'TargetOSVersion': '15.1', 'TargetLocalDateTime': '2026-09-15T18:00:00'}
    off = mp.declarations(dict(STAFF, software_update=dict(UPDATE, automatic_download=False)))
    assert off[0]['payload']['AutomaticActions']['Download'] == 'Allowed'


def test_profiles_filter_gives_files():
    files = FILTERS['macos_profiles'](STUDENT, PREFIX, 'Example USD')
    names = [f['file'] for f in files]
    assert PREFIX + '.screen-lock-600s.mobileconfig' in names and PREFIX + '.softwareupdate-settings.json' in names
    for item in files:
        if item['kind'] == 'mobileconfig':
            assert plistlib.loads(item['content'].encode('utf-8'))['PayloadIdentifier'] == item['file'][:-13]
    with pytest.raises(AnsibleFilterError, match='screen_lock_seconds'):
        FILTERS['macos_profiles'](dict(STAFF, screen_lock_seconds=-1), PREFIX, 'x')


def lab_mac_state():
    answer = json.loads(open(os.path.join(FIXTURES, 'managed_prefs_lab_mac.json')).read())
    keys = [(a['domain'], a['key']) for a in answer]
    return {'changed': False, 'errors': {}, 'prefs': ms.parse_managed_prefs(json.dumps(answer), keys)}


def test_verdicts_from_what_the_mac_reports():
    keys = FILTERS['macos_profile_keys'](STAFF, PREFIX)
    assert {k['control'] for k in keys} == {'MAC-LOCK-02', 'MAC-LOCK-03', 'MAC-LOGIN-01', 'MAC-LOGIN-02',
                                            'MAC-UPD-01', 'MAC-UPD-02', 'PRN-CLI-05'}
    state = lab_mac_state()
    verdict = FILTERS['macos_control_verdict'](state, keys, 'MAC-LOCK-03')
    assert verdict == {'status': 'compliant', 'error': False,
                       'msg': 'set by a configuration profile (%s.screen-lock-900s.mobileconfig)' % PREFIX}
    # a profile forces 1200 s where the standard says 900: drift, and the file to deliver
    verdict = FILTERS['macos_control_verdict'](state, keys, 'MAC-LOCK-02')
    assert verdict['status'] == 'drift' and 'idleTime is 1200' in verdict['msg'] and 'screen-lock-900s' in verdict['msg']
    # the notice is there but written with defaults, not forced: not proof
    verdict = FILTERS['macos_control_verdict'](state, keys, 'MAC-LOGIN-01')
    assert verdict['status'] == 'managed-by-mdm' and 'LoginwindowText' in verdict['msg']
    assert FILTERS['macos_control_verdict'](state, keys, 'MAC-LOGIN-02')['status'] == 'managed-by-mdm'


def test_verdict_when_the_state_was_not_read():
    keys = FILTERS['macos_profile_keys'](STAFF, PREFIX)
    for state, why in (({'errors': {'prefs': 'osascript printed no JSON'}, 'prefs': {}}, 'no JSON'),
                       ({'failed': True, 'msg': 'MODULE FAILURE'}, 'MODULE FAILURE'), (None, 'no result')):
        verdict = FILTERS['macos_control_verdict'](state, keys, 'MAC-LOCK-02')
        assert verdict['error'] is True and why in verdict['msg']
    with pytest.raises(AnsibleFilterError, match='did not report'):
        FILTERS['macos_control_verdict']({'errors': {}, 'prefs': {}}, keys, 'MAC-LOCK-02')
    with pytest.raises(AnsibleFilterError, match='no profile key serves'):
        FILTERS['macos_control_verdict'](lab_mac_state(), keys, 'MAC-STU-03')


def test_verdict_compares_booleans_strictly():
    keys = mp.managed_keys(STUDENT, PREFIX)
    prefs = {'com.apple.applicationaccess': {'allowAirDrop': {'value': 0, 'forced': True}}}
    assert mp.control_verdict(keys, prefs, 'MAC-STU-03')['status'] == 'compliant'
    prefs['com.apple.applicationaccess']['allowAirDrop']['value'] = 'false'
    assert mp.control_verdict(keys, prefs, 'MAC-STU-03')['status'] == 'drift'


def test_index_csv():
    hosts = [{'inventory_hostname': 'b-mac', 'asset_school': '=cmd()', 'asset_room': 'Lab',
              'macos_profiles_files': [{'file': 'x.mobileconfig'}, {'file': 'y.json'}]},
             {'inventory_hostname': 'a-mac', 'macos_profiles_files': [{'file': 'x.mobileconfig'}]}]
    lines = FILTERS['macos_profiles_index'](hosts).splitlines()
    assert lines == ['host,school,room,file', 'a-mac,,,x.mobileconfig', "b-mac,'=cmd(),Lab,x.mobileconfig",
                     "b-mac,'=cmd(),Lab,y.json"]
