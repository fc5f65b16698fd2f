"""The Windows and Mac builds on real machines, through the delegated molecule scenarios molecule/windows and
molecule/macos. There is no Windows or macOS here: without a test machine these tests skip and say why; they
never pass without one."""

import os
import subprocess

import pytest

from conftest import BIN, ROOT, ansible_env

SCENARIOS = {
    'windows': ('WINDOWS_TEST_HOST', 'WINDOWS_TEST_USER', 'WINDOWS_TEST_PASSWORD', 'WINDOWS_TEST_SUBNET'),
    'macos': ('MACOS_TEST_HOST', 'MACOS_TEST_USER', 'MACOS_TEST_PASSWORD'),
}


@pytest.mark.parametrize('scenario', sorted(SCENARIOS))
def test_build_on_a_real_machine(scenario):
    missing = [name for name in SCENARIOS[scenario] if not os.environ.get(name)]
    if missing:
        pytest.skip('no %s test machine: set %s to run molecule/%s against a spare lab machine (see the README)'
                    % (scenario, ', '.join(missing), scenario))
    result = subprocess.run([os.path.join(BIN, 'molecule'), 'test', '-s', scenario], check=False, cwd=ROOT, env=ansible_env(),
                            capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]


def test_scenarios_exist_and_are_delegated():
    for scenario in SCENARIOS:
        with open(os.path.join(ROOT, 'molecule', scenario, 'molecule.yml')) as handle:
            text = handle.read()
        assert 'managed: false' in text and '${%s}' % SCENARIOS[scenario][0] in text
        for step in ('check', 'converge', 'idempotence', 'verify'):
            assert '    - %s\n' % step in text
