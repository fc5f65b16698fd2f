"""The macOS modules that make accounts and install software (macos_admin_account, macos_pkg,
macos_softwareupdate) against recorded tool output: passwords go to sysadminctl once and to softwareupdate on
standard input only, a package is installed only when its receipt is missing or older and its checksum matches,
and only what --history shows counts as installed."""

import hashlib

from recorded_macos import Mac, fixture, run_module
from ansible_collections.district.standard.plugins.modules import macos_admin_account, macos_pkg, macos_softwareupdate

DSCL_USER = ('/usr/bin/dscl', '-plist', '.', '-read', '/Users/dsadmin')
DSCL_ADMIN = ('/usr/bin/dscl', '-plist', '.', '-read', '/Groups/admin')
TOKEN = ('/usr/sbin/sysadminctl', '-secureTokenStatus', 'dsadmin')
NOT_FOUND = (56, None, 'dscl_record_not_found.stderr.txt')
ACCOUNT = {'name': 'dsadmin', 'full_name': 'Example Unified School District administrator',
           'password': 'S3cret-pw', 'token_admin_user': 'setupadmin', 'token_admin_password': 'T0ken-pw'}


# macos_admin_account

def test_account_made_with_sysadminctl_and_a_token_holder(monkeypatch):
    add = ('/usr/sbin/sysadminctl', '-addUser', 'dsadmin', '-fullName', ACCOUNT['full_name'], '-password',
           'S3cret-pw', '-admin', '-adminUser', 'setupadmin', '-adminPassword', 'T0ken-pw')
    mac = Mac({DSCL_USER: [NOT_FOUND, (0, 'dscl_user_dsadmin.plist', None)],
               DSCL_ADMIN: [(0, 'dscl_group_admin_without_dsadmin.plist', None), (0, 'dscl_group_admin.plist', None)],
               add: (0, None, None), TOKEN: (0, None, 'sysadminctl_token_enabled.stderr.txt')})
    result = run_module(monkeypatch, macos_admin_account.main, ACCOUNT, mac)
    assert result['changed'] and result['exists'] and result['admin'] and result['secure_token'] is True
    assert 'S3cret-pw' not in str(result) and 'T0ken-pw' not in str(result)
    assert result['commands'][0][:3] == ['/usr/sbin/sysadminctl', '-addUser', 'dsadmin']


def test_account_without_token_is_reported_and_kept(monkeypatch):
    mac = Mac({DSCL_USER: (0, 'dscl_user_dsadmin.plist', None), DSCL_ADMIN: (0, 'dscl_group_admin.plist', None),
               TOKEN: (0, None, 'sysadminctl_token_disabled.stderr.txt')})
    args = dict(ACCOUNT, token_admin_user=None, token_admin_password=None)
    result = run_module(monkeypatch, macos_admin_account.main, args, mac)
    assert result['changed'] is False and result['secure_token'] is False
    result = run_module(monkeypatch, macos_admin_account.main, ACCOUNT, mac, check_mode=True)
    assert result['commands'] == [['/usr/sbin/sysadminctl', '-secureTokenOn', 'dsadmin', '-password', '********',
                                   '-adminUser', 'setupadmin', '-adminPassword', '********']]
    assert result['secure_token'] is True and len([c for c in mac.commands() if '-secureTokenOn' in c]) == 0


def test_mdm_managed_admin_is_never_made(monkeypatch):
    mac = Mac({DSCL_USER: NOT_FOUND, DSCL_ADMIN: (0, 'dscl_group_admin.plist', None)})
    result = run_module(monkeypatch, macos_admin_account.main, dict(ACCOUNT, create=False), mac)
    assert result['failed'] and 'managed administrator' in result['msg']
    assert all('-addUser' not in argv for argv in mac.commands())


