"""The read-decide-run macOS modules (macos_pmset, macos_time, macos_remote_login, macos_state_info) against
recorded tool output (tests/unit/recorded_macos.py): what each runs, in check mode and for real, that a second run
changes nothing, and that output a parser does not know fails that one task with the line it met."""

import json

from recorded_macos import Mac, fixture, run_module
from ansible_collections.district.standard.plugins.module_utils import macos_access as acc
from ansible_collections.district.standard.plugins.module_utils import macos_system as ms
from ansible_collections.district.standard.plugins.modules import (macos_pmset, macos_remote_login,
                                                                   macos_state_info, macos_time)

PMSET, SYSTEMSETUP = '/usr/sbin/pmset', '/usr/sbin/systemsetup'
STANDARD = {'AC Power': {'displaysleep': 15, 'sleep': 30, 'disksleep': 10, 'womp': 1}}
LAB_EVENTS = [{'type': 'wakepoweron', 'days': 'MTWRF', 'time': '06:30'},
              {'type': 'shutdown', 'days': 'MTWRF', 'time': '18:00'}]


def desktop_after_standard():
    return fixture('pmset_custom_desktop.txt').replace('sleep                1', 'sleep                30').replace(
        'displaysleep         10', 'displaysleep         15')


# macos_pmset

def test_pmset_check_mode_reports_and_runs_only_the_reading(monkeypatch):
    mac = Mac({(PMSET, '-g', 'custom'): (0, 'pmset_custom_desktop.txt', None)})
    result = run_module(monkeypatch, macos_pmset.main, {'settings': STANDARD}, mac, check_mode=True)
    assert result['changed'] and result['commands'] == [['pmset', '-a', 'displaysleep', '15', 'sleep', '30']]
    assert mac.commands() == [[PMSET, '-g', 'custom']]


def test_pmset_real_run_sets_and_confirms_then_nothing_more(monkeypatch):
    mac = Mac({(PMSET, '-g', 'custom'): [(0, 'pmset_custom_desktop.txt', None), (0, ('text', desktop_after_standard()), None)],
               (PMSET, '-a', 'displaysleep', '15', 'sleep', '30'): (0, None, None)})
    result = run_module(monkeypatch, macos_pmset.main, {'settings': STANDARD}, mac)
    assert result['changed'] and result['settings']['AC Power']['sleep'] == 30
    assert mac.commands()[1] == [PMSET, '-a', 'displaysleep', '15', 'sleep', '30']
    again = Mac({(PMSET, '-g', 'custom'): (0, ('text', desktop_after_standard()), None)})
    assert run_module(monkeypatch, macos_pmset.main, {'settings': STANDARD}, again)['changed'] is False


def test_pmset_a_setting_the_mac_refuses_is_a_failure(monkeypatch):
    mac = Mac({(PMSET, '-g', 'custom'): (0, 'pmset_custom_desktop.txt', None),
               (PMSET, '-a', 'displaysleep', '15', 'sleep', '30'): (0, None, None)})
    result = run_module(monkeypatch, macos_pmset.main, {'settings': STANDARD}, mac)
    assert result['failed'] and 'pmset did not take: -a displaysleep 15 sleep 30' in result['msg']


def test_pmset_schedule_and_unknown_output(monkeypatch):
    mac = Mac({(PMSET, '-g', 'sched'): (0, 'pmset_sched_lab.txt', None)})
    assert run_module(monkeypatch, macos_pmset.main, {'schedule': LAB_EVENTS}, mac)['changed'] is False
    mac = Mac({(PMSET, '-g', 'sched'): (0, 'pmset_sched_none.txt', None)})
    result = run_module(monkeypatch, macos_pmset.main, {'schedule': LAB_EVENTS}, mac, check_mode=True)
    assert result['commands'] == [['pmset', 'repeat', 'wakeorpoweron', 'MTWRF', '06:30:00', 'shutdown', 'MTWRF',
                                   '18:00:00']]
    mac = Mac({(PMSET, '-g', 'sched'): (0, ('text', 'Repeating power events:\n  shutdown at 18:00 never\n'), None)})
    result = run_module(monkeypatch, macos_pmset.main, {'schedule': LAB_EVENTS}, mac)
    assert result['failed'] and 'pmset -g sched: unrecognised line' in result['msg']


# macos_time

def test_time_zone_set_and_confirmed(monkeypatch):
    read = (SYSTEMSETUP, '-gettimezone')
    mac = Mac({read: [(0, 'systemsetup_gettimezone_gmt.txt', None), (0, ('text', 'Time Zone: America/Chicago\n'), None)],
               (SYSTEMSETUP, '-settimezone', 'America/Chicago'): (0, None, None)})
    monkeypatch.setattr(macos_time.os.path, 'isfile', lambda path: path == '/usr/share/zoneinfo/America/Chicago')
    result = run_module(monkeypatch, macos_time.main, {'timezone': 'America/Chicago'}, mac)
    assert result['changed'] and result['before'] == {'timezone': 'GMT'} and result['after'] == {
        'timezone': 'America/Chicago'}
    assert result['commands'] == [['systemsetup', '-settimezone', 'America/Chicago']]


