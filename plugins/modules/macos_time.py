# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_time
short_description: Keep a Mac's time zone, network time and time server
description:
  - Reads the settings given with one C(systemsetup) run (C(-gettimezone), C(-getusingnetworktime),
    C(-getnetworktimeserver)), sets only those that differ (C(-settimezone), C(-setusingnetworktime on|off),
    C(-setnetworktimeserver)) and reads them again to confirm.
  - A time zone must be one of C(/usr/share/zoneinfo) (an IANA name such as C(America/Chicago)).
  - Output it does not recognise, and systemsetup's own refusals (not root, no Full Disk Access), fail the task
    with the line met.
  - With "Set time zone automatically using your current location" on, macOS sets the zone back from the Mac's
    location; the role turns that off first (MAC-TIME-04), and this module reports a zone that changed back as a
    change on the next run.
options:
  timezone:
    description: The time zone.
    type: str
  network_time:
    description: Whether the Mac sets its clock from a time server.
    type: bool
  ntp_server:
    description: The time server (macOS uses one).
    type: str
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports what a run would set and runs only the reading command.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: MAC-TIME-01 | Set the district time zone
  district.standard.macos_time:
    timezone: America/Chicago

- name: MAC-TIME-03 | Use the first district NTP server
  district.standard.macos_time:
    ntp_server: ntp1.district.example.org
'''

RETURN = r'''
before:
  description: The settings read before the run (timezone, network_time, network_time_server).
  returned: always
  type: dict
after:
  description: The settings after the run (in check mode, as they would be).
  returned: always
  type: dict
commands:
  description: The systemsetup commands run (in check mode, that would run).
  returned: always
  type: list
  elements: list
'''

import os

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils.macos_system import SYSTEMSETUP_GET, parse_systemsetup

ZONEINFO = '/usr/share/zoneinfo'


def wanted_settings(params):
    """{setting: wanted value} of the options given."""
    out = {}
    if params['timezone'] is not None:
        out['timezone'] = params['timezone']
    if params['network_time'] is not None:
        out['network_time'] = params['network_time']
    if params['ntp_server'] is not None:
        out['network_time_server'] = params['ntp_server']
    return out


def set_commands(wanted, current):
    """The systemsetup argv (without the tool) for each setting that differs."""
    out = []
    for key in sorted(wanted):
        if current.get(key) == wanted[key]:
            continue
        if key == 'timezone':
            out.append(['-settimezone', wanted[key]])
        elif key == 'network_time':
            out.append(['-setusingnetworktime', 'on' if wanted[key] else 'off'])
        else:
            out.append(['-setnetworktimeserver', wanted[key]])
    return out


def main():
    module = AnsibleModule(argument_spec=dict(timezone=dict(type='str'), network_time=dict(type='bool'),
                                              ntp_server=dict(type='str')),
                           required_one_of=[('timezone', 'network_time', 'ntp_server')], supports_check_mode=True)
    wanted = wanted_settings(module.params)
    zone = wanted.get('timezone')
    if zone is not None and (zone.startswith('/') or '..' in zone or
                             not os.path.isfile(os.path.join(ZONEINFO, zone))):
        module.fail_json(msg='time zone %r is not one of %s' % (zone, ZONEINFO))
    tool = module.get_bin_path('systemsetup', required=True, opt_dirs=['/usr/sbin'])

    def read():
        argv = [tool] + [SYSTEMSETUP_GET[key] for key in sorted(wanted)]
        rc, out, err = module.run_command(argv, environ_update={'LC_ALL': 'C'})
        try:
            found = parse_systemsetup(out + err)
        except ValueError as exc:
            module.fail_json(msg=to_text(exc), rc=rc)
        missing = [key for key in wanted if key not in found]
        if rc != 0 or missing:
            module.fail_json(msg='systemsetup did not report %s (rc %d): %s' % (
                ', '.join(missing) or 'its settings', rc, (err or out).strip()))
        return dict((key, found[key]) for key in wanted)

    before = read()
    commands = set_commands(wanted, before)
    after = dict(before, **wanted)
    if commands and not module.check_mode:
        for argv in commands:
            rc, out, err = module.run_command([tool] + argv, environ_update={'LC_ALL': 'C'})
            if rc != 0:
                module.fail_json(msg='systemsetup %s failed (%d): %s' % (' '.join(argv), rc, (err or out).strip()))
        after = read()
        left = set_commands(wanted, after)
        if left:
            module.fail_json(msg='systemsetup did not take: %s' % '; '.join(' '.join(c) for c in left), after=after)
    module.exit_json(changed=bool(commands), before=before, after=after,
                     commands=[['systemsetup'] + c for c in commands])


if __name__ == '__main__':
    main()
