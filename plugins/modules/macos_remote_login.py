# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_remote_login
short_description: Turn Remote Login (SSH) on and open it to one dedicated group
description:
  - O(enabled=true) turns Remote Login on with C(launchctl enable system/com.openssh.sshd) and loads the service
    (C(launchctl bootstrap system /System/Library/LaunchDaemons/ssh.plist)), as mSCP's system_settings_ssh_enable
    rule does. Unlike C(systemsetup -setremotelogin), this needs no Full Disk Access. The state is read with
    C(launchctl print-disabled system). The module never turns Remote Login off.
  - O(access_group) limits SSH to the members of that group (O(access_members) plus O(login_user)) by nesting it,
    alone, in C(com.apple.access_ssh) (the group macOS lets in when it exists). Other nested groups (such as
    C(admin), which would let every local administrator in) and direct members are taken out, after the district
    group is in, so the run never locks itself out.
options:
  enabled:
    description: C(true) turns Remote Login on; C(false) leaves it as it is.
    type: bool
  access_group:
    description: The dedicated group allowed to log in over SSH (made when missing).
    type: str
  access_members:
    description: The accounts of O(access_group); other members are taken out.
    type: list
    elements: str
    default: []
  login_user:
    description: The account this run logs in with; always kept in O(access_group).
    type: str
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports the commands a run would use and runs only the reading ones.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: MAC-REM-01 | Turn Remote Login (SSH) on
  district.standard.macos_remote_login:
    enabled: true

- name: MAC-REM-02 | Open SSH to the district's SSH group only (com.apple.access_ssh)
  district.standard.macos_remote_login:
    access_group: district-ssh
    access_members: [dsadmin]
    login_user: "{{ ansible_user }}"
'''

RETURN = r'''
commands:
  description: The commands run (in check mode, that would run).
  returned: always
  type: list
  elements: list
remote_login:
  description: Whether Remote Login is on after the run (as read before it in check mode).
  returned: when enabled is given
  type: bool
'''

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils import macos_access as acc
from ansible_collections.district.standard.plugins.module_utils.macos_system import (
    parse_dscl_plist, parse_launchctl_disabled)

LAUNCHCTL = '/bin/launchctl'
SSH_PLIST = '/System/Library/LaunchDaemons/ssh.plist'


def run(module, argv, ok=(0,)):
    rc, out, err = module.run_command(argv, environ_update={'LC_ALL': 'C'})
    if rc not in ok:
        module.fail_json(msg='%s failed (%d): %s' % (' '.join(argv), rc, (err or out).strip()))
    return rc, out


def sshd_disabled(module):
    try:
        return acc.is_sshd_disabled(parse_launchctl_disabled(run(module, [LAUNCHCTL, 'print-disabled', 'system'])[1]))
    except ValueError as exc:
        module.fail_json(msg=to_text(exc))


def read_group(module, name):
    """dscl attributes of /Groups/NAME, or None when it does not exist."""
    rc, out, err = module.run_command([acc.DSCL, '-plist', '.', '-read', '/Groups/' + name],
                                      environ_update={'LC_ALL': 'C'})
    if rc != 0:
        if 'eDSRecordNotFound' in (out + err) or 'RecordNotFound' in (out + err):
            return None
        module.fail_json(msg='dscl -read /Groups/%s failed (%d): %s' % (name, rc, (err or out).strip()))
    try:
        return parse_dscl_plist(out)
    except ValueError as exc:
        module.fail_json(msg=to_text(exc))


def turn_on(module):
    commands = [[LAUNCHCTL, 'enable', 'system/com.openssh.sshd'], [LAUNCHCTL, 'bootstrap', 'system', SSH_PLIST]]
    if not module.check_mode:
        run(module, commands[0])
        module.run_command(commands[1])  # fails when the service is loaded already; the read below decides
        if sshd_disabled(module) or module.run_command([LAUNCHCTL, 'print', 'system/com.openssh.sshd'])[0] != 0:
            module.fail_json(msg='Remote Login is still off after launchctl enable and bootstrap', commands=commands)
    return commands


def main():
    module = AnsibleModule(argument_spec=dict(
        enabled=dict(type='bool'), access_group=dict(type='str'),
        access_members=dict(type='list', elements='str', default=[]), login_user=dict(type='str')),
        required_one_of=[('enabled', 'access_group')], supports_check_mode=True)
    p = module.params
    commands, result = [], {}
    if p['enabled']:
        off = sshd_disabled(module)
        if off:
            commands += turn_on(module)
        result['remote_login'] = True if not module.check_mode else not off
    if p['access_group']:
        name = p['access_group']
        if name == acc.SSH_GROUP or name == 'admin':
            module.fail_json(msg='access_group must be a dedicated group, not %s' % name)
        group = read_group(module, name)
        plan = acc.access_plan(read_group(module, acc.SSH_GROUP), (name, group), acc.generated_uid(group),
                               p['access_members'], p['login_user'])
        if plan and not module.check_mode:
            for argv in plan:
                run(module, argv)
            group = read_group(module, name)
            left = acc.access_plan(read_group(module, acc.SSH_GROUP), (name, group), acc.generated_uid(group),
                                   p['access_members'], p['login_user'])
            if left:
                module.fail_json(msg='SSH access is still not limited to %s: %s' % (
                    name, '; '.join(' '.join(a) for a in left)), commands=plan)
        commands += plan
    module.exit_json(changed=bool(commands), commands=commands, **result)


if __name__ == '__main__':
    main()
