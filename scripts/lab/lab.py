"""The test lab: systemd containers that Ansible reaches over SSH on loopback, described by an asset sheet.

    lab.py up --name demo --hosts 10                   N generated Linux desktops, and their asset sheet
    lab.py up --name demo --inventory inventories/demo  one container per Linux host of that inventory's sheet
    lab.py down --name demo
    lab.py image                              build the base image (only when its recipe changed)

`up` writes .cache/lab/<name>/: the run's own SSH key, and inventory/ (a
copy of the given inventory, or a generated sheet and its config: the
asset_sheet plugin is the inventory either way) with the SSH settings added
in group_vars/all/zz-lab-connection.yml. Each host's SSH is published on
<its IP>:2222, its IP taken from the sheet: a loopback address, nothing else
is allowed.

Ansible logs in as the district admin account of the standard (LAB_USER,
district_admin_user of inventories/sample and inventories/demo), never as root:
the app_server role refuses root logins (PermitRootLogin no). `up` makes that
account in each container with the lab's key, and lets it use sudo without a
password through a lab-only sudoers file (LAB_SUDOERS: not district-*, which
the app_server role removes, and sorting after the district's rules, so that
its NOPASSWD wins).
"""

import argparse
import csv
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time

import yaml

from image import ROOT, ensure_image, podman, podman_env

sys.path.insert(0, os.path.join(ROOT, 'collections'))
from ansible_collections.district.standard.plugins.plugin_utils.asset_book import load_book  # noqa: E402

LAB_DIR = os.path.join(ROOT, '.cache', 'lab')
SSH_PORT = 2222
HEADER = ['Hostname', 'Asset Tag', 'Serial Number', 'MAC Address', 'IP Address', 'School', 'Room', 'Device Type',
          'OS', 'OS Version', 'Model', 'Manufacturer', 'Status', 'Assigned To', 'Printer URI', 'Notes']
CONFIG = """---
# Written by scripts/lab/lab.py: the lab's asset sheet is its inventory.
plugin: district.standard.asset_sheet
source: %s
lab: true
"""
LAB_USER = 'dsadmin'
LAB_SUDOERS = '/etc/sudoers.d/zz-lab-admin'
# Run in each container (as root, by podman exec) with the lab's public key on stdin, then the sheet's
# serial and model as $1 and $2.
LOGIN_SETUP = """set -e
id -u %(user)s >/dev/null 2>&1 || useradd --create-home --shell /bin/bash %(user)s
install -d -m 0700 -o %(user)s -g %(user)s /home/%(user)s/.ssh
cat > /home/%(user)s/.ssh/authorized_keys
chown %(user)s:%(user)s /home/%(user)s/.ssh/authorized_keys
chmod 0600 /home/%(user)s/.ssh/authorized_keys
printf '# lab only (scripts/lab/lab.py): Ansible logs in as %(user)s and becomes root\\n%(user)s ALL=(ALL:ALL) NOPASSWD: ALL\\n' > %(sudoers)s.new
chmod 0440 %(sudoers)s.new
visudo -cqf %(sudoers)s.new
mv %(sudoers)s.new %(sudoers)s
mkdir -p /etc/district
printf '%%s\\n' "$1" > /etc/district/serial
printf '%%s\\n' "$2" > /etc/district/model
""" % dict(user=LAB_USER, sudoers=LAB_SUDOERS)
GROUP_VARS = """---
# Written by scripts/lab/lab.py: how Ansible reaches the lab containers (overrides nothing else).
ansible_user: %s
ansible_port: %d
ansible_ssh_private_key_file: %s
ansible_ssh_common_args: -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
ansible_python_interpreter: /usr/bin/python3
"""


def lab_dir(name):
    return os.path.join(LAB_DIR, name)


def inventory_dir(name):
    return os.path.join(LAB_DIR, name, 'inventory')


