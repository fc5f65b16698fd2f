"""Every task of every role, playbook and molecule scenario against its module's own documentation (one
`ansible-doc -j` call for every module used): the module exists, every option name or alias is documented, every
required option is given, a literal value is one of the option's choices (suboptions too), and free-form arguments
go only to modules that take them. Then each role's meta/argument_specs.yml choices against the choices of the
module option its variable reaches: a role must not accept a value the module would refuse."""

import json
import os
import re
import subprocess
import sys

import pytest
import yaml

import task_files
from conftest import BIN, ROOT, ansible_env

sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import control_catalogue  # noqa: E402

# set_fact takes any key (the facts); its documentation has none to compare with.
ANY_KEYS = {'ansible.builtin.set_fact'}
SIMPLE = re.compile(r'^\{\{ ([A-Za-z_][A-Za-z0-9_.]*)(?: \| [a-z_.]+(?:\([^)]*\))?)* \}\}$')
TASKS = task_files.every_task()


@pytest.fixture(scope='module')
def docs():
    names = sorted(set(t.module for t in TASKS))
    result = subprocess.run([os.path.join(BIN, 'ansible-doc'), '-j'] + names, check=False, cwd=ROOT, env=ansible_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    return dict((name, found[name]['doc']) for name in names if name in found)


def literal(value):
    return not (isinstance(value, str) and '{{' in value)


def option_problems(where, options, args):
    """What is wrong with ARGS (a dict) for OPTIONS (the documented options or suboptions)."""
    problems = []
    names = dict((name, name) for name in options)
    for name, spec in options.items():
        names.update((alias, name) for alias in spec.get('aliases') or [])
    for key, value in args.items():
        if key not in names:
            problems.append('%s: unknown option %r' % (where, key))
            continue
        spec = options[names[key]]
        choices = [str(c) for c in spec.get('choices') or []]
        values = value if isinstance(value, list) and spec.get('type') == 'list' else [value]
        if choices and spec.get('type') != 'bool':
            problems += ['%s: %s=%r is not one of %s' % (where, key, v, choices)
                         for v in values if literal(v) and not isinstance(v, (dict, list)) and str(v) not in choices]
        sub = spec.get('suboptions') or spec.get('options')
        if sub and literal(value):
            for element in values:
                if isinstance(element, dict):
                    problems += option_problems('%s %s' % (where, key), sub, element)
    given = set(names[k] for k in args if k in names)
    problems += ['%s: required option %r missing' % (where, name) for name, spec in options.items()
                 if spec.get('required') and name not in given]
    return problems


def task_problems(found, doc):
    if doc is None:
        return ['%r: no module or action %s' % (found, found.module)]
    options = doc.get('options') or {}
    args = found.args
    if isinstance(args, str):
        if not set(options) & {'free_form', '_raw_params', 'free-form', 'cmd'}:
            return ['%r: free-form arguments, but %s takes none' % (found, found.module)]
        return []
    if found.module in ANY_KEYS:
        return []
    return option_problems(repr(found), options, args or {})


def test_every_task_module_is_documented_and_used_as_documented(docs):
    assert len(TASKS) > 300
    problems = []
    for found in TASKS:
        problems += task_problems(found, docs.get(found.module))
    assert problems == []


def test_a_wrong_option_a_wrong_choice_and_a_missing_option_are_found(docs):
    def check(module, args):
        return task_problems(task_files.Found('x.yml', {'name': 'T', module: args}), docs.get(module))
    assert check('ansible.windows.win_regedit', {'path': 'HKLM:\\X', 'name': 'v', 'type': 'dword', 'data': 1}) == []
    assert 'unknown option' in check('ansible.windows.win_regedit', {'path': 'HKLM:\\X', 'nmae': 'v'})[0]
    assert 'is not one of' in check('ansible.windows.win_regedit', {'path': 'HKLM:\\X', 'type': 'dwrod'})[0]
    assert 'required option' in check('community.general.wakeonlan', {'port': 9})[0]
    assert 'free-form' in check('ansible.windows.win_regedit', 'path=HKLM:\\X')[0]
    assert 'is not one of' in check('community.windows.win_scheduled_task', {
        'name': 't', 'triggers': [{'type': 'sometimes'}]})[0]
    assert check('ansible.windows.win_regedit', {'path': 'HKLM:\\X', 'type': '{{ item.type }}'}) == []


def role_specs(role_dir):
    path = os.path.join(role_dir, 'meta', 'argument_specs.yml')
    if not os.path.exists(path):
        return {}
    with open(path) as handle:
        specs = yaml.safe_load(handle)['argument_specs']
    options = {}
    for entry in specs.values():
        options.update(entry.get('options') or {})
    return options


def spec_choice_problems(found, doc, specs, defined, role_dir):
    """Role variables with choices reaching a module option with choices: the role's must be a subset."""
    problems = []
    options = doc.get('options') or {}
    args = found.args if isinstance(found.args, dict) else {}
    for key, value in args.items():
        spec = options.get(key) or next((o for o in options.values() if key in (o.get('aliases') or [])), None)
        if not spec or not spec.get('choices') or not isinstance(value, str):
            continue
        m = SIMPLE.match(value.strip())
        if not m:
            continue
        ref = m.group(1)
        field = None
        if ref.startswith('item.'):
            field, loop = ref[5:], str(found.task.get('loop', ''))
            text = loop
        else:
            text = '{{ %s }}' % ref
        for var in control_catalogue.settings(text, set(specs), defined, role_dir):
            var_spec = specs[var]
            if field:
                var_spec = (var_spec.get('options') or {}).get(field) or {}
            extra = set(map(str, var_spec.get('choices') or [])) - set(map(str, spec['choices']))
            if var_spec.get('choices') and extra:
                problems.append('%r: %s %s allows %s, which %s %s refuses' % (
                    found, var, field or '', sorted(extra), found.module, key))
    return problems


def test_role_argument_spec_choices_are_module_choices(docs):
    problems, checked = [], 0
    for role_dir in sorted(set(os.path.join(ROOT, 'roles', t.role) for t in TASKS if t.role)):
        specs = role_specs(role_dir)
        role = os.path.basename(role_dir)
        found = [t for t in TASKS if t.role == role]
        defined = control_catalogue.derived(role_dir, [t.task for t in found])
        for task in found:
            if docs.get(task.module):
                checked += 1
                problems += spec_choice_problems(task, docs[task.module], specs, defined, role_dir)
    assert checked > 150 and problems == []


def test_a_role_choice_the_module_refuses_is_found(docs):
    role_dir = os.path.join(ROOT, 'roles', 'windows_desktop')
    task = task_files.Found('x.yml', {'name': 'WIN-BL-02 | T', 'district.standard.win_bitlocker': {
        'encryption_method': '{{ windows_desktop_bitlocker_encryption_method }}'}}, 'windows_desktop')
    specs = role_specs(role_dir)
    assert spec_choice_problems(task, docs['district.standard.win_bitlocker'], specs, {}, role_dir) == []
    bad = dict(specs, windows_desktop_bitlocker_encryption_method=dict(
        specs['windows_desktop_bitlocker_encryption_method'], choices=['XtsAes256', 'Rot13']))
    assert "['Rot13']" in spec_choice_problems(task, docs['district.standard.win_bitlocker'], bad, {}, role_dir)[0]
    items = task_files.Found('x.yml', {'name': 'WIN-SW-04 | T', 'loop': '{{ windows_desktop_choco_packages }}',
                                       'chocolatey.chocolatey.win_chocolatey': {'name': 'x', 'state': '{{ item.state }}'}},
                             'windows_desktop')
    odd = dict(specs, windows_desktop_choco_packages={'options': {'state': {'choices': ['present', 'pinned']}}})
    assert "['pinned']" in spec_choice_problems(items, docs['chocolatey.chocolatey.win_chocolatey'], odd, {}, role_dir)[0]
