"""The execution environment's build context (issue 14, part 4): `ansible-builder create` on the project's
execution-environment.yml (schema version 3, checked by ansible-builder 3.2.0 itself), and what it made.

Building the image needs quay.io and Galaxy, which this machine cannot reach; everything before that is checked
here: the pins (no drift from requirements.txt), bindep, the collections, the district.standard tarball step,
and the builder stage's own dependency merge (its introspect script, run on the tarball installed here)."""

import filecmp
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from collection_build import build_collection, clean_env, galaxy_version
from conftest import BIN, ROOT

DEFINITION = 'execution-environment.yml'


def definition():
    with open(os.path.join(ROOT, DEFINITION)) as handle:
        return yaml.safe_load(handle)


def requirements(path):
    """{canonical name: Requirement} of a pip requirements file (comments and blank lines skipped)."""
    found = {}
    with open(path) as handle:
        for line in uncommented(handle):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


def uncommented(lines):
    """LINES without comments and blank lines, stripped."""
    return [text for text in (line.split('#', 1)[0].strip() for line in lines) if text]


def pin(requirement):
    specifiers = list(requirement.specifier)
    assert len(specifiers) == 1 and specifiers[0].operator == '==', '%s is not pinned with ==' % requirement
    return specifiers[0].version


def sections(containerfile):
    """{stage name: its lines} of a multi-stage Containerfile."""
    stages, current = {}, None
    for line in containerfile.splitlines():
        match = re.match(r'FROM \S+ AS (\w+)', line)
        if match:
            current = match.group(1)
        if current:
            stages.setdefault(current, []).append(line)
    return stages


@pytest.fixture(scope='module')
def context(tmp_path_factory):
    """The files the definition names, copied with the tarball in dist/; `ansible-builder create` run on them."""
    base = tmp_path_factory.mktemp('ee')
    source = base / 'src'
    ee = definition()
    deps = ee['dependencies']
    for relative in [DEFINITION] + [deps[key] for key in ('python', 'system', 'galaxy')]:
        os.makedirs(str((source / relative).parent), exist_ok=True)
        shutil.copy(os.path.join(ROOT, relative), str(source / relative))
    build_files = dict((entry['src'], entry['dest']) for entry in ee['additional_build_files'])
    tarball = build_collection(source / 'dist')
    created = subprocess.run([os.path.join(BIN, 'ansible-builder'), 'create', '--file', DEFINITION, '--context',
                              str(base / 'context')], cwd=str(source), env=clean_env(), capture_output=True,
                             text=True, timeout=300, check=False)
    assert created.returncode == 0, created.stdout + created.stderr
    with open(str(base / 'context' / 'Containerfile')) as handle:
        containerfile = handle.read()
    return {'base': base, 'dir': base / 'context', 'build': base / 'context' / '_build', 'ee': ee,
            'containerfile': containerfile, 'tarball': tarball, 'build_files': build_files}


def test_the_python_pins_are_the_projects(context):
    project = requirements(os.path.join(ROOT, 'requirements.txt'))
    ee_python = requirements(os.path.join(ROOT, context['ee']['dependencies']['python']))
    assert {'python-calamine', 'openpyxl', 'netaddr', 'pywinrm'} <= set(ee_python)
    for name, requirement in ee_python.items():
        assert name in project, '%s is in the EE but not in requirements.txt' % name
        assert pin(requirement) == pin(project[name]), name
    assert {'kerberos', 'credssp'} <= ee_python['pywinrm'].extras
    refs = re.search(r'^ARG ANSIBLE_INSTALL_REFS="([^"]*)"', context['containerfile'], re.M).group(1).split()
    assert sorted(refs) == sorted('%s==%s' % (name, pin(project[name])) for name in ('ansible-core', 'ansible-runner'))
    # the context holds the very files the definition names
    for key, copied in (('python', 'requirements.txt'), ('system', 'bindep.txt'), ('galaxy', 'requirements.yml')):
        assert filecmp.cmp(os.path.join(ROOT, context['ee']['dependencies'][key]), str(context['build'] / copied),
                           shallow=False), key


