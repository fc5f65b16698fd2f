"""A job's private data directory as AWX lays it out for ansible-runner (tests/integration/test_awx_runner.py and
tests/benchmarks/bench_awx.py).

    project/          the project checkout: this repository's files (what git tracks or would track)
    inventory/hosts   the executable JSON inventory script AWX writes for every job
    env/              envvars, extravars, cmdline, passwords (prompt -> answer), ssh_key (the Machine credential)

What AWX writes is taken from AWX itself (awx/main/tasks/jobs.py: write_inventory_file, build_env;
awx/main/models/inventory.py: get_script_data)."""

import json
import os
import shutil
import subprocess

from collection_build import ROOT

AWX_SCRIPT = '#! /usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(%r)\n'


def copy_project(destination):
    """The project as AWX checks it out, in DESTINATION (links kept as links)."""
    listed = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split('\0')
    for relative in filter(None, listed):
        source, target = os.path.join(ROOT, relative), os.path.join(str(destination), relative)
        if not os.path.lexists(source):  # deleted in the work tree, not yet in git
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)


def inventory_script(data):
    """The script AWX writes from an inventory's groups, hosts and vars (`--list` JSON with _meta.hostvars),
    with the remote_host_* / remote_tower_* variables AWX adds to each host."""
    data = dict(data, _meta={'hostvars': dict((host, dict(hostvars)) for host, hostvars
                                              in data.get('_meta', {}).get('hostvars', {}).items())})
    for number, (_host, hostvars) in enumerate(sorted(data['_meta']['hostvars'].items()), 1):
        for prefix in ('host', 'tower'):
            hostvars.update({'remote_%s_enabled' % prefix: 'true', 'remote_%s_id' % prefix: number})
    return AWX_SCRIPT % json.dumps(data)


def awx_envvars(pdd, job_id):
    """The environment AWX gives a job (build_env): job ids, no retry files, a ControlPath folder of the job,
    and collections and roles paths that put the project's own (ansible.cfg: collections, roles) first."""
    return {
        'JOB_ID': str(job_id), 'INVENTORY_ID': '1', 'PROJECT_REVISION': 'working-tree',
        'ANSIBLE_RETRY_FILES_ENABLED': 'False', 'ANSIBLE_SSH_CONTROL_PATH_DIR': os.path.join(str(pdd), 'cp'),
        'ANSIBLE_COLLECTIONS_PATH': os.pathsep.join([os.path.join(str(pdd), 'requirements_collections'), 'collections',
                                                     '~/.ansible/collections', '/usr/share/ansible/collections']),
        'ANSIBLE_ROLES_PATH': os.pathsep.join([os.path.join(str(pdd), 'requirements_roles'), 'roles',
                                               '~/.ansible/roles', '/usr/share/ansible/roles', '/etc/ansible/roles']),
    }


def private_data_dir(pdd, inventory, envvars, extravars, cmdline='', passwords=None, ssh_key=None):
    """Lay out PDD for a job on INVENTORY (`--list` JSON); returns PDD."""
    pdd = str(pdd)
    for folder in ('project', 'inventory', 'env', 'cp'):
        os.makedirs(os.path.join(pdd, folder))
    copy_project(os.path.join(pdd, 'project'))
    files = {'inventory/hosts': (inventory_script(inventory), 0o700),
             'env/envvars': (json.dumps(envvars), 0o600), 'env/extravars': (json.dumps(extravars), 0o600)}
    if cmdline:
        files['env/cmdline'] = (cmdline, 0o600)
    if passwords:
        files['env/passwords'] = (json.dumps(passwords), 0o600)
    if ssh_key:
        files['env/ssh_key'] = (ssh_key, 0o600)
    for relative, (text, mode) in files.items():
        path = os.path.join(pdd, relative)
        with open(path, 'w') as handle:
            handle.write(text)
        os.chmod(path, mode)
    return pdd