def generated_sheet(path, count, subnet, school='Lab School', room='Lab 1'):
    """An asset sheet of count Linux desktops at <subnet>.11, .12, ..."""
    with open(path, 'w', newline='') as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, count + 1):
            writer.writerow(['lab-pc%02d' % number, str(900000 + number), 'LAB%06d' % number,
                             '02:00:00:00:%02x:%02x' % (number // 256, number % 256), '%s.%d' % (subnet, 10 + number),
                             school, room, 'Desktop', 'Debian 12', '12', 'Lab container', 'Podman', 'Active',
                             '', '', ''])


def linux_hosts(inventory):
    """(hostname, ip, mac, identity) of every Linux host of the inventory's sheet; their IPs must be loopback."""
    configs = [f for f in os.listdir(inventory) if f.endswith(('asset_sheet.yml', 'asset_sheet.yaml'))]
    if len(configs) != 1:
        raise SystemExit('%s: expected one *.asset_sheet.yml, found %s' % (inventory, configs or 'none'))
    with open(os.path.join(inventory, configs[0])) as handle:
        options = yaml.safe_load(handle)
    hosts = []
    for host in load_book(options, inventory)['hosts']:
        hostvars = host['vars']
        if hostvars['asset_os'] != 'linux':
            continue
        if not hostvars['asset_ip'] or not ipaddress.ip_address(hostvars['asset_ip']).is_loopback:
            raise SystemExit('%s: %s has IP %r; lab hosts must have a loopback IP (127.x.x.x)'
                             % (hostvars['asset_source'], host['name'], hostvars['asset_ip']))
        hosts.append((host['name'], hostvars['asset_ip'], hostvars['asset_mac'],
                      dict(serial=hostvars['asset_serial'], model=hostvars['asset_model'])))
    return hosts


def wait_for_ssh(ip, deadline):
    while time.time() < deadline:
        try:
            with socket.create_connection((ip, SSH_PORT), timeout=2) as conn:
                if conn.recv(4).startswith(b'SSH-'):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def up(name, inventory=None, count=0, subnet='127.0.50'):
    down(name, quiet=True)
    directory = inventory_dir(name)
    if inventory:
        shutil.copytree(inventory, directory)
    else:
        os.makedirs(directory)
        generated_sheet(os.path.join(directory, 'lab-assets.csv'), count, subnet)
        with open(os.path.join(directory, 'lab.asset_sheet.yml'), 'w') as handle:
            handle.write(CONFIG % 'lab-assets.csv')
    if os.path.exists(os.path.join(directory, 'group_vars', 'all.yml')):
        raise SystemExit('%s: keep group_vars/all as a folder, the lab adds its SSH settings there' % inventory)
    os.makedirs(os.path.join(directory, 'group_vars', 'all'), exist_ok=True)
    hosts = linux_hosts(directory)
    image = ensure_image()
    key = os.path.join(lab_dir(name), 'id_ed25519')
    subprocess.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'district-lab-' + name, '-f', key],
                   check=True)
    with open(key + '.pub') as handle:
        public_key = handle.read()
    for hostname, ip, mac, _identity in hosts:
        args = ['run', '-d', '--name', 'dslab-%s-%s' % (name, hostname), '--hostname', hostname,
                '--label', 'district-lab=' + name, '--systemd=always', '--tmpfs', '/tmp',
                # the app_server firewall loads nftables rules in the container's own network namespace
                '--cap-add', 'NET_ADMIN',
                '-p', '%s:%d:22' % (ip, SSH_PORT)]
        if mac:
            args += ['--mac-address', mac]
        podman(*(args + [image, '/sbin/init']))
    deadline = time.time() + 90
    for hostname, ip, _mac, identity in hosts:
        container = 'dslab-%s-%s' % (name, hostname)
        # the login account with the lab's key; and as a container has no firmware (DMI) of its own to tell
        # its serial and model, it says what its sheet row says, in the files the hw_inventory role reads
        # (hw_inventory_serial_file, hw_inventory_model_file)
        subprocess.run(['podman', 'exec', '-i', container, 'sh', '-c', LOGIN_SETUP, 'lab-login',
                        identity['serial'], identity['model']],
                       input=public_key, text=True, check=True, env=podman_env())
        if not wait_for_ssh(ip, deadline):
            raise SystemExit('lab %s: %s (%s:%d) did not answer SSH in time' % (name, hostname, ip, SSH_PORT))
    with open(os.path.join(directory, 'group_vars', 'all', 'zz-lab-connection.yml'), 'w') as handle:
        handle.write(GROUP_VARS % (LAB_USER, SSH_PORT, key))
    print('lab %s: %d host(s) up; inventory: %s' % (name, len(hosts), directory))
    return directory


def down(name, quiet=False):
    listed = podman('ps', '-aq', '--filter', 'label=district-lab=' + name).stdout.split()
    if listed:
        podman('rm', '-f', '-t', '0', *listed)
    shutil.rmtree(lab_dir(name), ignore_errors=True)
    if not quiet:
        print('lab %s: %d container(s) removed' % (name, len(listed)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    sub = parser.add_subparsers(dest='command', required=True)
    start = sub.add_parser('up', help='start a lab')
    start.add_argument('--name', default='lab')
    start.add_argument('--hosts', type=int, default=0, help='generate a sheet of N Linux desktops')
    start.add_argument('--inventory', help='start the Linux hosts of this asset_sheet inventory folder')
    start.add_argument('--subnet', default='127.0.50', help='loopback /24 of generated hosts')
    stop = sub.add_parser('down', help='remove a lab')
    stop.add_argument('--name', default='lab')
    sub.add_parser('image', help='build the base image if its recipe changed')
    args = parser.parse_args(argv)
    if args.command == 'image':
        print(ensure_image())
    elif args.command == 'up':
        if bool(args.inventory) == bool(args.hosts):
            parser.error('up needs --hosts N or --inventory DIR')
        up(args.name, args.inventory, args.hosts, args.subnet)
    else:
        down(args.name)


if __name__ == '__main__':
    main()
