# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_softwareupdate
short_description: List, install and confirm macOS software updates of the Mac's own major version
description:
  - C(list) reads C(softwareupdate --list), C(sw_vers -productVersion) and C(softwareupdate --history). Only updates
    of the major version the Mac runs are offered; a major upgrade (which C(--list) shows as one more label) is
    returned apart, in C(upgrades), and never installed.
  - C(install) installs O(labels) (each must be one of those C(list) offers) with C(--agree-to-license), then reads
    C(--history) again and returns as installed only the updates that appear there once more (what
    C(softwareupdate) printed is never taken as proof).
  - On Apple silicon, installing needs a volume owner's credentials even as root; O(user) and O(password) are
    passed with C(--user) and C(--stdinpass) (the password on standard input, never on the command line).
  - C(confirm) reads only C(--history) and compares it with O(history_before) after a restart (an install with
    O(restart=true) ends in a restart, so run it with C(async) and C(poll=0), wait for the Mac, then confirm).
  - The preferred way to keep Macs patched is the MDM's declarative software-update enforcement
    (C(com.apple.configuration.softwareupdate.enforcement.specific)); see docs/district-standard.md.
options:
  action:
    description: What to do.
    type: str
    choices: [list, install, confirm]
    default: list
  labels:
    description: The labels to install (C(install)), or the updates to confirm (C(confirm)).
    type: list
    elements: str
    default: []
  restart:
    description: Let softwareupdate restart the Mac when an update needs it (C(--restart)).
    type: bool
    default: false
  user:
    description: A volume owner (an administrator with a SecureToken), for Apple silicon.
    type: str
  password:
    description: Its password (sent on standard input).
    type: str
  history_before:
    description: The C(history) a C(list) run returned (C(confirm)).
    type: list
    elements: dict
    default: []
  updates_before:
    description: The C(updates) a C(list) run returned (C(confirm)).
    type: list
    elements: dict
    default: []
notes:
  - Set the task's C(timeout) (C(install) can take an hour).
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: C(list) and C(confirm) only read; C(install) reports what it would install.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: List the updates of this major version
  district.standard.macos_softwareupdate:
    action: list
  register: available

- name: Install those that need no restart
  district.standard.macos_softwareupdate:
    action: install
    labels: "{{ available.updates | rejectattr('restart') | map(attribute='label') | list }}"
    user: dsadmin
    password: "{{ vault_macos_admin_password }}"
  timeout: 3600
  no_log: true
'''

RETURN = r'''
os_version:
  description: The macOS version (sw_vers -productVersion) before the run.
  returned: always
  type: str
updates:
  description: Updates of the Mac's major version (label, title, version, restart, recommended); empty for
    confirm, which reads only the history.
  returned: always
  type: list
upgrades:
  description: Major upgrades listed and left alone (empty for confirm).
  returned: always
  type: list
history:
  description: The softwareupdate --history entries (name, version, date), read last.
  returned: always
  type: list
installed:
  description: Labels that --history shows as installed by this run (install, confirm).
  returned: always
  type: list
not_installed:
  description: Labels asked for and not in the history (install, confirm).
  returned: always
  type: list
noise:
  description: Lines softwareupdate logged through NSLog, left out of the parsing.
  returned: always
  type: list
'''

import platform

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils import macos_softwareupdate as su

TOOL = '/usr/sbin/softwareupdate'


def run(module, argv, data=None):
    rc, out, err = module.run_command(argv, data=data, environ_update={'LC_ALL': 'C'})
    return rc, out + ('\n' + err if err else '')


def parsed(module, rc, parse, text):
    """PARSE(TEXT), or the task fails with the line softwareupdate printed that is not understood."""
    try:
        return parse(text)
    except ValueError as exc:
        module.fail_json(msg=to_text(exc), rc=rc)


def read_history(module):
    """softwareupdate --history: what is installed (quick: no catalogue scan)."""
    rc, history = run(module, [TOOL, '--history'])
    return parsed(module, rc, su.parse_history, history)


def read_list(module, version):
    """softwareupdate --list (a scan of Apple's catalogue, slow): the updates of this major version, the major
    upgrades left alone, and the NSLog noise lines."""
    rc, listed = run(module, [TOOL, '--list'])
    found = parsed(module, rc, su.parse_list, listed)
    updates, upgrades = su.current_major_only(found['updates'], version)
    return updates, upgrades, found['noise']


def main():
    module = AnsibleModule(argument_spec=dict(
        action=dict(type='str', choices=['list', 'install', 'confirm'], default='list'),
        labels=dict(type='list', elements='str', default=[]), restart=dict(type='bool', default=False),
        user=dict(type='str'), password=dict(type='str', no_log=True),
        history_before=dict(type='list', elements='dict', default=[]),
        updates_before=dict(type='list', elements='dict', default=[])),
        required_together=[('user', 'password')], supports_check_mode=True)
    p = module.params
    version = run(module, ['/usr/bin/sw_vers', '-productVersion'])[1].strip()
    history = read_history(module)
    # confirm reads only the history: the labels and what they were come from the list before the restart
    updates, upgrades, noise = read_list(module, version) if p['action'] != 'confirm' else ([], [], [])
    result = dict(changed=False, os_version=version, updates=updates, upgrades=upgrades, history=history,
                  noise=noise, installed=[], not_installed=[])
    if p['action'] == 'confirm':
        asked = [u for u in p['updates_before'] if u.get('label') in p['labels']]
        done = su.newly_installed(asked, p['history_before'], history)
        result.update(installed=[u['label'] for u in done],
                      not_installed=[u['label'] for u in asked if u not in done])
    elif p['action'] == 'install' and p['labels']:
        offered = dict((u['label'], u) for u in updates)
        refused = [label for label in p['labels'] if label not in offered]
        if refused:
            module.fail_json(msg='not updates of macOS %s this Mac offers (a major upgrade is never installed): %s'
                                 % (version, ', '.join(refused)), upgrades=[u['label'] for u in upgrades])
        if module.check_mode:
            result.update(changed=True, not_installed=list(p['labels']))
            module.exit_json(**result)
        argv = [TOOL, '--install'] + list(p['labels']) + ['--agree-to-license']
        argv += ['--restart'] if p['restart'] else []
        data = None
        if platform.machine() == 'arm64':
            if not p['user']:
                module.fail_json(msg='Apple silicon installs updates only with a volume owner\'s credentials: '
                                     'give user and password')
            argv += ['--user', p['user'], '--stdinpass']
            data = p['password']
        rc, output = run(module, argv, data=data)
        after = read_history(module)
        done = su.newly_installed([offered[label] for label in p['labels']], history, after)
        result.update(changed=bool(done), history=after, installed=[u['label'] for u in done],
                      not_installed=[label for label in p['labels'] if label not in [u['label'] for u in done]])
        if result['not_installed']:
            module.fail_json(msg='softwareupdate (rc %d) did not install %s: %s' % (
                rc, ', '.join(result['not_installed']), output.strip()[-500:]), **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
