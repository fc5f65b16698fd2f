"""tests/sanity/ignore-2.19.txt: every entry gives its reason, the PowerShell checks are skipped only because no
PowerShell is installable here, and nothing else in plugins/ or roles/ goes beyond what ansible-lint's sanity rule
allows (.ansible-lint-ignore lets the PowerShell entries through that rule)."""

import os
import subprocess

from ansiblelint.rules.sanity import CheckSanityIgnoreFiles

from conftest import ROOT

IGNORES = os.path.join(ROOT, 'tests', 'sanity', 'ignore-2.19.txt')
POWERSHELL_TESTS = {'pslint!skip', 'validate-modules!skip'}


def entries():
    with open(IGNORES, encoding='utf-8') as handle:
        for number, line in enumerate(handle.read().splitlines(), 1):
            entry, _hash, reason = line.partition('#')
            path, test = entry.split()
            yield number, path, test, reason.strip()


def tracked(*suffixes):
    listed = subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return sorted(path for path in listed.splitlines() if path.lower().endswith(suffixes))


def test_every_entry_says_why():
    for number, path, _test, reason in entries():
        assert len(reason) > 20, 'line %d (%s) gives no reason' % (number, path)


def test_plugins_and_roles_are_ignored_only_where_ansible_lint_allows_or_for_want_of_powershell():
    allowed = set(CheckSanityIgnoreFiles.allowed_ignores)
    for number, path, test, reason in entries():
        if path.split('/')[0] not in ('plugins', 'roles') or test in allowed:
            continue
        assert test in POWERSHELL_TESTS and path.endswith('.ps1'), 'line %d: %s %s' % (number, path, test)
        assert 'no PowerShell' in reason, 'line %d: %s' % (number, reason)


def test_the_powershell_checks_skip_exactly_the_powershell_files():
    skipped = {}
    for _number, path, test, _reason in entries():
        skipped.setdefault(test, set()).add(path)
    assert sorted(skipped.get('pslint!skip', ())) == tracked('.ps1', '.psm1', '.psd1')
    modules = [path for path in tracked('.ps1') if path.startswith('plugins/modules/')]
    assert sorted(skipped.get('validate-modules!skip', ())) == modules
