"""Write docs/controls.md, the control catalogue, from the roles themselves (so it never drifts).

    scripts/control_catalogue.py           rewrite docs/controls.md
    scripts/control_catalogue.py --check   exit 1 when docs/controls.md is not what the roles say

A control is a task named '<ID> | <title>' in roles/<role>/tasks/*.yml (blocks included). For each: its ID,
title, platform (the role's meta platforms), role, the role variables the task reads (those of the role's
defaults), and how it is enforced, from the policy manifests docs/policy/*.yml: ansible (the role's change takes
effect), mdm (only an MDM profile, or a directory, makes it effective), gpo, and edition (some editions ignore
it). A control no manifest lists is enforced by its Ansible tasks. One ID belongs to one role; a control may take
several tasks.
"""

import argparse
import glob
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'docs', 'controls.md')
POLICY = os.path.join('docs', 'policy', '*.yml')
EVERY_EDITION = ('Pro', 'Education', 'Enterprise')  # the Windows editions the roles support
CONTROL_RE = re.compile(r'^([A-Z]+(?:-[A-Z0-9]+)*-\d\d) \| (.+)$')
WAIVER = "'%s' not in baseline_waived_controls"


def _flat(items):
    """Every task of a task list, those inside blocks included (a block is listed too)."""
    out = []
    for item in items or []:
        if isinstance(item, dict) and 'block' in item:
            out.append(item)
            for key in ('block', 'rescue', 'always'):
                out.extend(_flat(item.get(key)))
        elif isinstance(item, dict):
            out.append(item)
    return out


def role_variables(role_dir):
    path = os.path.join(role_dir, 'defaults', 'main.yml')
    if not os.path.exists(path):
        return set()
    with open(path) as handle:
        return set((yaml.safe_load(handle) or {}).keys())


def derived(role_dir, tasks):
    """{variable: the text that defines it} for the role's own derived variables: vars/main.yml, set_fact and
    task-level vars."""
    out = {}
    path = os.path.join(role_dir, 'vars', 'main.yml')
    if os.path.exists(path):
        with open(path) as handle:
            out.update((k, yaml.safe_dump(v)) for k, v in (yaml.safe_load(handle) or {}).items())
    for task in tasks:
        for key in ('ansible.builtin.set_fact', 'vars'):
            if isinstance(task.get(key), dict):
                out.update((k, yaml.safe_dump(v)) for k, v in task[key].items())
    return out


def settings(text, names, defined, role_dir, depth=3):
    """The role defaults TEXT reads, directly, through derived variables or through its template."""
    used = set(n for n in names if re.search(r'\b%s\b' % re.escape(n), text))
    for src in re.findall(r'\bsrc: (\S+\.j2)', text):
        template = os.path.join(role_dir, 'templates', src)
        if os.path.exists(template) and depth:
            with open(template) as handle:
                used |= settings(handle.read(), names, defined, role_dir, depth - 1)
    if depth:
        # <role>_settings.<key>['<entry>']: only that entry of a map (the registry values of one control)
        for name, key, entry in set(re.findall(r"\b([a-z0-9_]+_settings)\.([a-z0-9_]+)\['{1,2}([A-Za-z0-9_-]+)'{1,2}\]", text)):
            value = _entry(defined, (yaml.safe_load(defined[name]) or {}).get(key) if name in defined else None, entry)
            if value is not None:
                used |= settings(yaml.safe_dump(value), names, defined, role_dir, depth - 1)
        text = re.sub(r"\b[a-z0-9_]+_settings\.[a-z0-9_]+\['{1,2}[A-Za-z0-9_-]+'{1,2}\]", '', text)
        for name in set(re.findall(r'\b(_[a-z0-9_]+)\b', text)) & set(defined):
            used |= settings(defined[name], names, defined, role_dir, depth - 1)
        # a role's settings fact (<role>_settings, a dict made in tasks/settings.yml): follow the keys read
        for name, key in set(re.findall(r'\b([a-z0-9_]+_settings)\.([a-z0-9_]+)', text)):
            value = (yaml.safe_load(defined[name]) or {}).get(key) if name in defined else None
            if value is not None:
                used |= settings(yaml.safe_dump(value), names, defined, role_dir, depth - 1)
    return used


def _entry(defined, value, entry, hops=3):
    """ENTRY of the map VALUE is, following aliases ("{{ _name }}") through the derived variables."""
    while hops and isinstance(value, str):
        m = re.match(r'^\{\{ (_[a-z0-9_]+) \}\}$', value.strip())
        if not m or m.group(1) not in defined:
            return None
        value, hops = yaml.safe_load(defined[m.group(1)]), hops - 1
    return value.get(entry) if isinstance(value, dict) else None


def platforms(role_dir):
    with open(os.path.join(role_dir, 'meta', 'main.yml')) as handle:
        meta = yaml.safe_load(handle) or {}
    return ', '.join(p['name'] for p in (meta.get('galaxy_info') or {}).get('platforms') or [])


