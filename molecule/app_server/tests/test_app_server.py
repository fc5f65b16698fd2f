"""The application server after the role: what each control really does on the system."""

import os

import pytest
import testinfra
import yaml
from ansible.parsing.vault import VaultLib, VaultSecret

ROOT = os.environ.get('MOLECULE_PROJECT_DIRECTORY',
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
SSH = ('ssh -i /root/.ssh/id_ed25519 -o BatchMode=yes -o StrictHostKeyChecking=no '
       '-o UserKnownHostsFile=/dev/null -o ConnectTimeout=5')
CRYPT_CHECK = """
import ctypes, ctypes.util, sys
lib = ctypes.CDLL(ctypes.util.find_library('crypt') or 'libcrypt.so.1')
lib.crypt.restype = ctypes.c_char_p
lib.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
current = [l.split(':')[1] for l in open('/etc/shadow') if l.split(':')[0] == sys.argv[1]][0].encode()
sys.exit(0 if lib.crypt(sys.argv[2].encode(), current) == current else 1)
"""


@pytest.fixture(scope='module')
def host(host):
    """The same container, reached with podman exec: for a podman connection, testinfra's Ansible
    backend runs every command as an Ansible task (a second or two each)."""
    return testinfra.get_host('podman://%s' % host.backend.host)


def demo_vault_value(name):
    """A value of the sample district's vault.yml, decrypted with the demo vault password."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor('!vault', lambda loader, node: loader.construct_scalar(node))
    with open(os.path.join(ROOT, 'inventories', 'sample', 'group_vars', 'all', 'vault.yml')) as handle:
        data = yaml.load(handle, Loader=Loader)
    with open(os.path.join(ROOT, 'inventories', 'sample', 'demo-vault-password.txt'), 'rb') as handle:
        secret = VaultSecret(handle.read().strip())
    return VaultLib([('default', secret)]).decrypt(data[name]).decode()


# APP-ACC

def test_accounts_and_groups(host):
    assert 'district-tech' in host.user('dsadmin').groups
    assert 'district-tech' in host.user('tech1').groups
    service = host.user('svc-reports')
    assert service.uid < 1000
    assert service.shell == '/usr/sbin/nologin'
    assert service.home == '/var/lib/svc-reports'
    assert 'teachers' in service.groups
    assert not host.user('oldtech').exists
    assert not host.file('/home/oldtech').exists
    assert not host.group('old-project').exists


def test_exactly_the_listed_keys(host):
    keys = host.file('/home/tech1/.ssh/authorized_keys')
    assert keys.mode == 0o600
    assert keys.user == 'tech1'
    lines = [line for line in keys.content_string.splitlines() if line and not line.startswith('#')]
    assert [line.split()[-1] for line in lines] == ['tech1@laptop', 'tech1@desktop']
    assert 'stolen-laptop' not in keys.content_string
    service_keys = host.file('/var/lib/svc-reports/.ssh/authorized_keys')
    assert not service_keys.exists or 'ssh-' not in service_keys.content_string


def test_admin_password_is_the_vault_one(host):
    shadow = host.check_output('getent shadow dsadmin').split(':')[1]
    assert shadow.startswith(('$y$', '$6$'))
    password = demo_vault_value('vault_district_admin_password')
    assert host.run('python3 -c %s dsadmin %s', CRYPT_CHECK, password).rc == 0
    assert host.run('python3 -c %s dsadmin %s', CRYPT_CHECK, password + 'x').rc == 1


# APP-DIR

def test_shared_folder_setgid_and_acls(host):
    folder = host.file('/srv/shared/teachers')
    assert folder.is_directory
    assert folder.group == 'teachers'
    assert folder.mode == 0o2770
    acl = host.check_output('getfacl -p /srv/shared/teachers')
    assert 'group:district-tech:r-x' in acl
    assert 'default:group:teachers:rwx' in acl
    assert 'default:group:district-tech:r-x' in acl


def test_new_files_inherit_group_and_acl(host):
    path = '/srv/shared/teachers/report.csv'
    try:
        host.check_output('runuser -u svc-reports -- touch %s', path)
        made = host.file(path)
        assert made.group == 'teachers'
        assert 'group:teachers:rw' in host.check_output('getfacl -p %s', path)
    finally:
        host.run('rm -f %s', path)


# APP-SUDO

def test_sudo_rules(host):
    assert host.run('visudo -c').rc == 0
    rule = host.file('/etc/sudoers.d/district-technicians')
    assert rule.mode == 0o440
    assert '%district-tech ALL=(ALL:ALL) ALL' in rule.content_string
    assert '(ALL : ALL) ALL' in host.check_output('sudo -l -U tech1')
    assert '(root) NOPASSWD: /usr/bin/systemctl restart nftables' in host.check_output('sudo -l -U svc-reports')
    assert not host.file('/etc/sudoers.d/district-oldvendor').exists
    assert host.file('/etc/sudoers.d/README').exists


# APP-SSH

def role_default(name):
    """A value of the role's defaults (the standard as written)."""
    with open(os.path.join(ROOT, 'roles', 'app_server', 'defaults', 'main.yml')) as handle:
        return yaml.safe_load(handle)[name]


def test_sshd_settings(host):
    settings = host.check_output('sshd -T').splitlines()
    assert 'permitrootlogin no' in settings
    assert 'passwordauthentication no' in settings
    assert 'kbdinteractiveauthentication no' in settings
    assert [line for line in settings if line.startswith('allowgroups ')] == ['allowgroups district-tech']
    assert 'banner /etc/issue.net' in settings
    assert 'x11forwarding no' in settings


@pytest.mark.parametrize('option, query, default', [('kexalgorithms', 'kex', 'app_server_ssh_kex_algorithms'),
                                                    ('ciphers', 'cipher', 'app_server_ssh_ciphers'),
                                                    ('macs', 'mac', 'app_server_ssh_macs')])
def test_sshd_algorithms_are_the_documented_set(host, option, query, default):
    wanted = role_default(default)
    settings = host.check_output('sshd -T').splitlines()
    assert '%s %s' % (option, ','.join(wanted)) in settings
    assert set(wanted) <= set(host.check_output('ssh -Q %s', query).split())  # each one this OpenSSH has


def test_a_client_gets_the_strongest_and_nothing_weak(host):
    login = host.run(SSH + ' -vv dsadmin@127.0.0.1 true')
    assert login.rc == 0, login.stderr
    assert 'kex: algorithm: sntrup761x25519-sha512@openssh.com' in login.stderr
    assert 'kex: server->client cipher: chacha20-poly1305@openssh.com' in login.stderr
    for weak, refused in (('-c aes128-cbc', 'no matching cipher'), ('-m hmac-sha1 -c aes128-ctr', 'no matching MAC'),
                          ('-o KexAlgorithms=diffie-hellman-group14-sha256', 'no matching key exchange'),
                          ('-o KexAlgorithms=diffie-hellman-group-exchange-sha256', 'no matching key exchange')):
        attempt = host.run(SSH + ' %s dsadmin@127.0.0.1 true' % weak)
        assert attempt.rc == 255 and refused in attempt.stderr, (weak, attempt.stderr)


def test_the_district_admin_logs_in_and_sees_the_notice_only(host):
    login = host.run(SSH + ' dsadmin@127.0.0.1 id -un')
    assert login.rc == 0, login.stderr
    assert login.stdout.strip() == 'dsadmin'
    assert 'Authorised use only' in login.stderr
    assert '100512' not in login.stderr and 'J. Rivera' not in login.stderr


def test_root_has_no_key_and_cannot_log_in_even_with_one(host):
    keys = host.file('/root/.ssh/authorized_keys')
    assert not keys.exists or 'ssh-' not in keys.content_string  # prepare.yml's key was removed (APP-SSH-04)
    refused = host.run(SSH + ' root@127.0.0.1 true')
    assert refused.rc == 255 and 'Permission denied' in refused.stderr
    # root is refused even with an authorized key: it is in no AllowGroups group, and PermitRootLogin no holds
    # for every connection of root (no Match block lets it in)
    host.run_expect([0], 'cp /root/.ssh/id_ed25519.pub /root/.ssh/authorized_keys')
    try:
        with_key = host.run(SSH + ' root@127.0.0.1 true')
        assert with_key.rc == 255 and 'Permission denied' in with_key.stderr
        # sshd's log line reaches the journal through a socket: wait for it, a bounded time
        line = "User root from 127.0.0.1 not allowed because none of user's groups are listed in AllowGroups"
        logged = host.run('for i in $(seq 20); do journalctl -u ssh --no-pager | grep -F %s && exit 0; '
                          'sleep 1; done; exit 1', line)
        assert logged.rc == 0, host.check_output('journalctl -u ssh --no-pager -n 20')
    finally:
        host.run_expect([0], ': > /root/.ssh/authorized_keys')
    for address in ('127.0.0.1', '10.10.1.5'):
        effective = host.check_output('sshd -T -C user=root,host=client,addr=%s', address).splitlines()
        assert 'permitrootlogin no' in effective


def test_no_password_login_and_only_allowed_groups(host):
    password = host.run('ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null '
                        '-o PubkeyAuthentication=no root@127.0.0.1 true')
    assert password.rc == 255
    assert 'Permission denied (publickey)' in password.stderr
    outsider = host.run(SSH + ' outsider@127.0.0.1 true')
    assert outsider.rc == 255
    assert 'Permission denied' in outsider.stderr


# APP-TIME

def test_time_zone_and_ntp(host):
    assert host.check_output('timedatectl show -p Timezone --value') == 'America/Chicago'
    assert host.file('/etc/timezone').content_string.strip() == 'America/Chicago'
    dropin = host.file('/etc/systemd/timesyncd.conf.d/50-district.conf').content_string
    assert 'NTP=127.0.0.1 127.0.0.2' in dropin
    timesyncd = host.service('systemd-timesyncd')
    assert timesyncd.is_running
    assert timesyncd.is_enabled
    assert host.check_output('timedatectl show-timesync -p SystemNTPServers --value') == '127.0.0.1 127.0.0.2'
    assert host.check_output('timedatectl show-timesync -p ServerName --value') in ('127.0.0.1', '127.0.0.2')


# APP-UPD

def test_unattended_security_upgrades(host):
    assert host.package('unattended-upgrades').is_installed
    periodic = host.file('/etc/apt/apt.conf.d/20auto-upgrades').content_string
    assert 'APT::Periodic::Update-Package-Lists "1";' in periodic
    assert 'APT::Periodic::Unattended-Upgrade "1";' in periodic
    origins = [line for line in host.check_output('apt-config dump').splitlines() if 'Origins-Pattern::' in line]
    assert origins == ['Unattended-Upgrade::Origins-Pattern:: '
                       '"origin=Debian,codename=${distro_codename}-security,label=Debian-Security";']
    assert host.service('apt-daily-upgrade.timer').is_enabled


@pytest.mark.parametrize('origin', ['origin=Debian,codename=bookworm-security,label=Debian-Security'])
def test_unattended_upgrade_uses_the_origins(host, origin):
    dry_run = host.run('unattended-upgrade --dry-run --debug')
    assert 'Allowed origins are: %s' % origin in dry_run.stdout + dry_run.stderr


# APP-FW

def test_firewall_ruleset(host):
    assert host.service('nftables').is_enabled
    ruleset = host.check_output('nft list table inet district_standard')
    assert 'type filter hook input priority filter; policy drop;' in ruleset
    assert 'ct state established,related accept' in ruleset
    assert 'iif "lo" accept' in ruleset
    assert 'tcp dport 22 accept' in ruleset
    assert 'tcp dport 443 accept' in ruleset
    assert 'ip saddr 10.10.0.0/16 tcp dport 8000-8010 accept' in ruleset
    assert 'ip6 saddr fd00:10::/64 tcp dport 8000-8010 accept' in ruleset
    assert 'ip saddr 10.10.1.5 udp dport 161 accept' in ruleset


# APP-LOG

def test_journald_retention(host):
    dropin = host.file('/etc/systemd/journald.conf.d/50-district.conf').content_string
    assert 'SystemMaxUse=1G' in dropin
    assert 'MaxRetentionSec=90day' in dropin
    merged = host.check_output('systemd-analyze cat-config systemd/journald.conf')
    assert 'Storage=persistent' in merged
    assert host.service('systemd-journald').is_running
    assert host.file('/var/log/journal').is_directory


# APP-BAN

def test_pre_login_banner_holds_the_notice_only(host):
    text = host.file('/etc/issue.net').content_string
    assert 'Example Unified School District' in text
    assert 'Authorised use only' in text and 'cis-helpdesk@district.example.org' in text
    for private in ('100512', 'Lincoln Elementary', 'Server Closet B', 'J. Rivera', 'Assigned', 'Asset'):
        assert private not in text, private


def test_motd_names_the_asset_its_room_and_owner(host):
    text = host.file('/etc/motd').content_string
    assert '100512' in text
    assert 'Lincoln Elementary' in text
    assert 'Server Closet B' in text
    assert 'J. Rivera (IT)' in text
