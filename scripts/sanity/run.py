"""ansible-test sanity on the district.standard collection, offline, in one command (make sanity).

  1. ansible-test's own virtualenv (.cache/sanity-venv): the ansible-core of requirements.txt and its
     dependencies, hash-checked from requirements.lock (made when missing or when the pin changes);
  2. pip's bootstrap for ansible-test's per-test virtualenvs: scripts/sanity/get_pip.py put where
     ansible-test looks for its cached get-pip script (ci-files.testing.ansible.com is unreachable here);
  3. the collection built from the repository root and installed (no dependencies) into an empty path,
     outside the project's ansible.cfg;
  4. `ansible-test sanity` in the installed copy, every test, then a summary per test and the files skipped
     by tests/sanity/ignore-2.19.txt (the PowerShell checks: no PowerShell is installable here) with their reasons.

Extra arguments go to ansible-test sanity (e.g. `--test pep8`). Exit status: ansible-test's.
The whole output is kept in .cache/sanity/sanity.log; the pip noise of its per-test virtualenvs is left out
of the screen."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / '.cache' / 'sanity-venv'
WORK = ROOT / '.cache' / 'sanity'
GET_PIP = Path(__file__).resolve().parent / 'get_pip.py'
PYTHON = '%d.%d' % sys.version_info[:2]
IGNORES = ROOT / 'tests' / 'sanity' / 'ignore-%d.%d.txt'
# Lines of pip's output in ansible-test's per-test virtualenvs (still in the log).
PIP_NOISE = re.compile(
    r'^(Looking in |WARNING: Location |Processing |Collecting |\s+Downloading |\s+━|Installing collected packages'
    r'|Successfully installed |\s+Attempting uninstall|\s+Found existing installation|\s+Uninstalling |'
    r'\s+Successfully uninstalled |Requirement already satisfied|Using cached pip |Installing requirements for )')


def pinned(package):
    """The version requirements.txt pins a package at."""
    for line in (ROOT / 'requirements.txt').read_text(encoding='utf-8').splitlines():
        match = re.match(r'%s==([^\s;#]+)' % re.escape(package), line.strip(), re.IGNORECASE)
        if match:
            return match.group(1)
    raise SystemExit('requirements.txt pins no %s' % package)


def locked_closure(package):
    """requirements.lock's entries (with their hashes) for a package and everything it depends on.

    pip-compile writes each entry's dependants under `# via`: an entry belongs to the closure when one of
    its dependants does."""
    entries, via = {}, {}
    name = None
    for line in (ROOT / 'requirements.lock').read_text(encoding='utf-8').splitlines():
        match = re.match(r'([A-Za-z0-9_.-]+)==', line)
        if match:
            name = match.group(1).lower()
            entries[name], via[name] = [line], set()
        elif name and line.lstrip().startswith('--hash'):
            entries[name].append(line)
        elif name and line.lstrip().startswith('#'):
            dependant = re.sub(r'^via\b', '', line.strip().lstrip('#').strip()).strip()
            if dependant and not dependant.startswith(('-r', '(')):
                via[name].add(dependant.lower())
    wanted = {package.lower()}
    grown = True
    while grown:
        grown = False
        for name, dependants in via.items():
            if name not in wanted and dependants & wanted:
                wanted.add(name)
                grown = True
    missing = wanted - entries.keys()
    if missing:
        raise SystemExit('requirements.lock has no %s: run make lock' % ', '.join(sorted(missing)))
    return '\n'.join(line for name in sorted(wanted) for line in entries[name]) + '\n'


def quiet(command, **kwargs):
    """Run a command; show its output only when it fails."""
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False, **kwargs)
    if done.returncode:
        sys.stdout.write(done.stdout)
        raise SystemExit('%s: exit status %d' % (' '.join(command), done.returncode))


def ensure_venv():
    """ansible-test's virtualenv, made when missing or when the ansible-core pin changed."""
    requirement = 'ansible-core==%s' % pinned('ansible-core')
    stamp = VENV / '.installed'
    if stamp.is_file() and stamp.read_text(encoding='utf-8') == requirement:
        return
    print('== ansible-test virtualenv: %s (%s)' % (requirement, VENV.relative_to(ROOT)), flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, '-m', 'venv', str(VENV)], check=True)
    with tempfile.NamedTemporaryFile('w', suffix='.txt', encoding='utf-8') as handle:
        handle.write(locked_closure('ansible-core'))
        handle.flush()
        quiet([str(VENV / 'bin' / 'python'), '-m', 'pip', 'install', '-q', '--disable-pip-version-check',
               '--require-hashes', '-r', handle.name])
    stamp.write_text(requirement, encoding='utf-8')


