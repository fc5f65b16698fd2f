"""Shared test set-up: the project's plugins import as the district.standard collection, and every test module
and every test has its own fact cache, inventory cache, reports folder and history database, so no test reads
what another test (or an earlier run on this machine) left behind."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'collections'))
BIN = os.path.join(ROOT, '.venv', 'bin')
# Run state that ansible.cfg keeps between runs, and the variables that move it (ansible.cfg and the report
# callbacks read them).
STATE_ENV = {
    'ANSIBLE_CACHE_PLUGIN_CONNECTION': 'facts',      # [defaults] fact_caching_connection
    'ANSIBLE_INVENTORY_CACHE_CONNECTION': 'inventory-cache',
    'DISTRICT_REPORT_DIR': 'reports',
    'DISTRICT_HISTORY_DB': 'reports/history.sqlite',
}


def _isolate(monkeypatch, base):
    for name, relative in STATE_ENV.items():
        monkeypatch.setenv(name, str(base / relative))
    return base


@pytest.fixture(scope='module', autouse=True)
def module_state(tmp_path_factory):
    """State of the module-scoped fixtures (a lab run shared by a module's tests)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield _isolate(monkeypatch, tmp_path_factory.mktemp('state'))


@pytest.fixture(autouse=True)
def test_state(tmp_path_factory, monkeypatch):
    """Each test's own state; the environment is the one every ansible command of the test inherits."""
    return _isolate(monkeypatch, tmp_path_factory.mktemp('state'))


def ansible_env(**extra):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
               ANSIBLE_FORCE_COLOR='0', PATH=BIN + os.pathsep + os.environ.get('PATH', ''))
    env.update(extra)
    return env


@pytest.fixture(scope='session')
def run_ansible():
    """Run an ansible CLI from the project root with the project's ansible.cfg (and the calling test's state)."""
    def run(*args, env=None, check=False):
        result = subprocess.run(list(args), check=False, cwd=ROOT, env=ansible_env(**(env or {})), capture_output=True,
                                text=True, timeout=300)
        if check and result.returncode:
            raise AssertionError('%s failed (%d):\n%s\n%s' % (args, result.returncode, result.stdout, result.stderr))
        return result
    return run
