"""Windows modules checked without Windows or PowerShell: every .ps1 and every inline win_powershell script of the
roles, playbooks and molecule scenarios parses with the tree-sitter PowerShell grammar, a script that changes
anything declares SupportsShouldProcess and honours $Ansible.CheckMode, each module's PowerShell argument spec
matches its documentation, and ansible-doc renders every module of the project."""

import glob
import json
import os
import re
import subprocess

import pytest
import tree_sitter
import tree_sitter_powershell
import yaml

import task_files
from conftest import BIN, ROOT, ansible_env

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
SCRIPTS = sorted(glob.glob(os.path.join(ROOT, 'plugins', '**', '*.ps1'), recursive=True) +
                 glob.glob(os.path.join(ROOT, 'roles', '**', '*.ps1'), recursive=True))
MODULES = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py')))
OPTION_RE = re.compile(r"^\s+(\w+) = @\{ type = '(\w+)'(.*)\}\s*$")


def syntax_errors(source):
    """[(line, column, kind)] of the nodes tree-sitter could not parse (ERROR) or had to invent (MISSING)."""
    errors, stack = [], [PARSER.parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            errors.append((node.start_point[0] + 1, node.start_point[1] + 1, 'missing' if node.is_missing else 'error'))
        elif node.has_error:
            stack.extend(node.children)
    return sorted(errors)


def test_there_are_powershell_modules():
    assert any(p.endswith('win_printer.ps1') for p in SCRIPTS)


@pytest.mark.parametrize('path', SCRIPTS, ids=[os.path.relpath(p, ROOT) for p in SCRIPTS])
def test_powershell_parses(path):
    with open(path, 'rb') as handle:
        assert syntax_errors(handle.read()) == [], path


def test_a_syntax_error_is_found():
    with open(next(p for p in SCRIPTS if p.endswith('win_printer.ps1')), 'rb') as handle:
        source = handle.read()
    broken = source.replace(b'if ($module.Params.state', b'if ($module.Params.state {', 1)
    assert broken != source and syntax_errors(broken)
    assert syntax_errors(b'$x = @{ a = 1\nWrite-Output "$x"\n')


def ps1_options(path):
    """{option: {type, required, default, choices}} read from the $spec of a .ps1 module."""
    options = {}
    with open(path) as handle:
        text = handle.read()
    for line in text[text.index('options = @{'):text.index('supports_check_mode')].splitlines():
        m = OPTION_RE.match(line)
        if not m:
            continue
        rest = dict(p.strip().split(' = ', 1) for p in m.group(3).split(';') if ' = ' in p)
        default = rest.get('default')
        if default is not None:
            default = {'$true': True, '$false': False}.get(default, default.strip("'"))
            default = int(default) if isinstance(default, str) and default.isdigit() else default
        choices = [c.strip().strip("'") for c in rest['choices'].split(',')] if 'choices' in rest else None
        options[m.group(1)] = {'type': m.group(2), 'required': rest.get('required') == '$true',
                               'default': default, 'choices': choices}
    return options


@pytest.mark.parametrize('path', [p for p in SCRIPTS if '/plugins/modules/' in p],
                         ids=os.path.basename)
def test_argument_spec_matches_the_documentation(path):
    with open(path[:-4] + '.py') as handle:
        source = handle.read()
    doc = yaml.safe_load(re.search(r"DOCUMENTATION = r'''(.*?)'''", source, re.S).group(1))
    documented = dict((name, {'type': o.get('type', 'str'), 'required': bool(o.get('required')),
                              'default': o.get('default'), 'choices': o.get('choices')})
                      for name, o in doc['options'].items())
    assert ps1_options(path) == documented


def test_ansible_doc_renders_every_module():
    assert {'cups_printer', 'cups_printer_info', 'win_printer'} <= set(MODULES)
    names = ['district.standard.' + m for m in MODULES]
    result = subprocess.run([os.path.join(BIN, 'ansible-doc'), '-j'] + names, check=False, cwd=ROOT, env=ansible_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert sorted(docs) == sorted(names)
    for name, entry in docs.items():
        assert entry['doc']['short_description'] and entry['examples'].strip() and entry['return'], name


INLINE = [t for t in task_files.every_task() if t.module == 'ansible.windows.win_powershell' and 'script' in (t.args or {})]
SHOULD_PROCESS = re.compile(r'\[CmdletBinding\([^)]*\bSupportsShouldProcess\b')


def script_problems(found):
    """Why an inline win_powershell script is not acceptable ([] when it is)."""
    script = found.args['script']
    problems = ['line %d, column %d: %s' % e for e in syntax_errors(script.encode('utf-8'))]
    read_only = found.task.get('changed_when') is False
    if not read_only:
        if not SHOULD_PROCESS.search(script):
            problems.append('changes state but does not declare [CmdletBinding(SupportsShouldProcess)]')
        if '$Ansible.CheckMode' not in script:
            problems.append('changes state but never reads $Ansible.CheckMode')
    elif found.task.get('check_mode') is not False:
        problems.append('read-only (changed_when: false) but not check_mode: false, so a dry run learns nothing')
    return problems


def test_there_are_inline_scripts():
    assert len(INLINE) >= 12
    assert any('roles/windows_desktop' in t.path for t in INLINE) and any('playbooks' in t.path for t in INLINE)


@pytest.mark.parametrize('found', INLINE, ids=lambda t: '%s:%s' % (t.path, t.task.get('name', '')[:40]))
def test_inline_powershell_parses_and_honours_check_mode(found):
    assert script_problems(found) == []


def test_an_inline_script_that_ignores_check_mode_is_found():
    def found(script, **keywords):
        return task_files.Found('x.yml', dict({'name': 'T', 'ansible.windows.win_powershell': {'script': script}},
                                              **keywords))
    changing = 'Set-Service -Name W32Time -StartupType Automatic\n'
    assert script_problems(found(changing)) == [
        'changes state but does not declare [CmdletBinding(SupportsShouldProcess)]',
        'changes state but never reads $Ansible.CheckMode']
    honest = '[CmdletBinding(SupportsShouldProcess)]\nparam ()\nif (-not $Ansible.CheckMode) { ' + changing + '}\n'
    assert script_problems(found(honest)) == []
    assert script_problems(found('$x = @{ a = 1\n', changed_when=False, check_mode=False))[0].startswith('line 1')
    assert 'check_mode: false' in script_problems(found('Get-Date', changed_when=False))[0]
