# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsing what macOS system tools print: systemsetup, fdesetup, dscl -plist, launchctl print-disabled,
sysadminctl -secureTokenStatus, mdmclient QuerySecurityInfo, pkgutil --pkg-info-plist, and the JSON the
managed-preference probe prints. Used by the district.standard.macos_* modules on the Mac (Python 3.9 of the
Command Line Tools). Pure functions: they return plain values and raise ValueError naming the line they do not
recognise, so a changed format is an error of the one control that reads it."""

from __future__ import annotations

import json
import plistlib
import re

from ansible_collections.district.standard.plugins.module_utils.macos import output_lines

# systemsetup -get<option> prints 'Name: value'; the options the time module reads and sets.
_SYSTEMSETUP_KEYS = {'Time Zone': 'timezone', 'Network Time': 'network_time',
                     'Network Time Server': 'network_time_server', 'Remote Login': 'remote_login',
                     'Remote Apple Events': 'remote_apple_events', 'Computer Sleep': 'computer_sleep',
                     'Display Sleep': 'display_sleep', 'Wake On Network Access': 'wake_on_network_access',
                     'Restart After Power Failure': 'restart_after_power_failure'}
SYSTEMSETUP_GET = {'timezone': '-gettimezone', 'network_time': '-getusingnetworktime',
                   'network_time_server': '-getnetworktimeserver'}
_PERCENT_RE = re.compile(r'Percent completed = ([0-9]+(?:\.[0-9]+)?)', re.I)
# What NSLog puts before a message: '2024-02-12 07:12:07.968 tool[91464:9805959] '.
NSLOG_PREFIX = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [\w.-]+\[\d+(?::\w+)?\] ')
_DSCL_PREFIX = 'dsAttrTypeStandard:'


def parse_systemsetup(text):
    """`systemsetup -gettimezone -getusingnetworktime -getnetworktimeserver -getremotelogin` (any of its
    -get options, one or several): {'timezone': 'America/Chicago', 'network_time': True,
    'network_time_server': 'time.apple.com', 'remote_login': True}. On/Off become booleans."""
    out = {}
    for line in output_lines(text, 'systemsetup'):
        key, sep, value = line.strip().partition(': ')
        if not sep or key not in _SYSTEMSETUP_KEYS:
            if 'administrator access' in line or 'Full Disk Access' in line:
                raise ValueError('systemsetup: %s (run it as root, from a process with Full Disk Access)'
                                 % line.strip())
            raise ValueError('systemsetup: unrecognised line %r' % line.strip())
        value = value.strip()
        out[_SYSTEMSETUP_KEYS[key]] = {'On': True, 'Off': False}.get(value, value)
    if not out:
        raise ValueError('systemsetup: no setting in the output')
    return out


def parse_fdesetup(text):
    """`fdesetup status`: {'enabled': bool, 'state': 'on'|'off'|'encrypting'|'decrypting'|'deferred'|
    'pending_restart', 'percent': float or None, 'deferred_user': str or None}. enabled is what the
    'FileVault is On/Off' line says (encryption counts as enabled, decryption does not, when it is missing)."""
    enabled = state = percent = user = None
    for line in output_lines(text, 'fdesetup status'):
        line = line.strip()
        if line in ('FileVault is On.', 'FileVault is Off.'):
            enabled = line == 'FileVault is On.'
            state = state or ('on' if enabled else 'off')
        elif line.startswith('FileVault is Off, but will be enabled after the next restart'):
            enabled, state = False, 'pending_restart'
        elif line.startswith('Deferred enablement appears to be active'):
            state = 'deferred'
            m = re.search(r"""for user ['"](.+?)['"]""", line)
            user = m.group(1) if m else None
        elif re.match(r'^(Encryption|Decryption) (in progress|paused)', line, re.I):
            state = 'encrypting' if line.lower().startswith('encryption') else 'decrypting'
            m = _PERCENT_RE.search(line)
            percent = float(m.group(1)) if m else None
        elif line.startswith('FileVault master keychain appears to be installed'):
            continue
        else:
            raise ValueError('fdesetup status: unrecognised line %r' % line)
    if state is None:
        raise ValueError('fdesetup status: no FileVault state in the output')
    if enabled is None:
        enabled = state in ('on', 'encrypting')
    return {'enabled': enabled, 'state': state, 'percent': percent, 'deferred_user': user}


def _plist(text, what):
    try:
        data = plistlib.loads(text.encode('utf-8') if isinstance(text, str) else text)
    except Exception as exc:  # plistlib raises several types on text that is not a property list
        raise ValueError('%s: not a property list (%s)' % (what, exc)) from exc
    if not isinstance(data, dict):
        raise ValueError('%s: expected a dictionary, got %s' % (what, type(data).__name__))
    return data


def parse_dscl_plist(text):
    """`dscl -plist . -read /Groups/<name> [attributes]` (or /Users/<name>): {attribute: [values]}, with the
    'dsAttrTypeStandard:' prefix left out (GroupMembership, NestedGroups, GeneratedUID, RealName, IsHidden)."""
    data = _plist(text, 'dscl -plist -read')
    return dict((key[len(_DSCL_PREFIX):] if key.startswith(_DSCL_PREFIX) else key,
                 list(value) if isinstance(value, list) else [value]) for key, value in data.items())


