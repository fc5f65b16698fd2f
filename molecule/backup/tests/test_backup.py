"""The backup role on a real restic repository: schedule, round trip, failure handling."""

import json

# restic with the role's settings (on an SFTP repository, through the role's ssh command)
RESTIC = ('set -a; . /etc/restic/backup.env; set +a; '
          'restic ${RESTIC_SFTP_COMMAND:+-o "sftp.command=$RESTIC_SFTP_COMMAND"} ')


def snapshots(host):
    return json.loads(host.check_output(RESTIC + 'snapshots --json'))


def test_repository_is_where_the_host_says(host):
    if host.ansible.get_variables().get('backup_repository_type') == 'sftp':
        config = host.file('/home/sftpbackup/ds-app02/config')
        assert config.exists and config.user == 'sftpbackup'  # written over SFTP by that account
        assert not host.file('/var/backups/restic').exists
        assert 'sftp:sftpbackup@127.0.0.1:/home/sftpbackup/ds-app02' in host.file('/etc/restic/backup.env').content_string
    else:
        assert host.file('/var/backups/restic/config').exists


def test_sftp_server_is_known_by_its_pinned_key_only(host):
    if host.ansible.get_variables().get('backup_repository_type') != 'sftp':
        return
    known = host.file('/etc/restic/known_hosts')
    assert known.user == 'root' and known.mode == 0o600
    server_key = host.file('/etc/ssh/ssh_host_ed25519_key.pub').content_string.split()[:2]
    assert known.content_string.split()[:3] == ['127.0.0.1'] + server_key
    env = host.file('/etc/restic/backup.env').content_string
    assert 'StrictHostKeyChecking=yes' in env and 'UserKnownHostsFile=/etc/restic/known_hosts' in env
    assert 'accept-new' not in env
    # nothing was trusted on first use: root's own known_hosts never learnt the server
    assert host.run('ssh-keygen -F 127.0.0.1 -f /root/.ssh/known_hosts').rc != 0
    # a server that shows another key is refused, and nothing is learnt from it
    host.run_expect([0], 'cp /etc/restic/known_hosts /root/known_hosts.good && rm -f /root/other_host_key* '
                         '&& ssh-keygen -q -t ed25519 -N "" -f /root/other_host_key '
                         '&& echo "127.0.0.1 $(cut -d" " -f1,2 /root/other_host_key.pub)" > /etc/restic/known_hosts')
    try:
        refused = host.run(RESTIC + 'snapshots')
        assert refused.rc != 0 and 'unable to start the sftp session' in refused.stderr, refused.stderr
        # why: the very ssh command restic ran refuses the key. restic forwards ssh's stderr
        # while it exits, so its copy of ssh's message may be cut; ssh's own is whole.
        ssh = host.run('set -a; . /etc/restic/backup.env; set +a; $RESTIC_SFTP_COMMAND </dev/null')
        assert ssh.rc == 255 and 'Host key verification failed' in ssh.stderr, ssh.stderr
    finally:
        host.run_expect([0], 'cp /root/known_hosts.good /etc/restic/known_hosts')
    assert host.run(RESTIC + 'snapshots').rc == 0


def test_schedule_is_active(host):
    timer = host.service('district-backup.timer')
    assert timer.is_enabled and timer.is_running
    assert 'OnCalendar=*-*-* 02:30:00' in host.file('/etc/systemd/system/district-backup.timer').content_string


def test_secrets_are_root_only(host):
    sftp = host.ansible.get_variables().get('backup_repository_type') == 'sftp'
    for path in ('/etc/restic', '/etc/restic/password', '/etc/restic/backup.env',
                 '/etc/restic/sftp_key' if sftp else '/var/backups/restic'):
        assert host.file(path).user == 'root'
        assert host.file(path).mode & 0o077 == 0, path


def test_restore_is_byte_identical(host):
    assert len(snapshots(host)) == 1
    result = host.run('cd /srv/restore/srv/data && sha256sum -c /root/before.sha256')
    assert result.rc == 0, result.stdout + result.stderr
    assert host.file('/srv/restore/srv/data/reports/lunch menu.txt').exists
    assert not host.file('/srv/restore/srv/data/scratch.tmp').exists


def test_failed_run_fails_loudly_and_keeps_snapshots(host):
    before = [s['id'] for s in snapshots(host)]
    host.run_expect([0], 'cp /etc/restic/password /root/password.good && echo wrong > /etc/restic/password')
    try:
        assert host.run('systemctl start district-backup.service').rc != 0
        assert host.run('systemctl is-failed district-backup.service').stdout.strip() == 'failed'
        # OnFailure= starts its unit after the failed one: wait for its line, a bounded time
        logged = host.run('for i in $(seq 30); do journalctl -t district-backup --no-pager '
                          '| grep "BACKUP FAILED" && exit 0; sleep 1; done; exit 1')
        assert logged.rc == 0, host.run('journalctl -u district-backup-failed.service --no-pager').stdout
    finally:
        host.run_expect([0], 'cp /root/password.good /etc/restic/password')
    assert [s['id'] for s in snapshots(host)] == before
    assert host.run(RESTIC + 'check').rc == 0
