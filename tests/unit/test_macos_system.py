"""The parsers of plugins/module_utils/macos_system.py (systemsetup, fdesetup, dscl -plist, launchctl,
sysadminctl, mdmclient, pkgutil, the managed-preference probe) and the SSH access plan of macos_access.py, on the
outputs in tests/fixtures/macos (see its README.txt for which are recordings)."""

import json
import os

import pytest

from ansible_collections.district.standard.plugins.module_utils import macos_access as acc
from ansible_collections.district.standard.plugins.module_utils import macos_system as ms

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'macos')


def recorded(name):
    with open(os.path.join(FIXTURES, name)) as handle:
        return handle.read()


# systemsetup

def test_systemsetup_lines():
    assert ms.parse_systemsetup(recorded('systemsetup_get.txt')) == {
        'timezone': 'America/Chicago', 'network_time': True, 'network_time_server': 'time.apple.com',
        'remote_login': True}
    assert ms.parse_systemsetup(recorded('systemsetup_gettimezone_gmt.txt')) == {'timezone': 'GMT'}
    assert ms.parse_systemsetup(recorded('systemsetup_getusingnetworktime_off.txt')) == {'network_time': False}


def test_systemsetup_refusals_and_unknown_lines_are_errors():
    with pytest.raises(ValueError, match='run it as root'):
        ms.parse_systemsetup(recorded('systemsetup_not_root.txt'))
    with pytest.raises(ValueError, match='unrecognised line .### Error:-99'):
        ms.parse_systemsetup(recorded('systemsetup_error_99.txt'))
    with pytest.raises(ValueError, match='no setting'):
        ms.parse_systemsetup('\n')


# fdesetup

@pytest.mark.parametrize('name, enabled, state, percent', [
    ('fdesetup_on.txt', True, 'on', None),
    ('fdesetup_off.txt', False, 'off', None),
    ('fdesetup_encrypting.txt', True, 'encrypting', 42.1),
    ('fdesetup_decrypting.txt', False, 'decrypting', 57.35),
    ('fdesetup_deferred.txt', False, 'deferred', None),
])
def test_fdesetup_states(name, enabled, state, percent):
    status = ms.parse_fdesetup(recorded(name))
    assert (status['enabled'], status['state'], status['percent']) == (enabled, state, percent)


def test_fdesetup_details():
    assert ms.parse_fdesetup(recorded('fdesetup_deferred.txt'))['deferred_user'] == 'dsadmin'
    assert ms.parse_fdesetup('FileVault is Off, but will be enabled after the next restart.\n')['state'] == \
        'pending_restart'
    with pytest.raises(ValueError, match='unrecognised line'):
        ms.parse_fdesetup('Error: no permission\n')


# dscl, launchctl, sysadminctl, mdmclient, pkgutil

def test_dscl_plist_drops_the_standard_prefix():
    group = ms.parse_dscl_plist(recorded('dscl_group_admin.plist'))
    assert group['GroupMembership'] == ['root', 'setupadmin', 'dsadmin']
    assert group['GeneratedUID'] == ['ABCDEFAB-CDEF-ABCD-EFAB-CDEF00000050']
    with pytest.raises(ValueError, match='not a property list'):
        ms.parse_dscl_plist(recorded('dscl_record_not_found.stderr.txt'))


@pytest.mark.parametrize('name, disabled', [('launchctl_print_disabled_on.txt', False),
                                            ('launchctl_print_disabled_off.txt', True),
                                            ('launchctl_print_disabled_catalina.txt', False)])
def test_launchctl_print_disabled(name, disabled):
    services = ms.parse_launchctl_disabled(recorded(name))
    assert services['com.openssh.sshd'] is disabled and services['com.apple.ftpd'] is True
    assert acc.is_sshd_disabled(services) is disabled


def test_launchctl_unknown_lines_and_an_unlisted_sshd():
    with pytest.raises(ValueError, match='unrecognised line'):
        ms.parse_launchctl_disabled('disabled services = {\n\t"com.openssh.sshd" => maybe\n}\n')
    with pytest.raises(ValueError, match='unrecognised line'):
        ms.parse_launchctl_disabled('"com.openssh.sshd" => enabled\n')
    # never turned on: macOS ships ssh.plist with Disabled true, and may not list it
    assert acc.is_sshd_disabled(ms.parse_launchctl_disabled('disabled services = {\n}\n')) is True


def test_secure_token_status():
    assert ms.parse_secure_token(recorded('sysadminctl_token_enabled.stderr.txt'), 'dsadmin') is True
    assert ms.parse_secure_token(recorded('sysadminctl_token_disabled.stderr.txt'), 'dsadmin') is False
    assert ms.parse_secure_token('Secure token is ENABLED for user dsadmin\n', 'dsadmin') is True
    with pytest.raises(ValueError, match='no status for tech2'):
        ms.parse_secure_token(recorded('sysadminctl_token_enabled.stderr.txt'), 'tech2')
    with pytest.raises(ValueError, match='unrecognised line'):
        ms.parse_secure_token('sysadminctl: permission denied\n', 'dsadmin')


