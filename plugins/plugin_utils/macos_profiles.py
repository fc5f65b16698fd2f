# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The district's macOS configuration profiles and declarations, made from the district standard (the
role's macos_desktop_settings), and the verdict of a control from the managed preferences a Mac reports.

macOS honours some settings only when an MDM delivers them (a `defaults` write of them is ignored or overridden
per user), so the project generates the profiles for the district's MDM and the role reads what is in effect.
Payload types and keys are those of Apple's device-management schema (github.com/apple/device-management,
mdm/profiles and declarative/declarations); docs/policy/macos.yml lists each key with its source.
Controller side only (the filters of plugins/filter/macos.py); nothing here touches a Mac."""

from __future__ import annotations

import hashlib
import json
import plistlib
import uuid

# The preference domain a payload type's keys appear in on the Mac (managed preferences).
DOMAINS = {'com.apple.screensaver': 'com.apple.screensaver', 'com.apple.loginwindow': 'com.apple.loginwindow',
           'com.apple.SoftwareUpdate': 'com.apple.SoftwareUpdate', 'com.apple.MCX': 'com.apple.MCX',
           'com.apple.applicationaccess': 'com.apple.applicationaccess'}
CUSTOM_SETTINGS = 'com.apple.ManagedClient.preferences'


def _need(settings, key, kind):
    value = settings.get(key)
    if kind is bool and not isinstance(value, bool) or kind is int and (
            isinstance(value, bool) or not isinstance(value, int)) or kind is str and not isinstance(value, str):
        raise ValueError('macOS profiles: setting %s must be a %s, got %r' % (key, kind.__name__, value))
    return value


def _payload(ptype, controls, content, domain=None):
    """One payload: its type, its keys with the control each serves ({key: control}), its content."""
    return {'type': ptype, 'controls': controls, 'content': content, 'domain': domain or DOMAINS.get(ptype)}


def _profile(name, display, description, payloads):
    return {'name': name, 'display_name': display, 'description': description, 'payloads': payloads}


def profiles(settings):
    """The configuration profiles a Mac with SETTINGS (macos_desktop_settings) gets from the MDM: a list of
    {name, display_name, description, payloads}. Profiles whose values vary between Macs (the screen lock time)
    carry the value in their name, so each variant is its own file and MDM scope."""
    seconds = _need(settings, 'screen_lock_seconds', int)
    grace = _need(settings, 'screen_lock_grace_seconds', int)
    if seconds <= 0 or grace < 0:
        raise ValueError('macOS profiles: screen_lock_seconds must be > 0 and screen_lock_grace_seconds >= 0')
    update = settings.get('software_update') or {}
    out = [
        _profile('screen-lock-%ds' % seconds, 'District screen lock (%d s)' % seconds,
                 'Screen saver after %d s of inactivity, the password asked %d s after it starts (MAC-LOCK-02, '
                 'MAC-LOCK-03).' % (seconds, grace),
                 [_payload('com.apple.screensaver',
                           {'idleTime': 'MAC-LOCK-02', 'loginWindowIdleTime': 'MAC-LOCK-02',
                            'askForPassword': 'MAC-LOCK-03', 'askForPasswordDelay': 'MAC-LOCK-03'},
                           {'idleTime': seconds, 'loginWindowIdleTime': seconds, 'askForPassword': True,
                            'askForPasswordDelay': grace})]),
    ]
    text = _need(settings, 'login_window_text', str)
    login = {'SHOWFULLNAME': _need(settings, 'login_window_name_password', bool)}
    controls = {'SHOWFULLNAME': 'MAC-LOGIN-02'}
    if text:
        login['LoginwindowText'], controls['LoginwindowText'] = text, 'MAC-LOGIN-01'
    out.append(_profile('login-window', 'District login window',
                        'The district notice and name and password fields in the login window (MAC-LOGIN-01, '
                        'MAC-LOGIN-02).', [_payload('com.apple.loginwindow', controls, login)]))
    keys = (('AutomaticCheckEnabled', 'automatic_check', 'MAC-UPD-01'),
            ('AutomaticDownload', 'automatic_download', 'MAC-UPD-02'),
            ('CriticalUpdateInstall', 'critical', 'MAC-UPD-02'), ('ConfigDataInstall', 'config_data', 'MAC-UPD-02'))
    out.append(_profile('software-update', 'District software update settings',
                        'Check for updates, download them and install security responses and system data files '
                        'by themselves (MAC-UPD-01, MAC-UPD-02).',
                        [_payload('com.apple.SoftwareUpdate', dict((k, c) for k, _setting, c in keys),
                                  dict((k, _need(update, s, bool)) for k, s, _control in keys))]))
    if _need(settings, 'student_restrictions', bool):
        out.append(_profile('airdrop-off', 'District student Macs: AirDrop off', 'AirDrop off (MAC-STU-03).',
                            [_payload('com.apple.applicationaccess', {'allowAirDrop': 'MAC-STU-03'},
                                      {'allowAirDrop': False})]))
        out.append(_profile('guest-account-off', 'District student Macs: no guest account',
                            'The guest account off (MAC-STU-02).',
                            [_payload('com.apple.MCX', {'DisableGuestAccount': 'MAC-STU-02',
                                                        'EnableGuestAccount': 'MAC-STU-02'},
                                      {'DisableGuestAccount': True, 'EnableGuestAccount': False})]))
    printing = settings.get('use_last_printer')
    if printing is not None:
        out.append(_profile('printing', 'District default printer',
                            'The default printer is the one the district sets, not the last one used (PRN-CLI-05).',
                            [_payload(CUSTOM_SETTINGS, {'UseLastPrinter': 'PRN-CLI-05'},
                                      {'UseLastPrinter': bool(printing)}, domain='org.cups.PrintingPrefs')]))
    return out


def declarations(settings):
    """The declarative software-update configurations (macOS 15 for the settings, 14 for enforcement): a list
    of {name, type, payload}. Enforcement (install a version by a date) only when the standard names both."""
    update = settings.get('software_update') or {}

    def always(flag):
        return 'AlwaysOn' if _need(update, flag, bool) else 'Allowed'

    out = [{'name': 'softwareupdate-settings', 'type': 'com.apple.configuration.softwareupdate.settings',
            'payload': {'AutomaticActions': {'Download': always('automatic_download'),
                                             'InstallSecurityUpdate': always('critical')},
                        'RapidSecurityResponse': {'Enable': _need(update, 'critical', bool)},
                        'Notifications': True}}]
    target, deadline = update.get('target_os_version') or '', update.get('target_local_datetime') or ''
    if target and deadline:
        out.append({'name': 'softwareupdate-enforcement-%s' % target,
                    'type': 'com.apple.configuration.softwareupdate.enforcement.specific',
                    'payload': {'TargetOSVersion': str(target), 'TargetLocalDateTime': str(deadline)}})
    return out


def _uuid(*parts):
    """A UUID that stays the same while the profile's identifier and content do: re-generating the profiles
    gives the same files, and a changed profile gets a new UUID (a new version for the MDM)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(parts))).upper()


