# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_pmset
short_description: Keep a Mac's energy settings and repeating power events as the district power profile says
description:
  - Reads C(pmset -g custom) (the settings of each power source) and C(pmset -g sched) (the repeating power events),
    and runs C(pmset) only for what differs, then reads again to confirm that the Mac took it.
  - Settings the Mac does not report for a power source are left out (Apple silicon has no C(standbydelaylow)); a
    desktop has no C(Battery Power). The same change on every source is one C(pmset -a).
  - Output of pmset the module does not recognise fails the task with the line it met (an error of this control
    only, when the task registers and ignores errors).
options:
  settings:
    description:
      - Wanted settings per power source (C(AC Power), C(Battery Power), C(UPS Power)) or one dict for every source,
        as the C(district.standard.macos_pmset_profile) filter gives them (setting name to value, see EXAMPLES).
    type: dict
  schedule:
    description:
      - Wanted repeating events (type, days, time), as the C(district.standard.macos_pmset_schedule) filter gives
        them. C([]) cancels the repeating events.
      - Left alone when not given.
    type: list
    elements: dict
notes:
  - The formats are pmset's own (Apple's PowerManagement sources, pmset/pmset.c).
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports the pmset commands a run would use and runs only the reading ones.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: MAC-PWR-01 | Set display, computer and disk sleep and wake on LAN from the power profile
  district.standard.macos_pmset:
    settings: "{{ macos_desktop_settings.pmset }}"

- name: MAC-PWR-02 | Schedule power on and shutdown from the power profile (or cancel them)
  district.standard.macos_pmset:
    schedule: "{{ macos_desktop_settings.pmset_schedule }}"
'''

RETURN = r'''
commands:
  description: The pmset commands run (in check mode, that would run).
  returned: always
  type: list
  elements: list
  sample: [[pmset, -a, displaysleep, '15', sleep, '30']]
settings:
  description: The settings per power source after the run (in check mode, as read before it).
  returned: when settings is given
  type: dict
schedule:
  description: The repeating power events after the run.
  returned: when schedule is given
  type: list
'''

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils import macos


class Pmset(object):

    def __init__(self, module):
        self.module = module
        self.pmset = module.get_bin_path('pmset', required=True, opt_dirs=['/usr/bin'])

    def run(self, args):
        rc, out, err = self.module.run_command([self.pmset] + args, environ_update={'LC_ALL': 'C'})
        if rc != 0:
            self.module.fail_json(msg='pmset %s failed (%d): %s' % (' '.join(args), rc, (err or out).strip()))
        return out

    def read(self, what):
        try:
            if what == 'custom':
                return macos.parse_pmset_custom(self.run(['-g', 'custom']))
            return macos.parse_pmset_sched(self.run(['-g', 'sched']))
        except ValueError as exc:
            self.module.fail_json(msg=to_text(exc))


def main():
    module = AnsibleModule(argument_spec=dict(settings=dict(type='dict'), schedule=dict(type='list', elements='dict')),
                           required_one_of=[('settings', 'schedule')], supports_check_mode=True)
    pmset, p = Pmset(module), module.params
    commands, result = [], {}
    try:
        if p['settings'] is not None:
            current = pmset.read('custom')
            argv = macos.pmset_args(p['settings'], current)
            commands += [argv] if argv else []
        if p['schedule'] is not None:
            events = pmset.read('sched')
            commands += macos.pmset_repeat_args(p['schedule'], events)
    except ValueError as exc:
        module.fail_json(msg=to_text(exc))
    if commands and not module.check_mode:
        for argv in commands:
            pmset.run(argv[1:])
    if p['settings'] is not None:
        after = pmset.read('custom') if commands and not module.check_mode else current
        left = macos.pmset_args(p['settings'], after) if not module.check_mode else []
        if left:
            module.fail_json(msg='pmset did not take: %s' % ' '.join(left[1:]), commands=commands)
        result['settings'] = after
    if p['schedule'] is not None:
        after = pmset.read('sched') if commands and not module.check_mode else events
        if not module.check_mode and macos.pmset_repeat_args(p['schedule'], after):
            module.fail_json(msg='pmset did not keep the repeating events: %s' % after.get('repeating'),
                             commands=commands)
        result['schedule'] = p['schedule'] if module.check_mode else after.get('repeating', [])
    module.exit_json(changed=bool(commands), commands=commands, **result)


if __name__ == '__main__':
    main()
