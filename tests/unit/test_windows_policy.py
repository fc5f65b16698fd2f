"""The Windows policy manifest (docs/policy/windows.yml) against the roles: every value a win_regedit task writes
is in the manifest with its type and allowed data; a value that only some editions honour, or that only an MDM or
a directory makes effective, belongs to a control that also reports its effective state (control_status), so a
successful registry write is never reported compliant on its own. The data every sample computer receives is
checked against the same manifest in tests/integration/test_desktop_data.py."""

import glob
import os
import re

import pytest
import yaml

import windows_policy as wp
from conftest import ROOT

CONTROL_RE = re.compile(r'^([A-Z]+(?:-[A-Z0-9]+)*-\d\d) \| ')
REGISTRY_LOOP = re.compile(r"^\{\{ windows_desktop_settings\.registry\['([A-Z0-9-]+)'\] \}\}$")
# win_regedit loops whose values are worked out per computer: checked on the sample district's data instead.
DATA_LOOPS = {'{{ windows_desktop_settings.profile_settings }}': 'WIN-PROF-01'}
VARS = os.path.join(ROOT, 'roles', 'windows_desktop', 'vars', 'main.yml')


def tasks():
    """(role, file, task) of every task of every role, blocks included."""
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'roles', '*', 'tasks', '*.yml'))):
        with open(path) as handle:
            stack = list(yaml.safe_load(handle) or [])
        while stack:
            task = stack.pop(0)
            for key in ('block', 'rescue', 'always'):
                stack.extend(task.get(key) or [])
            found.append((path.split(os.sep)[-3], os.path.basename(path), task))
    return found


def control(task):
    m = CONTROL_RE.match(str(task.get('name', '')))
    return m.group(1) if m else None


def role_registry():
    """The registry map of vars/main.yml with its path variables ({{ _windows_desktop_wu }}) put in."""
    with open(VARS) as handle:
        data = yaml.safe_load(handle)
    names = dict((k, v) for k, v in data.items() if isinstance(v, str) and v.startswith('HKLM:'))
    out = {}
    for cid, items in data['_windows_desktop_registry'].items():
        out[cid] = []
        for item in items:
            path = re.sub(r'\{\{ (_[a-z_]+) \}\}', lambda m: names[m.group(1)], item['path']).replace('\\\\', '\\')
            out[cid].append(dict(item, path=path))
    return out


@pytest.fixture(scope='module')
def manifest():
    return wp.load()


def test_manifest_entries_are_complete_and_unique(manifest):
    assert len(manifest) >= 50
    for entry in manifest:
        assert wp.entry_problems(entry) == [], entry.get('key')
    keys = [e['key'].lower() for e in manifest]
    assert len(keys) == len(set(keys))


def test_every_registry_value_of_the_role_data_is_in_the_manifest(manifest):
    known = wp.index(manifest)
    registry = role_registry()
    assert len(registry) >= 15
    for cid, items in registry.items():
        for item in items:
            key = wp.registry_key(item['path'], item['name'])
            assert key.lower() in known, '%s: %s is not in docs/policy/windows.yml' % (cid, key)
            entry = known[key.lower()]
            assert entry['control'] == cid, key
            assert entry['type'] == item['type'], key
            if '{{' not in str(item['data']):
                assert wp.value_problem(entry, item['type'], item['data']) == ''


def test_every_regedit_task_writes_manifest_values_only(manifest):
    known = wp.index(manifest)
    registry = role_registry()
    regedit = [(role, name, t) for role, name, t in tasks() if 'ansible.windows.win_regedit' in t]
    assert len(regedit) >= 18
    records = [r['key'].lower() for r in wp.load(section='records')]
    for role, name, task in regedit:
        cid = control(task)
        args = task['ansible.windows.win_regedit']
        loop = task.get('loop')
        if cid is None:
            # not a policy: a record of the district's own (baseline version), listed under records
            names = [i['name'] for i in loop] if isinstance(loop, list) else [args['name']]
            path = args['path'].replace('{{ baseline_registry_key }}', 'HKLM:\\SOFTWARE\\District\\Standard')
            for value in names:
                assert wp.registry_key(path, value).lower() in records, '%s/%s: %s' % (role, name, task.get('name'))
            continue
        m = REGISTRY_LOOP.match(str(loop or ''))
        if m:
            assert m.group(1) == cid and cid in registry, task['name']
        elif loop in DATA_LOOPS:
            assert DATA_LOOPS[loop] == cid, task['name']
        else:
            key = wp.registry_key(args['path'], args['name'])
            assert key.lower() in known, '%s/%s: %s is not in the manifest' % (role, name, key)
            assert known[key.lower()]['control'] == cid and known[key.lower()]['type'] == args['type']
            assert wp.value_problem(known[key.lower()], args['type'], args['data']) == ''


def test_a_value_the_manifest_does_not_allow_is_refused(manifest):
    known = wp.index(manifest)
    au = known['hklm\\software\\policies\\microsoft\\windows\\windowsupdate\\au\\auoptions']
    assert wp.value_problem(au, 'dword', 4) == ''
    assert 'is not in' in wp.value_problem(au, 'dword', 9)
    assert 'type string' in wp.value_problem(au, 'string', '4')
    wsus = known['hklm\\software\\policies\\microsoft\\windows\\windowsupdate\\wuserver']
    assert wp.value_problem(wsus, 'string', 'https://wsus.example.org:8531') == ''
    assert 'does not match' in wp.value_problem(wsus, 'string', 'http://wsus.example.org:8530')
    lock = known['hklm\\software\\microsoft\\windows\\currentversion\\policies\\system\\inactivitytimeoutsecs']
    assert 'is not in' in wp.value_problem(lock, 'dword', 600000)
    assert wp.entry_problems({'control': 'X-01', 'key': 'HKLM\\A\\b', 'type': 'dword', 'allowed': 'any',
                              'delivered_by': 'intune', 'source': 'http://example.org'}) == [
        'neither editions nor os_versions', 'delivered_by \'intune\'',
        'source is neither an https URL nor "undocumented: <why>"', 'allowed must be a list, {min, max} or {pattern}']


def test_a_value_some_computers_ignore_is_judged_by_its_control(manifest):
    """A Pro computer ignores an Education-only value; a workgroup computer ignores Edge's policies: the control
    of such a value reports the effective state with district.standard.control_status."""
    reporting = set(control(t) for _role, _file, t in tasks() if 'district.standard.control_status' in t)
    limited = sorted(set(e['control'] for e in manifest if wp.limited(e)))
    assert {'WIN-PROF-02', 'WIN-PROF-01'} <= set(limited)
    assert [c for c in limited if c not in reporting] == []


def test_every_manifest_control_is_a_task_of_a_role(manifest):
    controls = set(control(t) for _role, _file, t in tasks())
    assert sorted(set(e['control'] for e in manifest) - controls) == []