def parse_launchctl_disabled(text):
    """`launchctl print-disabled system`: {label: True when disabled}. macOS 11 and later print
    '"label" => disabled' or '=> enabled'; older ones '=> true' (disabled) or '=> false'."""
    out, inside = {}, False
    for line in output_lines(text, 'launchctl print-disabled'):
        line = line.strip()
        if re.match(r'^disabled services = \{$', line):
            inside = True
            continue
        if line == '}':
            inside = False
            continue
        m = re.match(r'^"(?P<label>[^"]+)" => (?P<state>enabled|disabled|true|false)$', line)
        if not inside or not m:
            raise ValueError('launchctl print-disabled: unrecognised line %r' % line)
        out[m.group('label')] = m.group('state') in ('disabled', 'true')
    return out


def parse_secure_token(text, user):
    """`sysadminctl -secureTokenStatus USER` (it logs on standard error, with or without NSLog's prefix):
    True when the account holds a SecureToken."""
    for line in output_lines(text, 'sysadminctl -secureTokenStatus'):
        message = NSLOG_PREFIX.sub('', line.strip())
        m = re.match(r'^Secure token is (ENABLED|DISABLED) for user (.+)$', message)
        if m and m.group(2) == user:
            return m.group(1) == 'ENABLED'
        if m is None:
            raise ValueError('sysadminctl -secureTokenStatus: unrecognised line %r' % line.strip())
    raise ValueError('sysadminctl -secureTokenStatus: no status for %s in the output' % user)


def parse_remote_desktop(text):
    """`/usr/libexec/mdmclient QuerySecurityInfo`: True when Remote Management (Remote Desktop) is on
    ('RemoteDesktopEnabled = 1;', the line mSCP's system_settings_remote_management_disable rule reads)."""
    m = re.search(r'^\s*RemoteDesktopEnabled = (\d+);\s*$', text or '', re.M)
    if not m:
        raise ValueError('mdmclient QuerySecurityInfo: no RemoteDesktopEnabled in the output (is the Mac '
                         'enrolled in the MDM?)')
    return m.group(1) != '0'


def parse_pkg_info(text):
    """`pkgutil --pkg-info-plist ID`: {'pkgid', 'version', 'install_time'}."""
    data = _plist(text, 'pkgutil --pkg-info-plist')
    if 'pkgid' not in data or 'pkg-version' not in data:
        raise ValueError('pkgutil --pkg-info-plist: no pkgid or pkg-version in the receipt')
    return {'pkgid': data['pkgid'], 'version': str(data['pkg-version']), 'install_time': data.get('install-time')}


def version_key(version):
    """A sort key of a dotted version ('14.4.1', '2.10-3', '125.0.6422.142'): numbers compare as numbers, and a
    letter part (1.0b2) comes before any number, so a beta is older than its release."""
    parts = re.findall(r'\d+|[A-Za-z]+', str(version))
    return [(0, int(p), '') if p.isdigit() else (-1, 0, p.lower()) for p in parts]


def version_at_least(installed, wanted):
    have, need = version_key(installed), version_key(wanted)
    width = max(len(have), len(need))
    pad = [(0, 0, '')]
    return have + pad * (width - len(have)) >= need + pad * (width - len(need))


# The managed-preference probe: one osascript run asks NSUserDefaults (as mSCP's checks do) for each key's value
# and whether a configuration profile forces it (objectIsForcedForKey, Apple's Foundation API).
MANAGED_PREFS_JXA = r'''function run(argv) {
  var keys = JSON.parse(argv[0]), out = [];
  for (var i = 0; i < keys.length; i++) {
    var d = $.NSUserDefaults.alloc.initWithSuiteName(keys[i][0]);
    var v = ObjC.deepUnwrap(d.objectForKey(keys[i][1]));
    out.push({domain: keys[i][0], key: keys[i][1], forced: d.objectIsForcedForKey(keys[i][1]) ? true : false,
              value: v === undefined ? null : v});
  }
  return JSON.stringify(out);
}'''


def parse_managed_prefs(text, keys):
    """What MANAGED_PREFS_JXA printed for KEYS ([(domain, key)]): {domain: {key: {'value', 'forced'}}}."""
    try:
        data = json.loads(text)
    except ValueError:
        raise ValueError('managed preferences: osascript printed no JSON: %r' % (text or '').strip()[:200]) from None
    if not isinstance(data, list) or len(data) != len(keys):
        raise ValueError('managed preferences: expected %d answers, got %r' % (len(keys), str(data)[:200]))
    out = {}
    for (domain, key), item in zip(keys, data):
        if not isinstance(item, dict) or (item.get('domain'), item.get('key')) != (domain, key) or \
                not isinstance(item.get('forced'), bool):
            raise ValueError('managed preferences: unexpected answer %r for %s %s' % (item, domain, key))
        out.setdefault(domain, {})[key] = {'value': item.get('value'), 'forced': item['forced']}
    return out
