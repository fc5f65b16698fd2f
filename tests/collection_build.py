"""The district.standard collection tarball, built the way a release or an execution environment builds it.

`ansible-galaxy collection build` runs outside the project (a config of its own, not the project's ansible.cfg,
whose collections_path points at the in-repository links), so the tarball is what galaxy.yml and
build_ignore make of the repository root."""

import os
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, '.venv', 'bin')


def clean_env(**extra):
    """This process's environment without any Ansible or report setting, the venv first on PATH."""
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'DISTRICT_')))
    env.update(PATH=BIN + os.pathsep + env.get('PATH', ''), ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0')
    env.update(extra)
    return env


def galaxy_version():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        return yaml.safe_load(handle)['version']


def build_collection(folder):
    """Build the tarball into FOLDER (made if missing); its path."""
    os.makedirs(str(folder), exist_ok=True)
    config = os.path.join(str(folder), 'build.cfg')
    with open(config, 'w') as handle:
        handle.write('[defaults]\n')
    built = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', '--force', '--output-path',
                            str(folder), ROOT], cwd=str(folder), env=clean_env(ANSIBLE_CONFIG=config),
                           capture_output=True, text=True, timeout=300, check=False)
    tarball = os.path.join(str(folder), 'district-standard-%s.tar.gz' % galaxy_version())
    assert built.returncode == 0 and os.path.isfile(tarball), built.stdout + built.stderr
    return tarball
