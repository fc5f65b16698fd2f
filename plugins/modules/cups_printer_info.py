# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: cups_printer_info
short_description: List CUPS print queues and their settings
description:
  - Reads every CUPS print queue of the host (or the ones named) with C(lpstat) and C(lpoptions), the same on
    Linux print servers, Linux clients and macOS clients. Changes nothing.
  - Each queue is described with the same keys as the C(printer) value that M(district.standard.cups_printer)
    returns.
options:
  name:
    description:
      - Only these queues (compared without case, as CUPS does). A name with no queue is left out of
        RV(printers) and listed in RV(missing).
      - All queues when not given.
    type: list
    elements: str
attributes:
  check_mode:
    support: full
    description: Reads only, the same in check mode.
  diff_mode:
    support: none
    description: No diff; it changes nothing.
  platform:
    support: full
    platforms: posix
    description: Linux and macOS hosts with the CUPS client tools and a running cupsd.
author: district-standard contributors (@district-standard)
seealso:
  - module: district.standard.cups_printer
'''

EXAMPLES = r'''
- name: Read the print queues of the school's print server
  district.standard.cups_printer_info:
  register: queues

- name: Show them
  ansible.builtin.debug:
    msg: "{{ queues.printers | map(attribute='name') | list }}"

- name: Is the library printer there?
  district.standard.cups_printer_info:
    name: [lib-prn-01]
  register: library
'''

RETURN = r'''
printers:
  description: The queues, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    name: {description: The queue's name as CUPS spells it., type: str}
    device_uri: {description: The device URI (a password in it is masked)., type: str}
    make_and_model: {description: printer-make-and-model (the driver's name)., type: str}
    location: {description: printer-location., type: str}
    description: {description: printer-info., type: str}
    shared: {description: printer-is-shared., type: bool}
    enabled: {description: Whether the queue prints its jobs., type: bool}
    accepting: {description: Whether it accepts jobs., type: bool}
    default: {description: Whether it is the system's default destination., type: bool}
    options: {description: Its job defaults as C(lpoptions -p) shows them., type: dict}
  sample: [{name: lib-prn-01, device_uri: 'ipp://prn-lib-01.school.example/ipp/print', make_and_model: HP
        LaserJet M406 - IPP Everywhere, location: 'Library, ground floor', description: Library laser,
        shared: true, enabled: true, accepting: true, default: false, options: {sides: one-sided}}]
default:
  description: The name of the system's default queue, V(null) when there is none.
  returned: always
  type: str
  sample: lib-prn-01
missing:
  description: The names given in O(name) that no queue has.
  returned: always
  type: list
  elements: str
  sample: [old-lab-printer]
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.district.standard.plugins.module_utils.cups import find_queue, mask_userinfo
from ansible_collections.district.standard.plugins.module_utils.cups_cli import Cups


def main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='list', elements='str')), supports_check_mode=True)
    printers = Cups(module).read_all()
    names = [p['name'] for p in printers]
    default = next((p['name'] for p in printers if p['default']), None)
    missing = []
    if module.params['name'] is not None:
        found = dict((name, find_queue(name, names)) for name in module.params['name'])
        missing = [name for name, queue in found.items() if queue is None]
        printers = [p for p in printers if p['name'] in found.values()]
    for printer in printers:
        if printer['device_uri']:
            printer['device_uri'] = mask_userinfo(printer['device_uri'])
    module.exit_json(changed=False, printers=printers, default=default, missing=missing)


if __name__ == '__main__':
    main()
