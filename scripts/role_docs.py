"""Write the generated parts of every role's README: its variables (from meta/argument_specs.yml) and its
controls (from the roles' task names, as scripts/control_catalogue.py reads them), so the docs cannot drift.

    scripts/role_docs.py           rewrite the generated sections of roles/*/README.md
    scripts/role_docs.py --check   exit 1, naming the READMEs that are not what the roles say (make lint)

A generated section sits between two markers under its heading (## Variables, ## Controls); everything else in
the README is written by hand and kept. A README without the markers gets them, in place of the heading's old
section (up to the next ## heading), or at the end.
"""

import argparse
import glob
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from control_catalogue import ROOT, controls  # noqa: E402

BEGIN = '<!-- BEGIN generated %s: scripts/role_docs.py; edit %s, not this section -->'
END = '<!-- END generated %s -->'
SOURCES = {'variables': 'meta/argument_specs.yml', 'controls': 'the task names'}
HEADINGS = {'variables': '## Variables', 'controls': '## Controls'}


def _cell(text):
    return ' '.join(str(text).split()).replace('|', '\\|')


def _inline(value):
    """A default as one line of YAML (long ones cut)."""
    text = yaml.safe_dump(value, default_flow_style=True, width=10000).strip()
    text = re.sub(r'\n\.\.\.$', '', text)
    return text if len(text) <= 60 else text[:57] + '...'


def _type(spec):
    kind = spec.get('type', 'str')
    return '%s of %s' % (kind, spec['elements']) if spec.get('elements') else kind


def _rows(options, prefix=''):
    for name, spec in (options or {}).items():
        spec = spec or {}
        described = spec.get('description', '')
        described = ' '.join(described) if isinstance(described, list) else described
        notes = []
        if spec.get('required'):
            notes.append('required')
        if spec.get('choices'):
            notes.append('one of ' + ', '.join('`%s`' % c for c in spec['choices']))
        default = '`%s`' % _inline(spec['default']).replace('`', "'") if 'default' in spec else '-'
        text = _cell(described) + (' (%s)' % '; '.join(notes) if notes else '')
        yield '| `%s%s` | %s | %s | %s |' % (prefix, name, _type(spec), _cell(default), text)
        yield from _rows(spec.get('options'), '%s%s.' % (prefix, name))


def variables(role_dir):
    path = os.path.join(role_dir, 'meta', 'argument_specs.yml')
    with open(path) as handle:
        specs = (yaml.safe_load(handle) or {}).get('argument_specs') or {}
    lines = []
    for entry in sorted(specs, key=lambda e: (e != 'main', e)):
        spec = specs[entry] or {}
        if entry != 'main':
            lines += ['', '### `tasks_from: %s`' % entry, '', _cell(spec.get('short_description', ''))]
        lines += ['', '| variable | type | default | meaning |', '|---|---|---|---|']
        lines += list(_rows(spec.get('options'))) or ['| - | | | this entry point takes no variables |']
    lines += ['', '`meta/argument_specs.yml` checks them before the role changes anything.']
    return '\n'.join(lines).strip('\n')


def control_table(entries):
    lines = ['| ID | What | Enforced |', '|---|---|---|']
    lines += ['| %s | %s | %s |' % (e['id'], _cell(e['title']), e['enforced']) for e in entries]
    return '\n'.join(lines)


def _replace(text, kind, body):
    begin, end = BEGIN % (kind, SOURCES[kind]), END % kind
    block = '%s\n%s\n%s' % (begin, body, end)
    pattern = re.compile(re.escape(begin.split(':')[0]) + r'.*?' + re.escape(end), re.S)
    if pattern.search(text):
        return pattern.sub(lambda _m: block, text, count=1)
    heading = HEADINGS[kind]
    match = re.search(r'^%s[^\n]*\n' % re.escape(heading), text, re.M)
    if not match:
        return text.rstrip('\n') + '\n\n%s\n\n%s\n' % (heading, block)
    after = re.search(r'^## ', text[match.end():], re.M)
    stop = match.end() + after.start() if after else len(text)
    return text[:match.end()] + '\n' + block + '\n' + ('\n' if after else '') + text[stop:]


def readmes(root=ROOT):
    """{README path: its text as the roles say it should be}."""
    by_role = {}
    for entry in controls(root):
        by_role.setdefault(entry['role'], []).append(entry)
    out = {}
    for role_dir in sorted(glob.glob(os.path.join(root, 'roles', '*'))):
        path = os.path.join(role_dir, 'README.md')
        if not os.path.exists(os.path.join(role_dir, 'meta', 'argument_specs.yml')):
            continue
        text = open(path, encoding='utf-8').read() if os.path.exists(path) else '# %s\n' % os.path.basename(role_dir)
        if by_role.get(os.path.basename(role_dir)):
            text = _replace(text, 'controls', control_table(by_role[os.path.basename(role_dir)]))
        out[path] = _replace(text, 'variables', variables(role_dir))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--check', action='store_true', help='only compare with the READMEs')
    args = parser.parse_args(argv)
    stale = []
    for path, text in readmes().items():
        current = open(path, encoding='utf-8').read() if os.path.exists(path) else None
        if current == text:
            continue
        stale.append(os.path.relpath(path, ROOT))
        if not args.check:
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(text)
    if args.check and stale:
        print('not what the roles say (run scripts/role_docs.py): %s' % ', '.join(stale), file=sys.stderr)
        return 1
    print('%s: %s' % ('checked' if args.check else 'wrote', ', '.join(stale) or 'nothing to change'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
