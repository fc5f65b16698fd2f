"""The Windows policy manifest (docs/policy/windows.yml) for the tests: load it, check an entry, check a registry
value against it. Used by tests/unit/test_windows_policy.py (the roles' tasks) and
tests/integration/test_desktop_data.py (the data every sample computer receives)."""

import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFEST = os.path.join(ROOT, 'docs', 'policy', 'windows.yml')
TYPES = ('dword', 'qword', 'string', 'expandstring', 'multistring', 'binary')
EDITIONS = ('Home', 'Pro', 'Education', 'Enterprise', 'SE')
EVERY_EDITION = ('Pro', 'Education', 'Enterprise')  # the editions the role supports
DELIVERY = ('ansible', 'mdm', 'gpo')
KEYS = ('control', 'key', 'type', 'allowed', 'delivered_by', 'source')
HIVES = {'HKLM:': 'HKLM', 'HKCU:': 'HKCU', 'HKLM:\\ANSIBLE': 'HKCU'}  # HKLM:\ANSIBLE = the Default profile's hive


def load(path=MANIFEST, section='values'):
    with open(path) as handle:
        return yaml.safe_load(handle)[section]


def registry_key(path, name):
    """'HKLM\\...\\name' for a win_regedit path (HKLM:\\..., or HKLM:\\ANSIBLE\\... in a loaded user hive)."""
    for prefix in sorted(HIVES, key=len, reverse=True):
        if path.startswith(prefix + '\\'):
            return '%s\\%s\\%s' % (HIVES[prefix], path[len(prefix) + 1:], name)
    if path.startswith(('HKLM\\', 'HKCU\\')):
        return '%s\\%s' % (path, name)
    return 'HKCU\\%s\\%s' % (path, name)  # a path under HKCU (the Default profile's settings)


def index(values):
    return dict((v['key'].lower(), v) for v in values)


def entry_problems(entry):
    """What is wrong with one manifest entry ([] when nothing)."""
    problems = ['missing %s' % k for k in KEYS if k not in entry]
    if 'editions' not in entry and 'os_versions' not in entry:
        problems.append('neither editions nor os_versions')
    if not set(entry.get('editions') or []) <= set(EDITIONS):
        problems.append('unknown edition in %s' % entry.get('editions'))
    if entry.get('type') not in TYPES:
        problems.append('type %r' % entry.get('type'))
    if entry.get('delivered_by') not in DELIVERY:
        problems.append('delivered_by %r' % entry.get('delivered_by'))
    if not re.match(r'^(https://\S+|undocumented: .+)', str(entry.get('source', ''))):
        problems.append('source is neither an https URL nor "undocumented: <why>"')
    if not re.match(r'^(HKLM|HKCU)\\.+\\[^\\]+$', str(entry.get('key', ''))):
        problems.append('key %r is not HKLM|HKCU\\path\\value' % entry.get('key'))
    allowed = entry.get('allowed')
    if not (isinstance(allowed, list) and allowed or isinstance(allowed, dict) and (
            set(allowed) == {'min', 'max'} or set(allowed) == {'pattern'})):
        problems.append('allowed must be a list, {min, max} or {pattern}')
    return problems


def value_problem(entry, value_type, data):
    """'' when DATA of VALUE_TYPE is what ENTRY allows, else why not."""
    if value_type != entry['type']:
        return '%s: type %s, the manifest says %s' % (entry['key'], value_type, entry['type'])
    allowed = entry['allowed']
    if entry['type'] in ('dword', 'qword'):
        try:
            number = int(data)
        except (TypeError, ValueError):
            return '%s: %r is not a number' % (entry['key'], data)
        if isinstance(allowed, list):
            ok = number in allowed
        else:
            ok = allowed['min'] <= number <= allowed['max']
        return '' if ok else '%s: %r is not in %s' % (entry['key'], data, allowed)
    if isinstance(allowed, list):
        return '' if data in allowed else '%s: %r is not in %s' % (entry['key'], data, allowed)
    if 'pattern' in allowed:
        return '' if re.search(allowed['pattern'], str(data)) else '%s: %r does not match %s' % (
            entry['key'], data, allowed['pattern'])
    return '%s: a range for a %s' % (entry['key'], entry['type'])


def limited(entry):
    """Whether a successful write alone does not make ENTRY effective on every supported computer."""
    return entry['delivered_by'] != 'ansible' or not set(EVERY_EDITION) <= set(entry.get('editions') or [])


def _minutes(hhmm):
    hours, minutes = str(hhmm).split(':')
    return int(hours) * 60 + int(minutes)


def patch_reach_problems(build, mac, start, hours):
    """Why a Windows computer with the settings BUILD (windows_desktop_settings) and sheet MAC would not install its
    updates in the patch window that starts at START (HH:MM) and lasts HOURS ([] when it would)."""
    problems = []
    power = build['power']
    begin, end = _minutes(start), _minutes(start) + int(hours) * 60
    if power['shutdown_at']:
        off = _minutes(power['shutdown_at'])
        if begin <= off < end or begin <= off + 24 * 60 < end:
            problems.append('the profile shuts the computer down at %s, inside the patch window' % power['shutdown_at'])
        elif not (build['wake_on_lan'] and mac):
            problems.append('off at patch time (shutdown %s) and no Wake-on-LAN to wake it (wake_on_lan %s, MAC %r)'
                            % (power['shutdown_at'], build['wake_on_lan'], mac))
    if power['sleep_minutes'] or power['hibernate_minutes']:
        wakes = [i for i in build['registry'].get('WIN-UPD-04', [])
                 if i['name'] == 'AUPowerManagement' and i['state'] == 'present' and int(i['data']) == 1]
        if not (build['wake_timers'] and wakes):
            problems.append('sleeps or hibernates, but Windows Update may not wake it (wake timers %s, '
                            'AUPowerManagement %s)' % (build['wake_timers'], bool(wakes)))
    return problems