def _content_hash(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode('utf-8')).hexdigest()[:16]


def _payload_dict(payload, identifier):
    if payload['type'] == CUSTOM_SETTINGS:
        body = {'PayloadContent': {payload['domain']: {
            'Forced': [{'mcx_preference_settings': dict(payload['content'])}]}}}
    else:
        body = dict(payload['content'])
    body.update(PayloadType=payload['type'], PayloadIdentifier=identifier, PayloadVersion=1,
                PayloadUUID=_uuid(identifier, _content_hash(body)))
    return body


def mobileconfig(profile, prefix, organization):
    """The .mobileconfig (XML property list, bytes) of PROFILE, with identifiers under PREFIX (reverse DNS)."""
    identifier = '%s.%s' % (prefix, profile['name'])
    content = [_payload_dict(p, '%s.%s' % (identifier, p['type'].split('.')[-1].lower()))
               for p in profile['payloads']]
    top = {'PayloadContent': content, 'PayloadDisplayName': profile['display_name'],
           'PayloadDescription': profile['description'], 'PayloadIdentifier': identifier,
           'PayloadOrganization': organization, 'PayloadScope': 'System', 'PayloadType': 'Configuration',
           'PayloadVersion': 1, 'PayloadRemovalDisallowed': True}
    top['PayloadUUID'] = _uuid(identifier, _content_hash(top))
    return plistlib.dumps(top, fmt=plistlib.FMT_XML, sort_keys=True)


def declaration(item, prefix):
    """The JSON text of a declarative configuration (Type, Identifier, ServerToken, Payload)."""
    body = {'Type': item['type'], 'Identifier': '%s.%s' % (prefix, item['name']), 'Payload': item['payload']}
    body['ServerToken'] = _content_hash(body)
    return json.dumps(body, indent=2, sort_keys=True) + '\n'


def managed_keys(settings, prefix):
    """What the role checks on a Mac: [{control, domain, key, value, profile}] for every key of its profiles
    (profile: the file the MDM must deliver)."""
    out = []
    for profile in profiles(settings):
        for payload in profile['payloads']:
            for key, control in sorted(payload['controls'].items()):
                out.append({'control': control, 'domain': payload['domain'], 'key': key,
                            'value': payload['content'][key], 'profile': profile_file(profile, prefix)})
    return out


def profile_file(profile, prefix):
    return '%s.%s.mobileconfig' % (prefix, profile['name'])


def _same(wanted, found):
    if isinstance(wanted, bool) or isinstance(found, bool):
        return isinstance(found, (bool, int)) and bool(found) == wanted and found in (0, 1, True, False)
    return wanted == found


def control_verdict(keys, prefs, control):
    """{'status', 'msg'} of CONTROL from KEYS (managed_keys) and PREFS (what the Mac reports:
    {domain: {key: {'value', 'forced'}}}): compliant when a profile forces every key to the standard's value,
    drift when a profile forces another value, managed-by-mdm when no profile sets a key."""
    mine = [k for k in keys if k['control'] == control]
    if not mine:
        raise ValueError('no profile key serves control %s' % control)
    drift, missing = [], []
    for item in mine:
        found = (prefs.get(item['domain']) or {}).get(item['key'])
        if found is None:
            raise ValueError('the Mac did not report %s %s' % (item['domain'], item['key']))
        if not found['forced']:
            missing.append(item)
        elif not _same(item['value'], found['value']):
            drift.append(dict(item, found=found['value']))
    files = ', '.join(sorted(set(i['profile'] for i in drift + missing)))
    if drift:
        return {'status': 'drift', 'msg': '%s: deliver %s from the MDM' % ('; '.join(
            '%s %s is %r from a profile, the standard is %r' % (i['domain'], i['key'], i['found'], i['value'])
            for i in drift), files)}
    if missing:
        return {'status': 'managed-by-mdm', 'msg': 'no configuration profile sets %s: deliver %s from the MDM' % (
            ', '.join('%s %s' % (i['domain'], i['key']) for i in missing), files)}
    return {'status': 'compliant', 'msg': 'set by a configuration profile (%s)' % ', '.join(
        sorted(set(i['profile'] for i in mine)))}