def test_sysadminctl_that_says_ok_but_made_nothing_is_a_failure(monkeypatch):
    add = ('/usr/sbin/sysadminctl', '-addUser', 'dsadmin', '-password', 'S3cret-pw', '-admin')
    mac = Mac({DSCL_USER: NOT_FOUND, DSCL_ADMIN: (0, 'dscl_group_admin.plist', None), add: (0, None, None)})
    result = run_module(monkeypatch, macos_admin_account.main, {'name': 'dsadmin', 'password': 'S3cret-pw'}, mac)
    assert result['failed'] and 'exits 0' in result['msg'] and 'S3cret-pw' not in str(result)


# macos_pkg

PKG_INFO = ('/usr/sbin/pkgutil', '--pkg-info-plist', 'org.district.pkg.printer-drivers')


def pkg_args(path, data, version='2.4'):
    return {'name': 'Printer drivers', 'receipt': 'org.district.pkg.printer-drivers', 'version': version,
            'path': str(path), 'checksum': 'sha256:' + hashlib.sha256(data).hexdigest()}


def test_pkg_older_receipt_is_upgraded_and_confirmed(monkeypatch, tmp_path):
    pkg = tmp_path / 'drivers.pkg'
    pkg.write_bytes(b'xar! package bytes')
    newer = fixture('pkgutil_pkg_info_printer_drivers.plist').replace('2.3.1', '2.4.0')
    mac = Mac({PKG_INFO: [(0, 'pkgutil_pkg_info_printer_drivers.plist', None), (0, ('text', newer), None)],
               ('/usr/sbin/installer', '-pkg', str(pkg), '-target', '/'): (0, None, None)})
    result = run_module(monkeypatch, macos_pkg.main, pkg_args(pkg, b'xar! package bytes'), mac)
    assert result['changed'] and (result['before'], result['version']) == ('2.3.1', '2.4.0')
    mac = Mac({PKG_INFO: (0, ('text', newer), None)})
    assert run_module(monkeypatch, macos_pkg.main, pkg_args(pkg, b'xar! package bytes'), mac)['changed'] is False


def test_pkg_with_a_wrong_checksum_is_never_installed(monkeypatch, tmp_path):
    pkg = tmp_path / 'drivers.pkg'
    pkg.write_bytes(b'tampered')
    mac = Mac({PKG_INFO: (1, None, 'pkgutil_no_receipt.stderr.txt')})
    result = run_module(monkeypatch, macos_pkg.main, pkg_args(pkg, b'the real package'), mac)
    assert result['failed'] and 'not installed' in result['msg']
    assert all(argv[0] != '/usr/sbin/installer' for argv in mac.commands())


def test_pkg_unreadable_share_says_full_disk_access(monkeypatch, tmp_path):
    mac = Mac({PKG_INFO: (1, None, 'pkgutil_no_receipt.stderr.txt')})
    result = run_module(monkeypatch, macos_pkg.main, pkg_args(tmp_path / 'missing.pkg', b'x'), mac, check_mode=True)
    assert result['failed'] and 'Full Disk Access' in result['msg']
    args = pkg_args(tmp_path, b'x')
    del args['path']
    result = run_module(monkeypatch, macos_pkg.main, dict(args, url='http://packages/x.pkg'), mac)
    assert result['failed'] and 'https://' in result['msg']


# macos_softwareupdate

SU = '/usr/sbin/softwareupdate'
LIST, HISTORY = (SU, '--list'), (SU, '--history')
VERSION = ('/usr/bin/sw_vers', '-productVersion')
INSTALL = (SU, '--install', 'macOS Ventura 13.6-22G120', '--agree-to-license', '--user', 'dsadmin', '--stdinpass')
AFTER = fixture('softwareupdate_history.txt') + 'macOS Ventura 13.6       13.6       10/11/2023, 19:22:01\n'


def ventura(history_answers):
    return {VERSION: (0, ('text', '13.5.2\n'), None),
            LIST: (0, 'softwareupdate_list_recorded_ventura_major_offered.txt', None), HISTORY: history_answers}