def test_time_refuses_an_unknown_zone_and_unknown_output(monkeypatch):
    monkeypatch.setattr(macos_time.os.path, 'isfile', lambda path: False)
    result = run_module(monkeypatch, macos_time.main, {'timezone': 'Mars/Olympus'}, Mac({}))
    assert result['failed'] and 'not one of /usr/share/zoneinfo' in result['msg']
    mac = Mac({(SYSTEMSETUP, '-getnetworktimeserver'): (0, 'systemsetup_error_99.txt', None)})
    result = run_module(monkeypatch, macos_time.main, {'ntp_server': 'ntp1.district.example.org'}, mac)
    assert result['failed'] and 'unrecognised line' in result['msg'] and len(mac.ran) == 1
    mac = Mac({(SYSTEMSETUP, '-getusingnetworktime'): (0, None, 'systemsetup_not_root.txt')})
    result = run_module(monkeypatch, macos_time.main, {'network_time': True}, mac)
    assert result['failed'] and 'run it as root' in result['msg']


def test_network_time_already_on(monkeypatch):
    mac = Mac({(SYSTEMSETUP, '-getusingnetworktime'): (0, ('text', 'Network Time: On\n'), None)})
    result = run_module(monkeypatch, macos_time.main, {'network_time': True}, mac)
    assert result['changed'] is False and result['commands'] == []


# macos_remote_login

DISABLED = ('/bin/launchctl', 'print-disabled', 'system')
GROUP_READ = (acc.DSCL, '-plist', '.', '-read', '/Groups/district-ssh')
ACCESS_READ = (acc.DSCL, '-plist', '.', '-read', '/Groups/com.apple.access_ssh')
NOT_FOUND = (56, None, 'dscl_record_not_found.stderr.txt')


def test_remote_login_turned_on_without_systemsetup(monkeypatch):
    mac = Mac({DISABLED: [(0, 'launchctl_print_disabled_off.txt', None), (0, 'launchctl_print_disabled_on.txt', None)],
               ('/bin/launchctl', 'enable', 'system/com.openssh.sshd'): (0, None, None),
               ('/bin/launchctl', 'bootstrap', 'system', '/System/Library/LaunchDaemons/ssh.plist'): (5, None, None),
               ('/bin/launchctl', 'print', 'system/com.openssh.sshd'): (0, None, None)})
    result = run_module(monkeypatch, macos_remote_login.main, {'enabled': True}, mac)
    assert result['changed'] and result['remote_login'] is True
    assert all('systemsetup' not in a[0] for a in mac.commands())
    mac = Mac({DISABLED: (0, 'launchctl_print_disabled_on.txt', None)})
    assert run_module(monkeypatch, macos_remote_login.main, {'enabled': True}, mac)['changed'] is False


def test_ssh_group_replaces_admin_and_is_confirmed(monkeypatch):
    args = {'access_group': 'district-ssh', 'access_members': ['tech2'], 'login_user': 'dsadmin'}
    before = Mac({GROUP_READ: NOT_FOUND, ACCESS_READ: (0, 'dscl_group_access_ssh_admin.plist', None)})
    result = run_module(monkeypatch, macos_remote_login.main, args, before, check_mode=True)
    assert result['changed'] and result['commands'][0][:3] == [acc.DSEDITGROUP, '-o', 'create']
    assert [acc.DSCL, '.', '-delete', '/Groups/com.apple.access_ssh', 'NestedGroups',
            'ABCDEFAB-CDEF-ABCD-EFAB-CDEF00000050'] in result['commands']
    assert len(before.ran) == 2
    done = Mac({GROUP_READ: (0, 'dscl_group_district_ssh.plist', None),
                ACCESS_READ: (0, 'dscl_group_access_ssh_district.plist', None)})
    assert run_module(monkeypatch, macos_remote_login.main, args, done)['changed'] is False
    result = run_module(monkeypatch, macos_remote_login.main, dict(args, access_group='admin'), Mac({}))
    assert result['failed'] and 'dedicated group' in result['msg']


# macos_state_info

def test_state_info_reads_each_part_and_keeps_errors_apart(monkeypatch):
    keys = [{'domain': 'com.apple.screensaver', 'key': 'idleTime', 'control': 'MAC-LOCK-02'},
            {'domain': 'com.apple.screensaver', 'key': 'askForPassword'}]
    answer = [{'domain': 'com.apple.screensaver', 'key': 'idleTime', 'forced': True, 'value': 900},
              {'domain': 'com.apple.screensaver', 'key': 'askForPassword', 'forced': False, 'value': None}]
    probe = ('/usr/bin/osascript', '-l', 'JavaScript', '-e', ms.MANAGED_PREFS_JXA,
             json.dumps([['com.apple.screensaver', 'idleTime'], ['com.apple.screensaver', 'askForPassword']]))
    mac = Mac({probe: (0, ('text', json.dumps(answer)), None),
               ('/usr/libexec/mdmclient', 'QuerySecurityInfo'): (0, 'mdmclient_querysecurityinfo_off.txt', None),
               ('/usr/bin/fdesetup', 'status'): (0, ('text', 'FileVault is On, at last.\n'), None)})
    result = run_module(monkeypatch, macos_state_info.main,
                        {'prefs': keys, 'remote_management': True, 'filevault': True}, mac)
    assert result['changed'] is False and result['prefs']['com.apple.screensaver']['idleTime'] == {
        'value': 900, 'forced': True}
    assert result['remote_management'] is False and result['filevault'] is None
    assert list(result['errors']) == ['filevault'] and 'unrecognised line' in result['errors']['filevault']