def test_remote_desktop():
    assert ms.parse_remote_desktop(recorded('mdmclient_querysecurityinfo_on.txt')) is True
    assert ms.parse_remote_desktop(recorded('mdmclient_querysecurityinfo_off.txt')) is False
    with pytest.raises(ValueError, match='enrolled'):
        ms.parse_remote_desktop('Daemon response: {\n}\n')


def test_pkg_info_and_versions():
    assert ms.parse_pkg_info(recorded('pkgutil_pkg_info_printer_drivers.plist'))['version'] == '2.3.1'
    assert ms.version_at_least('2.3.1', '2.3') and not ms.version_at_least('2.3.1', '2.4')
    assert ms.version_at_least('2.10', '2.9') and ms.version_at_least('125.0.6422.142', '125.0.6422.60')
    assert not ms.version_at_least('1.0b2', '1.0.1') and not ms.version_at_least('1.0b2', '1.0')
    assert ms.version_at_least('1.0', '1.0b2') and ms.version_at_least('2.4.0', '2.4')


def test_managed_prefs_answer():
    keys = [(d['domain'], d['key']) for d in json.loads(recorded('managed_prefs_lab_mac.json'))]
    prefs = ms.parse_managed_prefs(recorded('managed_prefs_lab_mac.json'), keys)
    assert prefs['com.apple.screensaver']['idleTime'] == {'value': 1200, 'forced': True}
    assert prefs['com.apple.loginwindow']['SHOWFULLNAME'] == {'value': None, 'forced': False}
    with pytest.raises(ValueError, match='expected 1 answers'):
        ms.parse_managed_prefs('[]', [('a', 'b')])
    with pytest.raises(ValueError, match='no JSON'):
        ms.parse_managed_prefs('execution error: -2700', [('a', 'b')])
    with pytest.raises(ValueError, match='unexpected answer'):
        ms.parse_managed_prefs('[{"domain": "a", "key": "c", "forced": false}]', [('a', 'b')])
    assert 'objectIsForcedForKey' in ms.MANAGED_PREFS_JXA and 'objectForKey' in ms.MANAGED_PREFS_JXA


# SSH open to one dedicated group

def test_access_plan_replaces_admin_nesting_in_a_safe_order():
    access = ms.parse_dscl_plist(recorded('dscl_group_access_ssh_admin.plist'))
    plan = acc.access_plan(access, ('district-ssh', None), None, ['dsadmin', 'tech2'], 'dsadmin')
    verbs = [' '.join(a[-4:]) for a in plan]
    assert plan[0][-1] == 'district-ssh' and plan[0][2] == 'create'
    assert verbs[1:3] == ['dsadmin -t user district-ssh', 'tech2 -t user district-ssh']
    nest = verbs.index('district-ssh -t group com.apple.access_ssh')
    unnest = [i for i, a in enumerate(plan) if a[0] == acc.DSCL and a[-1] == 'ABCDEFAB-CDEF-ABCD-EFAB-CDEF00000050']
    olduser = [i for i, a in enumerate(plan) if a[-4:] == ['olduser', '-t', 'user', acc.SSH_GROUP]]
    assert unnest and olduser and nest < unnest[0] and nest < olduser[0]


def test_access_plan_nothing_when_in_place_and_keeps_the_login():
    group = ms.parse_dscl_plist(recorded('dscl_group_district_ssh.plist'))
    access = ms.parse_dscl_plist(recorded('dscl_group_access_ssh_district.plist'))
    assert acc.access_plan(access, ('district-ssh', group), acc.generated_uid(group), ['tech2'], 'dsadmin') == []
    plan = acc.access_plan(access, ('district-ssh', group), acc.generated_uid(group), ['tech2'], 'root')
    assert plan == [[acc.DSEDITGROUP, '-o', 'edit', '-d', 'dsadmin', '-t', 'user', 'district-ssh']]


def test_access_plan_when_everyone_may_log_in():
    group = ms.parse_dscl_plist(recorded('dscl_group_district_ssh.plist'))
    plan = acc.access_plan(None, ('district-ssh', group), acc.generated_uid(group), ['dsadmin', 'tech2'], 'dsadmin')
    assert plan == [[acc.DSEDITGROUP, '-o', 'create', '-r', 'Remote Login ACL', acc.SSH_GROUP],
                    [acc.DSEDITGROUP, '-o', 'edit', '-a', 'district-ssh', '-t', 'group', acc.SSH_GROUP]]