def install_pip_bootstrap():
    """Put the get-pip stand-in where ansible-test looks for the pip version it asks for."""
    code = ('import types; from ansible_test._internal.python_requirements import get_venv_packages; '
            'print(get_venv_packages(types.SimpleNamespace(version=%r))["pip"])' % PYTHON)
    version = subprocess.run([str(VENV / 'bin' / 'python'), '-c', code], check=True, capture_output=True,
                             text=True).stdout.strip()
    target = Path.home() / '.ansible' / 'test' / 'cache' / ('get_pip_%s.py' % version.replace('.', '_'))
    if not target.is_file() or target.read_bytes() != GET_PIP.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(GET_PIP, target)
    return version


def clean_environment(config):
    """This environment without the project's Ansible settings (ansible.cfg's collections_path would make
    ansible-galaxy think the collection is installed), ansible-test's virtualenv first on PATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith('ANSIBLE_')}
    env['ANSIBLE_CONFIG'] = str(config)
    env['PATH'] = os.pathsep.join([str(VENV / 'bin')] + [
        entry for entry in env.get('PATH', '').split(os.pathsep) if not entry.startswith(str(ROOT))])
    env.pop('VIRTUAL_ENV', None)
    return env


def install_collection(work, env):
    """Build the collection from the repository root and install it into work/collections; its path."""
    dist = work / 'dist'
    dist.mkdir()
    galaxy = str(VENV / 'bin' / 'ansible-galaxy')
    quiet([galaxy, 'collection', 'build', '--output-path', str(dist), str(ROOT)], cwd=work, env=env)
    tarball, = dist.glob('*.tar.gz')
    quiet([galaxy, 'collection', 'install', '--no-deps', '-p', str(work / 'collections'), str(tarball)],
          cwd=work, env=env)
    return work / 'collections' / 'ansible_collections' / 'district' / 'standard', tarball.name


def skipped_files():
    """(path, test, reason) of each file the ignore file skips for a test (`test!skip`)."""
    path = Path(str(IGNORES) % tuple(int(part) for part in pinned('ansible-core').split('.')[:2]))
    out = []
    for line in path.read_text(encoding='utf-8').splitlines():
        entry, _hash, reason = line.partition('#')
        fields = entry.split()
        if len(fields) == 2 and fields[1].endswith('!skip'):
            out.append((fields[0], fields[1][:-len('!skip')], reason.strip()))
    return out


def run_sanity(collection, env, extra, log_path):
    """ansible-test sanity in the installed collection: its exit status and
    {test started: number of errors it reported}."""
    started, current = {}, None
    command = [str(VENV / 'bin' / 'ansible-test'), 'sanity', '--python', PYTHON, '--color', 'no', '--junit'] + extra
    print('== ' + ' '.join(command[1:]), flush=True)
    with open(log_path, 'w', encoding='utf-8') as log:
        log.write('== %s\n' % ' '.join(command[1:]))
        with subprocess.Popen(command, cwd=collection, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, errors='replace') as process:
            for line in process.stdout:
                log.write(line)
                test = re.match(r'Running sanity test "([^"]+)"', line)
                found = re.match(r'ERROR: Found (\d+) ', line)
                if test:
                    current = test.group(1)
                    started[current] = 0
                elif found and current:
                    started[current] = int(found.group(1))
                if not PIP_NOISE.match(line):
                    sys.stdout.write(line)
                    sys.stdout.flush()
    returncode = process.returncode
    return returncode, started


def junit_results(collection, started):
    """{test: result} from ansible-test's JUnit files (copied to .cache/sanity/junit) and the error counts of
    STARTED; a started test with no file stopped ansible-test (a crash: its output is in the log)."""
    results = dict.fromkeys(started, 'no result: ansible-test stopped in it (see the log)')
    saved = WORK / 'junit'
    shutil.rmtree(saved, ignore_errors=True)
    saved.mkdir(parents=True)
    for path in sorted((collection / 'tests' / 'output' / 'junit').glob('*.xml')):
        shutil.copyfile(path, saved / path.name)
        for case in ElementTree.parse(path).iter('testcase'):
            name = re.sub(r'-python-[0-9.]+$', '', case.get('name'))
            failures = len(case.findall('failure')) + len(case.findall('error'))
            skipped = case.find('skipped')
            if failures:
                results[name] = 'failed (%s)' % ('%d errors' % started[name] if started.get(name) else 'see above')
            elif skipped is not None:
                reason = (skipped.get('message') or skipped.text or '').strip()
                results[name] = 'nothing to test (no file of its kind)' if reason == 'No tests applicable.' else \
                    'skipped: ' + reason
            else:
                results[name] = 'passed'
    return results


def summary(results, returncode, seconds, log_path, pip_version, tarball):
    """What each test did, what was skipped and why, and the verdict."""
    print('\n== Sanity summary (%s, ansible-core %s, Python %s, pip %s bootstrap stand-in)' % (
        tarball, pinned('ansible-core'), PYTHON, pip_version))
    for test, result in sorted(results.items()):
        print('  %-30s %s' % (test, result))
    for path, test, reason in skipped_files():
        print('  %-30s skipped for %s: %s' % (test, path, reason))
    failed = [test for test, result in results.items() if not result.startswith(('passed', 'skipped', 'nothing'))]
    verdict = 'PASSED' if returncode == 0 else 'FAILED (%s)' % (', '.join(sorted(failed)) or 'exit %d' % returncode)
    print('%s: %d tests in %.0f s; full output in %s' % (verdict, len(results), seconds, log_path.relative_to(ROOT)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--keep', action='store_true', help='keep the built and installed collection (in /tmp)')
    args, extra = parser.parse_known_args()
    if not shutil.which('shellcheck'):
        raise SystemExit('shellcheck is missing (Debian package shellcheck): make system-packages')
    began = time.monotonic()
    ensure_venv()
    pip_version = install_pip_bootstrap()
    WORK.mkdir(parents=True, exist_ok=True)
    # Outside the repository: ansible-test lists a collection's files with git when it sits in a work tree.
    work = Path(tempfile.mkdtemp(prefix='district-sanity-'))
    try:
        config = work / 'ansible.cfg'
        # No project settings while the collection is built and tested, and only the empty path as the
        # collections path: a district.standard installed in ~/.ansible/collections would stop the install.
        config.write_text('[defaults]\ncollections_path = %s\n' % (work / 'collections'), encoding='utf-8')
        env = clean_environment(config)
        collection, tarball = install_collection(work, env)
        log_path = WORK / 'sanity.log'
        returncode, started = run_sanity(collection, env, extra, log_path)
        results = junit_results(collection, started)
    finally:
        if args.keep:
            print('The built and installed collection: %s' % work)
        else:
            shutil.rmtree(work)
    summary(results, returncode, time.monotonic() - began, log_path, pip_version, tarball)
    return returncode


if __name__ == '__main__':
    sys.exit(main())
