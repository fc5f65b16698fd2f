# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_admin_account
short_description: Keep a Mac's district administrator account, made with sysadminctl so it can hold a SecureToken
description:
  - Reads the account (C(dscl -plist . -read /Users/NAME)), the C(admin) group and the account's SecureToken
    (C(sysadminctl -secureTokenStatus)).
  - A missing account is made with C(sysadminctl -addUser ... -admin), which also makes its home from the User
    Template. Made with the credentials of an account that holds a SecureToken (O(token_admin_user)), it gets a
    SecureToken too, so it can authorise software updates and FileVault; an account made with C(dscl) (the
    C(ansible.builtin.user) module) never gets one.
  - With O(create=false) the account is the MDM's managed administrator (made at enrolment by the MDM's
    AccountConfiguration command, with a token through the Bootstrap Token); the module never makes it and fails
    when it is missing.
  - An existing account is kept in C(admin), with its full name and hidden or not; its password is set only when it
    is made (rotate it as docs/district-standard.md says). A missing SecureToken is granted when O(password) and the
    token holder's credentials are given (C(sysadminctl -secureTokenOn)), else reported in C(secure_token).
options:
  name:
    description: The account's short name.
    type: str
    required: true
  full_name:
    description: Its full name (C(RealName)).
    type: str
  password:
    description: Its password, used when it is made and to grant it a SecureToken.
    type: str
  hidden:
    description: Hide the account from the login window and System Settings (C(IsHidden)).
    type: bool
    default: false
  create:
    description: Make the account when it is missing (C(false) for the MDM's managed administrator).
    type: bool
    default: true
  token_admin_user:
    description: An administrator that holds a SecureToken, whose credentials give the account one.
    type: str
  token_admin_password:
    description: Its password.
    type: str
notes:
  - sysadminctl takes passwords as arguments, so they are in the Mac's process list while
    the command runs (once, when the account is made or gets its token); the returned commands show them masked.
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports what a run would do and runs only the reading commands.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: MAC-ADM-01 | Keep the district administrator account (sysadminctl, admin group, SecureToken)
  district.standard.macos_admin_account:
    name: dsadmin
    full_name: District administrator
    password: "{{ vault_macos_admin_password }}"
    token_admin_user: setupadmin
    token_admin_password: "{{ vault_macos_token_admin_password }}"
  no_log: true
'''

RETURN = r'''
exists:
  description: Whether the account exists after the run (in check mode, would exist).
  returned: always
  type: bool
admin:
  description: Whether it is in the admin group after the run.
  returned: always
  type: bool
secure_token:
  description: Whether it holds a SecureToken after the run (null when it does not exist).
  returned: always
  type: bool
commands:
  description: The commands run (in check mode, that would run), passwords masked.
  returned: always
  type: list
  elements: list
'''

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils.macos_system import parse_dscl_plist, parse_secure_token

DSCL = '/usr/bin/dscl'
DSEDITGROUP = '/usr/sbin/dseditgroup'
SYSADMINCTL = '/usr/sbin/sysadminctl'
MASK = '********'


class Account(object):

    def __init__(self, module):
        self.module, self.p = module, module.params

    def run(self, argv, check=True):
        rc, out, err = self.module.run_command(argv, environ_update={'LC_ALL': 'C'})
        if check and rc != 0:
            self.module.fail_json(msg='%s failed (%d): %s' % (' '.join(masked(argv, self.p)), rc,
                                                              (err or out).strip()[:300]))
        return rc, out, err

    def read(self, path):
        rc, out, err = self.run([DSCL, '-plist', '.', '-read', path], check=False)
        if rc != 0:
            if 'RecordNotFound' in out + err:
                return None
            self.module.fail_json(msg='dscl -read %s failed (%d): %s' % (path, rc, (err or out).strip()))
        try:
            return parse_dscl_plist(out)
        except ValueError as exc:
            self.module.fail_json(msg=to_text(exc))

    def state(self):
        user = self.read('/Users/' + self.p['name'])
        admins = (self.read('/Groups/admin') or {}).get('GroupMembership') or []
        token = None
        if user is not None:
            rc, out, err = self.run([SYSADMINCTL, '-secureTokenStatus', self.p['name']], check=False)
            try:
                token = parse_secure_token(err + out, self.p['name'])
            except ValueError as exc:
                self.module.fail_json(msg=to_text(exc))
        return user, self.p['name'] in admins, token


def masked(argv, params):
    secrets = set(v for v in (params.get('password'), params.get('token_admin_password')) if v)
    return [MASK if a in secrets else a for a in argv]


def plan(p, user, admin, token):
    """The commands that bring the account to P (module params) from USER (dscl attributes or None), ADMIN (in the
    admin group) and TOKEN (holds a SecureToken)."""
    name, out = p['name'], []
    holder = ['-adminUser', p['token_admin_user'], '-adminPassword', p['token_admin_password']] \
        if p['token_admin_user'] and p['token_admin_password'] else []
    if user is None:
        argv = [SYSADMINCTL, '-addUser', name]
        argv += ['-fullName', p['full_name']] if p['full_name'] else []
        argv += ['-password', p['password'], '-admin'] + holder
        out.append(argv)
    else:
        if p['full_name'] and (user.get('RealName') or [None])[0] != p['full_name']:
            out.append([DSCL, '.', '-create', '/Users/' + name, 'RealName', p['full_name']])
        if not admin:
            out.append([DSEDITGROUP, '-o', 'edit', '-a', name, '-t', 'user', 'admin'])
        if token is False and p['password'] and holder:
            out.append([SYSADMINCTL, '-secureTokenOn', name, '-password', p['password']] + holder)
    hidden_now = user is not None and (user.get('IsHidden') or ['0'])[0] in ('1', 'YES', 'yes', 'true')
    if p['hidden'] and not hidden_now:
        out.append([DSCL, '.', '-create', '/Users/' + name, 'IsHidden', '1'])
    elif not p['hidden'] and hidden_now:
        out.append([DSCL, '.', '-delete', '/Users/' + name, 'IsHidden'])
    return out


def main():
    module = AnsibleModule(argument_spec=dict(
        name=dict(type='str', required=True), full_name=dict(type='str'), password=dict(type='str', no_log=True),
        hidden=dict(type='bool', default=False), create=dict(type='bool', default=True),
        token_admin_user=dict(type='str', no_log=False), token_admin_password=dict(type='str', no_log=True)),
        supports_check_mode=True)
    p, account = module.params, Account(module)
    user, admin, token = account.state()
    if user is None and not p['create']:
        module.fail_json(msg='%s does not exist: it is the MDM\'s managed administrator, made at enrolment (the '
                             'MDM\'s AccountConfiguration command); check the Mac\'s enrolment' % p['name'])
    if user is None and not p['password']:
        module.fail_json(msg='%s does not exist and no password is given to make it' % p['name'])
    commands = plan(p, user, admin, token)
    if commands and not module.check_mode:
        for argv in commands:
            account.run(argv)
        user, admin, token = account.state()
        left = [c for c in plan(p, user, admin, token) if c[1] != '-secureTokenOn']
        if user is None or left:
            module.fail_json(msg='the account %s is not as wanted after the run (sysadminctl logs its errors on '
                                 'standard error and still exits 0)' % p['name'],
                             commands=[masked(c, p) for c in commands])
    elif commands:  # check mode: as the commands would leave it
        grants = any(c[1] == '-secureTokenOn' or (c[1] == '-addUser' and '-adminUser' in c) for c in commands)
        user, admin, token = (user or {}), True, True if grants else (token if user else False)
    module.exit_json(changed=bool(commands), exists=user is not None, admin=admin, secure_token=token,
                     commands=[masked(c, p) for c in commands])


if __name__ == '__main__':
    main()
