"""The Python supply chain: requirements.lock pins every package with its hashes, make setup installs only from it
with pip --require-hashes, refuses a requirements.txt pin that is missing from the lock, and pip refuses a file
whose hash is not in the lock."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

PIN_RE = re.compile(r'^([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==([^\s;#\\]+)', re.M)


def lock_entries():
    """{name: (version, [hashes])} of requirements.lock."""
    with open(os.path.join(ROOT, 'requirements.lock')) as handle:
        text = handle.read()
    entries = {}
    for block in re.split(r'\n(?=[A-Za-z0-9])', text.split('\n', 1)[1] if text.startswith('#') else text):
        match = PIN_RE.match(block.strip())
        if match:
            entries[match.group(1).lower()] = (match.group(2), re.findall(r'--hash=sha256:([0-9a-f]{64})', block))
    return entries


def test_every_locked_package_is_pinned_with_its_hashes():
    entries = lock_entries()
    assert len(entries) >= 60  # the whole dependency tree, not the 16 direct pins
    assert [name for name, (_version, hashes) in entries.items() if not hashes] == []
    with open(os.path.join(ROOT, 'requirements.lock')) as handle:
        requirement_lines = [line for line in handle if re.match(r'[A-Za-z0-9]', line)]
    assert all('==' in line for line in requirement_lines)


def test_every_pin_of_requirements_txt_is_locked_at_its_version():
    with open(os.path.join(ROOT, 'requirements.txt')) as handle:
        pins = PIN_RE.findall(handle.read())
    entries = lock_entries()
    assert pins and [(name, version) for name, version in pins
                     if entries.get(name.lower(), ('',))[0] != version] == []


def test_make_setup_installs_the_lock_with_require_hashes():
    plan = subprocess.run(['make', '-n', '-B', os.path.join('.cache', 'lock-plan', '.installed'),
                           'VENV=.cache/lock-plan'], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    installs = [line for line in plan.splitlines() if 'pip install' in line]
    assert installs and all('--require-hashes -r requirements.lock' in line for line in installs), plan
    assert 'requirements.txt' not in ' '.join(installs)


def test_make_setup_stops_when_requirements_txt_has_a_pin_the_lock_lacks(tmp_path):
    for name in ('Makefile', 'requirements.lock'):
        shutil.copy(os.path.join(ROOT, name), str(tmp_path / name))
    with open(os.path.join(ROOT, 'requirements.txt')) as handle:
        text = handle.read()
    (tmp_path / 'requirements.txt').write_text(text.replace('yamllint==1.38.0', 'yamllint==1.39.0'))
    run = subprocess.run(['make', os.path.join('venv', '.installed'), 'VENV=venv'], check=False, cwd=str(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert 'requirements.lock has no yamllint==1.39.0 (requirements.txt changed): run make lock' in run.stdout
    assert not (tmp_path / 'venv').exists()  # stopped before making the venv


@pytest.mark.parametrize('tampered', [False, True])
def test_pip_refuses_a_file_whose_hash_is_not_in_the_lock(tmp_path, tampered):
    version, hashes = lock_entries()['mdurl']
    if tampered:
        hashes = ['0' * 64]
    (tmp_path / 'one.txt').write_text('mdurl==%s %s\n' % (version, ' '.join('--hash=sha256:' + h for h in hashes)))
    run = subprocess.run([sys.executable, '-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--no-deps',
                          '--disable-pip-version-check', '--require-hashes', '-r', str(tmp_path / 'one.txt')],
                         check=False, capture_output=True, text=True, timeout=300)
    if tampered:
        assert run.returncode != 0 and 'DO NOT MATCH THE HASHES' in run.stderr, run.stderr[-2000:]
    else:
        assert run.returncode == 0 and 'Would install mdurl-%s' % version in run.stdout, run.stderr[-2000:]
