"""Shared test set-up: the project's plugins import as the district.standard collection."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'collections'))
BIN = os.path.join(ROOT, '.venv', 'bin')


def ansible_env(**extra):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
               ANSIBLE_FORCE_COLOR='0', PATH=BIN + os.pathsep + os.environ.get('PATH', ''))
    env.update(extra)
    return env


@pytest.fixture(scope='session')
def run_ansible():
    """Run an ansible CLI from the project root with the project's ansible.cfg."""
    def run(*args, env=None, check=False):
        result = subprocess.run(list(args), cwd=ROOT, env=ansible_env(**(env or {})), capture_output=True,
                                text=True, timeout=300)
        if check and result.returncode:
            raise AssertionError('%s failed (%d):\n%s\n%s' % (args, result.returncode, result.stdout, result.stderr))
        return result
    return run