def _policy_entries(data):
    """The entries of one policy manifest: a list, or the lists of dicts with a control under its top keys."""
    if isinstance(data, list):
        return [e for e in data if isinstance(e, dict) and e.get('control')]
    out = []
    for value in (data or {}).values():
        if isinstance(value, list):
            out += [e for e in value if isinstance(e, dict) and e.get('control')]
    return out


def enforcement(root=ROOT):
    """{control: 'ansible' | 'mdm' | 'gpo' | ..., plus 'edition (...)'} from the policy manifests."""
    found = {}
    for path in sorted(glob.glob(os.path.join(root, POLICY))):
        with open(path) as handle:
            for entry in _policy_entries(yaml.safe_load(handle)):
                ways = found.setdefault(entry['control'], {'delivered': set(), 'editions': set()})
                ways['delivered'].add(str(entry.get('delivered_by', 'ansible')))
                editions = entry.get('editions')
                if editions and not set(EVERY_EDITION) <= set(editions):
                    ways['editions'].update(editions)
    out = {}
    for cid, ways in found.items():
        text = ', '.join(sorted(ways['delivered']))
        if ways['editions']:
            text += ', edition (%s)' % ', '.join(sorted(ways['editions']))
        out[cid] = text
    return out


def controls(root=ROOT):
    """[{id, title, role, platform, variables, tasks, file}] in role and ID order; ValueError on an ID in two
    roles or a control task without its waiver condition."""
    found, owner = {}, {}
    enforced = enforcement(root)
    for role_dir in sorted(glob.glob(os.path.join(root, 'roles', '*'))):
        role = os.path.basename(role_dir)
        names = role_variables(role_dir)
        files = {}
        for path in sorted(glob.glob(os.path.join(role_dir, 'tasks', '*.yml'))):
            with open(path) as handle:
                files[path] = _flat(yaml.safe_load(handle))
        defined = derived(role_dir, [t for tasks in files.values() for t in tasks])
        for path, tasks in files.items():
            for task in tasks:
                m = CONTROL_RE.match(str(task.get('name', '')))
                if not m:
                    continue
                cid, title = m.group(1), m.group(2).strip()
                where = os.path.relpath(path, root)
                if owner.setdefault(cid, role) != role:
                    raise ValueError('%s: control %s is also in role %s' % (where, cid, owner[cid]))
                when = task.get('when')
                if WAIVER % cid not in (when if isinstance(when, list) else [when]):
                    raise ValueError('%s: task "%s" lacks its waiver condition: when: "%s"'
                                     % (where, task['name'], WAIVER % cid))
                body = yaml.safe_dump(dict((k, v) for k, v in task.items() if k != 'name'))
                used = settings(body, names, defined, role_dir)
                entry = found.setdefault(cid, {'id': cid, 'title': title, 'role': role, 'tasks': 0,
                                               'platform': platforms(role_dir), 'variables': [], 'file': where,
                                               'enforced': enforced.get(cid, 'ansible')})
                entry['tasks'] += 1
                entry['variables'] = sorted(set(entry['variables']) | set(used))
    return [found[c] for c in sorted(found, key=lambda c: (found[c]['role'], c))]


def render(entries):
    lines = ['# Control catalogue', '',
             'Generated by `scripts/control_catalogue.py` from the roles\' task names (`<ID> | <title>`); do not '
             'edit by hand. `make test` fails when this file is not what the roles say.', '',
             'Every control can be waived per district, school, room or host with `baseline_waivers` '
             '(see the README); a waived control is skipped and reported as waived.', '',
             'Enforced: how the setting takes effect, from the policy manifests `docs/policy/*.yml`: `ansible` (the '
             'role\'s change is what the OS honours), `mdm` (only an MDM profile, or a directory, makes it effective: '
             'the control reports `managed-by-mdm` where it is not), `gpo`, and `edition (...)` (only those editions '
             'honour it: the control reports `needs-edition` elsewhere).', '']
    for role in sorted(set(e['role'] for e in entries)):
        rows = [e for e in entries if e['role'] == role]
        lines += ['## %s' % role, '', 'Platform: %s' % rows[0]['platform'], '',
                  '| ID | Title | Setting (variables) | Enforced | Tasks |', '|---|---|---|---|---|']
        for e in rows:
            variables = ', '.join('`%s`' % v for v in e['variables']) or '-'
            lines.append('| %s | %s | %s | %s | %d |'
                         % (e['id'], e['title'].replace('|', '\\|'), variables, e['enforced'], e['tasks']))
        lines.append('')
    lines.append('%d controls.' % len(entries))
    return '\n'.join(lines) + '\n'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--check', action='store_true', help='only compare with docs/controls.md')
    args = parser.parse_args(argv)
    try:
        text = render(controls())
    except ValueError as exc:
        print('control catalogue: %s' % exc, file=sys.stderr)
        return 1
    if args.check:
        current = open(OUT).read() if os.path.exists(OUT) else ''
        if current != text:
            print('docs/controls.md is out of date: run scripts/control_catalogue.py', file=sys.stderr)
            return 1
        return 0
    with open(OUT, 'w') as handle:
        handle.write(text)
    print('wrote %s' % os.path.relpath(OUT, ROOT))
    return 0


if __name__ == '__main__':
    sys.exit(main())