def test_bindep_names_what_the_extras_build_and_run_with_and_is_installed(context):
    with open(str(context['build'] / 'bindep.txt')) as handle:
        lines = uncommented(handle)
    packages = dict((line.split()[0], line) for line in lines)
    python = context['ee']['dependencies']['python_interpreter']['package_system']
    for name in ('gcc', 'krb5-devel', python + '-devel'):
        assert 'compile' in packages[name] and 'platform:rpm' in packages[name], name
    assert {'krb5-libs', 'krb5-workstation', 'openssh-clients'} <= set(packages)
    builder = '\n'.join(sections(context['containerfile'])['builder'])
    assert 'COPY _build/bindep.txt bindep.txt' in builder and '--user-bindep=bindep.txt' in builder
    assert 'RUN /output/scripts/install-from-bindep' in '\n'.join(sections(context['containerfile'])['final'])


def test_the_collections_and_the_district_tarball_are_installed(context):
    with open(os.path.join(ROOT, context['ee']['dependencies']['galaxy'])) as handle:
        wanted = set(c['name'] for c in yaml.safe_load(handle)['collections'])
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        assert set(yaml.safe_load(handle)['dependencies']) <= wanted  # the collection's dependencies come from Galaxy
    name = 'district-standard-%s.tar.gz' % galaxy_version()
    copied = context['build'] / context['build_files']['dist'] / name
    assert filecmp.cmp(context['tarball'], str(copied), shallow=False)
    galaxy = sections(context['containerfile'])['galaxy']
    copy = galaxy.index('COPY _build /build')
    install = [i for i, line in enumerate(galaxy) if 'ansible-galaxy collection install' in line
               and '/build/%s/district-standard-*.tar.gz' % context['build_files']['dist'] in line]
    assert len(install) == 1 and install[0] > copy and '--offline' in galaxy[install[0]]
    final = '\n'.join(sections(context['containerfile'])['final'])
    assert 'COPY --from=galaxy /usr/share/ansible /usr/share/ansible' in final
    assert 'ansible-doc -t inventory district.standard.asset_sheet' in final


def test_the_builder_stage_merges_the_python_and_system_deps_once(context):
    """introspect.py (the builder stage) on the collection as the galaxy stage installs it: the EE's own pins,
    once; and district.standard's meta/execution-environment.yml names the same files, never the developers'
    requirements.txt, for a district that builds its own EE with the collection in it."""
    collections = context['base'] / 'usr-share-ansible'
    config = context['base'] / 'galaxy.cfg'
    config.write_text('[defaults]\ncollections_path = %s\n' % collections)
    installed = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--offline',
                                '--no-deps', '-p', str(collections), context['tarball']], cwd=str(context['base']),
                               env=clean_env(ANSIBLE_CONFIG=str(config)), capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    line = next(text for text in context['containerfile'].splitlines() if 'introspect.py introspect' in text)
    options = [o for o in line.split()[3:] if o.startswith('--') and not o.startswith('--write-')]
    merged = {}
    for label, extra in (('the EE', options), ('the collection alone', [])):
        out = context['base'] / label.replace(' ', '-')
        args = [sys.executable, str(context['build'] / 'scripts' / 'introspect.py'), 'introspect']
        args += [o.replace('=', '=%s/' % context['build'], 1) for o in extra]
        args += ['--write-pip=%s' % (out / 'pip.txt'), '--write-bindep=%s' % (out / 'bindep.txt'), str(collections)]
        done = subprocess.run(args, cwd=str(context['base']), capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        with open(str(out / 'pip.txt')) as pip_lines, open(str(out / 'bindep.txt')) as bindep_lines:
            merged[label] = (uncommented(pip_lines), uncommented(bindep_lines))
    with open(os.path.join(ROOT, context['ee']['dependencies']['python'])) as handle:
        own = uncommented(handle)
    pip_lines, bindep_lines = merged['the EE']
    assert pip_lines == own and len(set(bindep_lines)) == len(bindep_lines)
    assert merged['the collection alone'] == merged['the EE']
