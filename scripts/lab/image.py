"""The lab's base image, built offline: debootstrap bookworm minbase, then `podman import`.

The tag is a hash of the recipe below, so the image is rebuilt only when the
recipe changes. Host keys are not baked in: each container makes its own at
first boot.
"""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTAINERS_CONF = os.path.join(ROOT, 'scripts', 'lab', 'containers.conf')
BUILD_DIR = os.path.join(ROOT, '.cache', 'lab', 'image')
REPOSITORY = 'localhost/district-lab'
MIRROR = os.environ.get('LAB_DEBIAN_MIRROR', 'http://deb.debian.org/debian')
RECIPE = {
    'suite': 'bookworm',
    'variant': 'minbase',
    # python3-apt: Ansible's apt module needs it to run in check mode (a dry run)
    'packages': ['python3', 'python3-apt', 'systemd', 'systemd-sysv', 'dbus', 'openssh-server', 'sudo',
                 'ca-certificates', 'iproute2'],
    'sources': ['deb http://deb.debian.org/debian bookworm main',
                'deb http://deb.debian.org/debian bookworm-updates main',
                'deb http://deb.debian.org/debian-security bookworm-security main'],
    'setup': [
        'rm -f /etc/ssh/ssh_host_*',
        'mkdir -p /etc/systemd/system/ssh.service.d',
        'printf "[Service]\\nExecStartPre=\\nExecStartPre=/usr/bin/ssh-keygen -A\\nExecStartPre=/usr/sbin/sshd -t\\n"'
        ' > /etc/systemd/system/ssh.service.d/host-keys.conf',
        'systemctl enable ssh.service',
        'systemctl mask getty@tty1.service console-getty.service systemd-logind.service',
        'rm -f /etc/machine-id && touch /etc/machine-id',
        # keep package lists, as a real server has them (a dry run of apt needs them)
        'apt-get update -qq && apt-get clean',
    ],
}


def podman_env():
    return dict(os.environ, CONTAINERS_CONF=CONTAINERS_CONF)


def podman(*args, check=True, capture=True):
    return subprocess.run(['podman'] + list(args), env=podman_env(), check=check, text=True,
                          capture_output=capture)


def image_name():
    digest = hashlib.sha256(json.dumps(RECIPE, sort_keys=True).encode()).hexdigest()[:12]
    return '%s:%s' % (REPOSITORY, digest)


def ensure_image(log=None):
    """The image name, building it first when this recipe has no image yet (one build at a time)."""
    name = image_name()
    if podman('image', 'exists', name, check=False).returncode == 0:
        return name
    log = log or (lambda text: print(text, file=sys.stderr))
    os.makedirs(BUILD_DIR, exist_ok=True)
    with open(os.path.join(BUILD_DIR, '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if podman('image', 'exists', name, check=False).returncode != 0:
            _build(name, log)
    return name


def _build(name, log):
    rootfs = os.path.join(BUILD_DIR, 'rootfs')
    shutil.rmtree(rootfs, ignore_errors=True)
    log('lab image: debootstrap %(suite)s %(variant)s (about a minute)' % RECIPE)
    subprocess.run(['debootstrap', '--variant=' + RECIPE['variant'], '--include=' + ','.join(RECIPE['packages']),
                    RECIPE['suite'], rootfs, MIRROR], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(rootfs, 'etc', 'apt', 'sources.list'), 'w') as handle:
        handle.write('\n'.join(RECIPE['sources']) + '\n')
    for step in RECIPE['setup']:
        subprocess.run(['chroot', rootfs, '/bin/sh', '-c', step], check=True)
    log('lab image: podman import as %s' % name)
    tar = subprocess.Popen(['tar', '-C', rootfs, '--numeric-owner', '-c', '.'], stdout=subprocess.PIPE)
    subprocess.run(['podman', 'import', '--change', 'CMD ["/sbin/init"]', '-', name], stdin=tar.stdout,
                   env=podman_env(), check=True, stdout=subprocess.DEVNULL)
    if tar.wait():
        raise RuntimeError('tar of the lab rootfs failed')
    shutil.rmtree(rootfs, ignore_errors=True)
