"""The macOS policy manifest (docs/policy/macos.yml): well formed, true to Apple's device-management schema (facts
extracted once into tests/fixtures/macos/apple_device_management_schema.yml), and obeyed by the role data (the
defaults, every osx_defaults task, the pmset settings of the district power profiles) and by the profiles and
declarations the project generates (plistlib round trip, types, allowed values)."""

import glob
import json
import os
import plistlib
import re

import pytest
import yaml

from conftest import ROOT
from ansible_collections.district.standard.plugins.filter.macos import FilterModule
from ansible_collections.district.standard.plugins.module_utils import macos
from ansible_collections.district.standard.plugins.plugin_utils import macos_profiles as mp

MANIFEST = os.path.join(ROOT, 'docs', 'policy', 'macos.yml')
SCHEMA = os.path.join(ROOT, 'tests', 'fixtures', 'macos', 'apple_device_management_schema.yml')
FIELDS = {'control', 'key', 'type', 'allowed', 'os_versions', 'delivered_by', 'source'}
TYPES = {'boolean': (bool,), 'integer': (int,), 'string': (str,), 'array': (list,)}
SUPPORTED = (13, 15)  # the macOS versions the role supports


def load(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


ENTRIES = load(MANIFEST)
SCHEMA_FACTS = load(SCHEMA)


def entry(where, key, delivered_by=None):
    found = [e for e in ENTRIES if (e.get('payload') or e.get('domain')) == where and e['key'] == key
             and (delivered_by is None or e['delivered_by'] == delivered_by)]
    assert len(found) == 1, 'docs/policy/macos.yml has %d entries for %s %s' % (len(found), where, key)
    return found[0]


def allowed(item, value):
    """Whether VALUE has ITEM's type and is one of its allowed values."""
    kind = TYPES[item['type']]
    if not isinstance(value, kind) or (item['type'] == 'integer' and isinstance(value, bool)):
        return False
    rule = item['allowed']
    if isinstance(rule, list):
        return value in rule and all(type(v) is type(value) for v in rule if v == value)
    if 'pattern' in rule:
        return re.search(rule['pattern'], value if isinstance(value, str) else json.dumps(value)) is not None
    return rule['min'] <= value <= rule['max']


def version(text):
    return tuple(int(p) for p in str(text).split('.'))


# The manifest itself

def test_every_entry_is_complete_and_unique():
    seen = set()
    for item in ENTRIES:
        assert FIELDS <= set(item), item
        assert bool(item.get('payload')) != bool(item.get('domain')), item
        assert item['delivered_by'] in ('ansible', 'mdm') and item['type'] in TYPES, item
        assert (item['delivered_by'] == 'mdm') == bool(item.get('payload')), item
        assert re.match(r'^https://', item['source']), item
        assert re.match(r'^[A-Z]+(-[A-Z0-9]+)*-\d\d$', item['control']), item
        assert isinstance(item['allowed'], list) or set(item['allowed']) in ({'min', 'max'}, {'pattern'}), item
        assert set(item['os_versions']) <= {'min', 'max'} and 'min' in item['os_versions'], item
        where = (item.get('payload') or item.get('domain'), item.get('preference_domain'), item['key'])
        assert where not in seen, where
        seen.add(where)


def test_every_source_of_an_mdm_key_matches_apple_schema():
    for item in (e for e in ENTRIES if e['delivered_by'] == 'mdm'):
        payload = SCHEMA_FACTS['payloads'].get(item['payload'])
        assert payload is not None, 'no schema facts for %s' % item['payload']
        if item['payload'] == mp.CUSTOM_SETTINGS:  # any preference domain: the key is the app's own
            assert item.get('preference_domain') and 'PayloadContent' in payload['keys']
            continue
        parts = item['key'].split('.')
        facts = payload['keys'].get(parts[0])
        for part in parts[1:]:
            facts = (facts or {}).get('subkeys', {}).get(part)
        if facts is None:  # a key the schema files under another payload: the entry must say so
            assert 'mSCP' in item.get('note', '') and 'usnistgov/macos_security' in item['source'], item
            assert item['key'] in SCHEMA_FACTS['payloads'][item['payload'] + '.user']['keys'], item
            continue
        assert facts['type'] == item['type'], item
        if isinstance(item['allowed'], list) and 'allowed' in facts:
            assert set(item['allowed']) <= set(facts['allowed']), item
        introduced = facts.get('macos_introduced') or payload['macos_introduced']
        assert version(item['os_versions']['min']) >= version(introduced), item


# The role data

def role_tasks():
    for path in sorted(glob.glob(os.path.join(ROOT, 'roles', '*', 'tasks', '*.yml'))):
        for task in load(path) or []:
            for item in [task] + task.get('block', []):
                yield path, item


def test_every_osx_defaults_task_is_in_the_manifest_and_ignores_the_stored_type():
    found = 0
    for path, task in role_tasks():
        args = task.get('community.general.osx_defaults')
        if args is None:
            continue
        found += 1
        item = entry(args['domain'], args['key'], 'ansible')
        assert task['name'].startswith(item['control'] + ' | '), path
        assert {'bool': 'boolean', 'int': 'integer', 'string': 'string'}[args['type']] == item['type'], path
        # a key written earlier as another type must not fail the task (issue 15, item 4)
        assert args.get('check_type') is False, path
    assert found >= 2


def test_role_defaults_are_allowed():
    defaults = load(os.path.join(ROOT, 'roles', 'macos_desktop', 'defaults', 'main.yml'))
    assert allowed(entry('/Library/Preferences/com.apple.timezone.auto', 'Active'),
                   defaults['macos_desktop_timezone_automatic'])
    assert allowed(entry('com.apple.screensaver', 'askForPasswordDelay'),
                   defaults['macos_desktop_screen_lock_grace_seconds'])
    assert allowed(entry('com.apple.loginwindow', 'SHOWFULLNAME'), defaults['macos_desktop_login_window_name_password'])
    # UseLastPrinter: one district setting, read by the printers role and the printing profile alike
    printers = load(os.path.join(ROOT, 'roles', 'printers', 'defaults', 'main.yml'))
    district = load(os.path.join(ROOT, 'inventories', 'sample', 'group_vars', 'all', 'district.yml'))
    both = "{{ district_macos_use_last_printer | default(false) }}"
    assert printers['printers_macos_use_last_printer'] == defaults['macos_desktop_use_last_printer'] == both
    for value in (False, district['district_macos_use_last_printer']):
        assert allowed(entry('/Library/Preferences/org.cups.PrintingPrefs', 'UseLastPrinter'), value)


def sample_profiles():
    return load(os.path.join(ROOT, 'inventories', 'sample', 'group_vars', 'all', 'district.yml'))['district_power_profiles']


@pytest.mark.parametrize('name', ['standard', 'lab', 'staff_laptop'])
def test_pmset_settings_of_the_district_profiles_are_allowed(name):
    for source, settings in macos.pmset_profile(sample_profiles()[name], laptop=True).items():
        for key, value in settings.items():
            assert allowed(entry('pmset', key), value), (name, source, key, value)


# The generated profiles

UPDATE = {'automatic_check': True, 'automatic_download': True, 'critical': True, 'config_data': True,
          'target_os_version': '15.1', 'target_local_datetime': '2026-09-15T18:00:00'}
# The sample district's Macs: 15 minutes (Washington 10), a student lab and staff machines.
SETTINGS = [{'screen_lock_seconds': minutes * 60, 'screen_lock_grace_seconds': 0, 'login_window_name_password': True,
             'login_window_text': 'This computer belongs to Example Unified School District.',
             'software_update': UPDATE, 'student_restrictions': students, 'use_last_printer': False}
            for minutes in (15, 10) for students in (True, False)]


def flat(payload, prefix=''):
    for key, value in payload.items():
        if isinstance(value, dict):
            yield from flat(value, prefix + key + '.')
        else:
            yield prefix + key, value


@pytest.mark.parametrize('settings', SETTINGS)
def test_generated_profiles_obey_the_manifest(settings):
    files = FilterModule().filters()['macos_profiles'](settings, 'org.example.district', 'Example USD')
    checked = 0
    for item in files:
        if item['kind'] == 'declaration':
            body = json.loads(item['content'])
            for key, value in flat(body['Payload']):
                assert allowed(entry(body['Type'], key), value), (item['file'], key, value)
                checked += 1
            continue
        data = plistlib.loads(item['content'].encode('utf-8'))
        assert plistlib.loads(plistlib.dumps(data)) == data
        for payload in data['PayloadContent']:
            if payload['PayloadType'] == mp.CUSTOM_SETTINGS:
                for domain, forced in payload['PayloadContent'].items():
                    for key, value in forced['Forced'][0]['mcx_preference_settings'].items():
                        spec = entry(mp.CUSTOM_SETTINGS, key)
                        assert spec['preference_domain'] == domain and allowed(spec, value)
                        checked += 1
                continue
            for key, value in payload.items():
                if not key.startswith('Payload'):
                    assert allowed(entry(payload['PayloadType'], key), value), (item['file'], key, value)
                    checked += 1
    assert checked >= (16 if settings['student_restrictions'] else 13)


def test_a_value_outside_the_manifest_is_caught():
    settings = dict(SETTINGS[0], screen_lock_seconds=3600, screen_lock_grace_seconds=60)
    profile = next(p for p in mp.profiles(settings) if p['name'].startswith('screen-lock'))
    content = profile['payloads'][0]['content']
    assert not allowed(entry('com.apple.screensaver', 'idleTime'), content['idleTime'])
    assert not allowed(entry('com.apple.screensaver', 'askForPasswordDelay'), content['askForPasswordDelay'])
    assert not allowed(entry('com.apple.screensaver', 'askForPassword'), 1)  # an integer is not a boolean


def test_every_profile_key_has_a_manifest_entry_for_its_control():
    for item in mp.managed_keys(SETTINGS[0], 'org.example.district'):
        payload = next(p for p, d in list(mp.DOMAINS.items()) + [(mp.CUSTOM_SETTINGS, 'org.cups.PrintingPrefs')]
                       if d == item['domain'])
        assert entry(payload, item['key'])['control'] == item['control']
