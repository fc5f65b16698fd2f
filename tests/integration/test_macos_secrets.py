"""The Mac admin password of the sample district (issue 17, finding 7): a Mac's own vault value, never the one the
Windows local admin or Linux sudo use, and a Mac may have its own (per host). The values are compared on the
controller by Ansible itself (the debug module prints only true or false), never printed."""

import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, 'inventories', 'sample')


def compare(run_ansible, host, expression):
    """The truth of EXPRESSION for HOST, evaluated by Ansible with the sample's demo vault password."""
    result = run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible'), host, '-i', SAMPLE, '-c', 'local',
                         '--vault-password-file', os.path.join(SAMPLE, 'demo-vault-password.txt'),
                         '-m', 'ansible.builtin.debug', '-a', 'msg={{ (%s) | string }}' % expression, check=True)
    found = re.findall(r'''"?msg"?: ["']?(True|False)["']?''', result.stdout)
    assert len(found) == 1, result.stdout
    return found[0] == 'True'


@pytest.mark.parametrize('host', ['lib-mac01', 'wms-lab2-imac01'])
def test_the_mac_password_is_not_the_windows_or_linux_one(run_ansible, host):
    assert compare(run_ansible, host, 'macos_desktop_admin_password | length >= 12')
    assert compare(run_ansible, host, 'ansible_become_password == macos_desktop_admin_password')
    assert not compare(run_ansible, host, 'macos_desktop_admin_password in [vault_district_admin_password, '
                                          'vault_winrm_password]')


def test_a_mac_can_have_its_own_password(run_ansible):
    assert compare(run_ansible, 'lib-mac01', 'macos_desktop_admin_password != vault_macos_admin_password')
    assert compare(run_ansible, 'wms-lab2-imac01', 'macos_desktop_admin_password == vault_macos_admin_password')


def test_linux_sudo_is_not_the_mac_password(run_ansible):
    assert not compare(run_ansible, 'linc-app01', 'ansible_become_password == vault_macos_admin_password')