def test_list_leaves_the_major_upgrade_alone(monkeypatch):
    mac = Mac(ventura((0, 'softwareupdate_history.txt', None)))
    result = run_module(monkeypatch, macos_softwareupdate.main, {'action': 'list'}, mac)
    assert [u['label'] for u in result['updates']] == ['Safari17.0VenturaAuto-17.0', 'macOS Ventura 13.6-22G120']
    assert [u['label'] for u in result['upgrades']] == ['macOS Sonoma 14.0-23A344'] and not result['changed']


def test_install_on_apple_silicon_password_on_stdin_and_history_decides(monkeypatch):
    monkeypatch.setattr(macos_softwareupdate.platform, 'machine', lambda: 'arm64')
    mac = Mac({**ventura([(0, 'softwareupdate_history.txt', None), (0, ('text', AFTER), None)]),
               INSTALL: (0, ('text', 'Installing macOS Ventura 13.6\nDone.\n'), None)})
    args = {'action': 'install', 'labels': ['macOS Ventura 13.6-22G120'], 'user': 'dsadmin', 'password': 'Vol-pw'}
    result = run_module(monkeypatch, macos_softwareupdate.main, args, mac)
    assert result['changed'] and result['installed'] == ['macOS Ventura 13.6-22G120']
    install = [(argv, data) for argv, data in mac.ran if '--install' in argv]
    assert install == [(list(INSTALL), 'Vol-pw')] and all('Vol-pw' not in a for a, _data in mac.ran)
    assert mac.commands().count(list(LIST)) == 1  # the catalogue is scanned once; after the install, the history


def test_install_that_printed_done_but_is_not_in_the_history_fails(monkeypatch):
    monkeypatch.setattr(macos_softwareupdate.platform, 'machine', lambda: 'arm64')
    mac = Mac({**ventura((0, 'softwareupdate_history.txt', None)), INSTALL: (0, ('text', 'Done.\n'), None)})
    args = {'action': 'install', 'labels': ['macOS Ventura 13.6-22G120'], 'user': 'dsadmin', 'password': 'Vol-pw'}
    result = run_module(monkeypatch, macos_softwareupdate.main, args, mac)
    assert result['failed'] and result['installed'] == [] and result['not_installed'] == ['macOS Ventura 13.6-22G120']


def test_install_refuses_a_major_upgrade_and_needs_an_owner_on_apple_silicon(monkeypatch):
    monkeypatch.setattr(macos_softwareupdate.platform, 'machine', lambda: 'arm64')
    mac = Mac(ventura((0, 'softwareupdate_history.txt', None)))
    result = run_module(monkeypatch, macos_softwareupdate.main,
                        {'action': 'install', 'labels': ['macOS Sonoma 14.0-23A344']}, mac)
    assert result['failed'] and 'major upgrade is never installed' in result['msg']
    result = run_module(monkeypatch, macos_softwareupdate.main,
                        {'action': 'install', 'labels': ['Safari17.0VenturaAuto-17.0']}, mac)
    assert result['failed'] and 'volume owner' in result['msg']
    assert all('--install' not in argv for argv in mac.commands())


def test_confirm_after_a_restart(monkeypatch):
    mac = Mac(ventura((0, ('text', AFTER), None)))
    listed = run_module(monkeypatch, macos_softwareupdate.main, {'action': 'list'},
                        Mac(ventura((0, 'softwareupdate_history.txt', None))))
    args = {'action': 'confirm', 'labels': ['macOS Ventura 13.6-22G120', 'Safari17.0VenturaAuto-17.0'],
            'history_before': listed['history'], 'updates_before': listed['updates']}
    result = run_module(monkeypatch, macos_softwareupdate.main, args, mac)
    assert result['installed'] == ['macOS Ventura 13.6-22G120']
    assert result['not_installed'] == ['Safari17.0VenturaAuto-17.0']
    assert list(LIST) not in mac.commands()  # confirm reads the history only
