# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_state_info
short_description: Read what is in effect on a Mac for the controls only an MDM can enforce
description:
  - Read-only. One module run reads, as asked,
  - 'C(prefs): for each preference key, its value and whether a configuration profile forces it, with one
    C(osascript -l JavaScript) run that asks NSUserDefaults C(objectForKey) (as mSCP checks do) and
    C(objectIsForcedForKey) (Apple Foundation). A value written with C(defaults) and not forced is reported as
    not forced: macOS ignores some of those (askForPassword since 10.13) or lets each account override them.'
  - 'C(remote_management): whether Remote Management is on (C(RemoteDesktopEnabled) of
    C(/usr/libexec/mdmclient QuerySecurityInfo), the line mSCP reads).'
  - 'C(filevault): C(fdesetup status).'
  - A part whose output is not recognised is reported in C(errors) under its name; the other parts are still
    read, so one control's error does not hide the others.
options:
  prefs:
    description: The keys to read, each with C(domain) and C(key) (more fields, such as those of
      C(district.standard.macos_profile_keys), are ignored).
    type: list
    elements: dict
    default: []
  remote_management:
    description: Read whether Remote Management is on.
    type: bool
    default: false
  filevault:
    description: Read the FileVault status.
    type: bool
    default: false
notes:
  - Run as root (C(become)) so device profiles and C(mdmclient) answer for the whole Mac.
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reads only.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: Read the managed preferences, Remote Management and FileVault
  district.standard.macos_state_info:
    prefs: "{{ macos_desktop_settings | district.standard.macos_profile_keys('org.example.district') }}"
    remote_management: true
    filevault: true
  register: state
'''

RETURN = r'''
prefs:
  description: Domain -> key -> {value, forced}.
  returned: always
  type: dict
  sample: {com.apple.screensaver: {askForPassword: {value: true, forced: true}}}
remote_management:
  description: Whether Remote Management is on (null when not asked or not read).
  returned: always
  type: bool
filevault:
  description: The FileVault status (enabled, state, percent, deferred_user), or null.
  returned: always
  type: dict
errors:
  description: Part (prefs, remote_management, filevault) -> what went wrong reading it.
  returned: always
  type: dict
'''

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils.macos_system import (
    MANAGED_PREFS_JXA, parse_fdesetup, parse_managed_prefs, parse_remote_desktop)

READERS = {
    'remote_management': (['/usr/libexec/mdmclient', 'QuerySecurityInfo'], parse_remote_desktop),
    'filevault': (['/usr/bin/fdesetup', 'status'], parse_fdesetup),
}


def read(module, argv, parse):
    rc, out, err = module.run_command(argv, environ_update={'LC_ALL': 'C'})
    if rc != 0:
        raise ValueError('%s failed (%d): %s' % (' '.join(argv), rc, (err or out).strip()[:300]))
    return parse(out)


def main():
    module = AnsibleModule(argument_spec=dict(prefs=dict(type='list', elements='dict', default=[]),
                                              remote_management=dict(type='bool', default=False),
                                              filevault=dict(type='bool', default=False)),
                           supports_check_mode=True)
    p = module.params
    keys = []
    for item in p['prefs']:
        if not item.get('domain') or not item.get('key'):
            module.fail_json(msg='each prefs item needs a domain and a key, got %r' % (item,))
        if (item['domain'], item['key']) not in keys:
            keys.append((item['domain'], item['key']))
    result = dict(changed=False, prefs={}, remote_management=None, filevault=None, errors={})
    if keys:
        try:
            result['prefs'] = read(module, ['/usr/bin/osascript', '-l', 'JavaScript', '-e', MANAGED_PREFS_JXA,
                                            json.dumps(keys)], lambda out: parse_managed_prefs(out, keys))
        except ValueError as exc:
            result['errors']['prefs'] = to_text(exc)
    for part, (argv, parse) in sorted(READERS.items()):
        if p[part]:
            try:
                result[part] = read(module, argv, parse)
            except ValueError as exc:
                result['errors'][part] = to_text(exc)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
