# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: cups_printer
short_description: Manage one CUPS print queue
description:
  - Creates, changes or removes one CUPS print queue with the CUPS command-line tools (C(lpadmin), C(lpstat),
    C(lpoptions), C(lpinfo), C(cupsenable)/C(cupsdisable), C(cupsaccept)/C(cupsreject)), so it works the
    same on Linux print servers, Linux clients and macOS clients.
  - Idempotent. It reads the queue with C(lpstat -v), C(lpstat -l -p), C(lpstat -a), C(lpstat -d) and
    C(lpoptions -p) (plus C(lpoptions -p NAME -l) for a queue with a PPD) and runs only what differs.
  - Only the settings given are managed; the others are left as they are.
options:
  name:
    description:
      - The queue's name. Letters, digits, C(-), C(_) and C(.), at most 127 characters.
      - CUPS compares queue names without case; so does this module.
    type: str
    required: true
  state:
    description: Whether the queue exists. C(absent) removes it (C(lpadmin -x)) if it exists.
    type: str
    choices: [present, absent]
    default: present
  device_uri:
    description:
      - Where the queue sends jobs, such as C(ipp://prn-lib-01.school.example/ipp/print) or
        C(socket://10.1.2.3:9100). The scheme must be one of C(ipp), C(ipps), C(socket), C(lpd), C(smb),
        C(http), C(https), C(dnssd), C(usb); CUPS refuses a scheme whose backend is not installed
        (C(smb) needs Samba's client).
      - Required when the queue must be created.
    type: str
  driver:
    description:
      - C(everywhere) (the default) makes a driverless IPP Everywhere queue (C(lpadmin -m everywhere));
        the printer must answer IPP at O(device_uri) when the driver is applied.
      - C(raw) makes a queue that passes jobs unchanged (C(lpadmin) without a driver; C(-m raw) to turn an
        existing queue raw). CUPS deprecates raw queues (and PPD drivers).
      - A model name as C(lpinfo -m) lists it, such as C(drv:///sample.drv/generic.ppd) (C(lpadmin -m)).
      - An absolute path to a PPD file on the managed host, ending in C(.ppd) or C(.ppd.gz) (C(lpadmin -P)).
      - The driver is applied when the queue is created, when O(force_driver) is set, and when the queue's
        C(printer-make-and-model) (from C(lpoptions -p)) does not match the driver, ignoring case and runs of
        spaces. It matches C(everywhere) when it ends in C( - IPP Everywhere) (whatever the model), C(raw)
        when it is C(Local Raw Printer), a model name when it is the make-and-model C(lpinfo -m) lists for
        it, a PPD file when it is the file's C(*NickName) (else C(*ModelName)).
      - So a new PPD file with the same C(*NickName), or another IPP Everywhere printer at a new
        O(device_uri), is not noticed; use O(force_driver) once for those.
      - When the driver is applied, every option of O(default_options) is sent again, in an C(lpadmin) run
        after the one that applies the driver. C(everywhere) is applied with C(-v), so an existing queue
        that must be made an IPP Everywhere queue needs O(device_uri) (the module fails without it).
    type: str
    default: everywhere
  force_driver:
    description: Apply O(driver) on every run (always reports changed).
    type: bool
    default: false
  location:
    description: The queue's location (C(printer-location)).
    type: str
  description:
    description: The queue's description (C(printer-info)).
    type: str
  shared:
    description: Whether CUPS shares the queue on the network (C(printer-is-shared)).
    type: bool
  enabled:
    description: Whether the queue prints its jobs (C(cupsenable)/C(cupsdisable)).
    type: bool
    default: true
  accepting:
    description: Whether the queue accepts new jobs (C(cupsaccept)/C(cupsreject)).
    type: bool
    default: true
  default:
    description:
      - C(true) makes the queue the system's default destination (C(lpadmin -d)).
      - C(false) does nothing, even when the queue is the default; CUPS has no command to unset it.
    type: bool
    default: false
  default_options:
    description:
      - The queue's job defaults, option name to value, for example C(sides) V(two-sided-long-edge).
      - A lower-case key is an IPP attribute, sent as C(-o KEY=VALUE -o KEY-default=VALUE) (the first sets the
        PPD's matching default, if the queue has a PPD, the second the default CUPS keeps) and compared
        with C(lpoptions -p NAME). A key with capitals is a PPD option (such as C(PageSize), C(Duplex) or an
        installable C(Option1)), sent as C(-o KEY=VALUE) and compared with the choice
        C(lpoptions -p NAME -l) marks. A trailing C(-default) in a key is dropped. Booleans become
        C(true)/C(false).
      - Options not listed are left alone. Queue settings (C(printer-*), C(device-uri)) are refused here.
      - A value the driver does not take (or that a PPD constraint blocks) reads back unchanged; the module
        warns, and reports changed again on the next run.
    type: dict
  duplex:
    description: Shortcut for O(default_options) C(sides) (C(two-sided-long-edge) or C(one-sided)).
    type: bool
  media:
    description: Shortcut for O(default_options) C(media), such as C(iso_a4_210x297mm) or C(na_letter_8.5x11in).
    type: str
  color:
    description: Shortcut for O(default_options) C(print-color-mode) (C(color) or C(monochrome)).
    type: bool
notes:
  - Changing queues needs root (C(become)).
  - Reading uses what C(lpstat) and C(lpoptions) show the connecting user; a root C(lpoptions -d) or
    C(lpoptions -o) entry (in C(/etc/cups/lpoptions)) shadows the server's default printer or options.
  - The tools are looked for in the PATH, C(/usr/sbin) and C(/usr/local/sbin), and run with C(LC_ALL=C).
  - CUPS never shows the C(user:password@) of a device URI, so URIs are compared without it (a new password
    alone is not noticed) and the returned commands show the password as C(********); set C(no_log) on
    the task to keep it out of logs.
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports what would change and runs only the reading commands.
  diff_mode:
    support: full
    description: Shows the queue's settings before and after.
  platform:
    support: full
    platforms: posix
    description: Linux and macOS hosts with the CUPS client tools and a running cupsd.
'''

EXAMPLES = r'''
- name: PRN-SRV-01 | Library printer, driverless, A4 two-sided by default
  district.standard.cups_printer:
    name: lib-prn-01
    device_uri: ipp://prn-lib-01.school.example/ipp/print
    location: Library, ground floor
    description: Library laser (staff and students)
    shared: false
    duplex: true
    media: iso_a4_210x297mm
    color: false
    default: true
  become: true

- name: PRN-SRV-02 | Label printer through a vendor PPD copied to the host
  district.standard.cups_printer:
    name: office-labels
    device_uri: socket://10.20.0.15:9100
    driver: /usr/local/share/ppd/zebra-zd421.ppd
    default_options:
      PageSize: w162h90
  become: true

- name: PRN-SRV-03 | Stop taking jobs on a printer under repair
  district.standard.cups_printer:
    name: lab-prn-02
    accepting: false
    enabled: false
  become: true

- name: PRN-SRV-04 | Remove an old queue
  district.standard.cups_printer:
    name: old-lab-printer
    state: absent
  become: true
'''

RETURN = r'''
printer:
  description:
    - The queue's settings after the run (in check mode, as they would be); V(null) when the queue does not
      exist. In check mode, C(make_and_model) is V(null) where the C(everywhere) driver would be applied.
  returned: always
  type: dict
  contains:
    name: {description: The queue's name as CUPS spells it., type: str}
    device_uri: {description: The device URI., type: str}
    make_and_model: {description: printer-make-and-model (the driver's name)., type: str}
    location: {description: printer-location., type: str}
    description: {description: printer-info., type: str}
    shared: {description: printer-is-shared., type: bool}
    enabled: {description: Whether the queue prints its jobs., type: bool}
    accepting: {description: Whether it accepts jobs., type: bool}
    default: {description: Whether it is the system's default destination., type: bool}
    options: {description: Its job defaults as C(lpoptions -p) shows them., type: dict}
  sample: {name: lib-prn-01, device_uri: 'ipp://prn-lib-01.school.example/ipp/print', make_and_model: HP LaserJet
      M406 - IPP Everywhere, location: 'Library, ground floor', description: Library laser, shared: false,
      enabled: true, accepting: true, default: true, options: {copies: '1', sides: two-sided-long-edge}}
commands:
  description: The commands run (in check mode, that would run), each a list whose first item is the tool's name.
  returned: always
  type: list
  elements: list
  sample: [[lpadmin, -p, lib-prn-01, -L, 'Library, ground floor'], [cupsenable, lib-prn-01]]
'''

import gzip
import os

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils.cups_cli import Cups, masked
from ansible_collections.district.standard.plugins.module_utils.cups import (
    current_option, driver_differs, driver_kind, option_differs, parse_lpinfo_m, plan_commands,
    ppd_make_and_model, predict_settings, validate_device_uri, validate_name, wanted_options, RAW_MAKE_AND_MODEL)


def expected_make_and_model(module, cups, driver):
    """The make-and-model a queue gets from DRIVER (None for everywhere); fails if it is unknown."""
    kind = driver_kind(driver)
    if kind == 'model':
        models = parse_lpinfo_m(cups.run(['lpinfo', '-m'])[1])
        if driver not in models:
            module.fail_json(msg='driver %r is not a model that lpinfo -m lists on this host' % driver)
        return models[driver]
    if kind == 'ppd':
        if not os.path.isfile(driver):
            module.fail_json(msg='driver %r: no such PPD file on the managed host' % driver)
        try:
            opener = gzip.open if driver.lower().endswith('.gz') else open
            with opener(driver, 'rb') as handle:
                text = to_text(handle.read(), errors='surrogate_or_replace')
        except (IOError, OSError) as exc:
            module.fail_json(msg='driver %r: cannot read the PPD file: %s' % (driver, to_text(exc)))
        make_model = ppd_make_and_model(text)
        if make_model is None:
            module.fail_json(msg='driver %r: no *NickName or *ModelName, is it a PPD file?' % driver)
        return make_model
    return RAW_MAKE_AND_MODEL if kind == 'raw' else None


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            device_uri=dict(type='str'),
            driver=dict(type='str', default='everywhere'),
            force_driver=dict(type='bool', default=False),
            location=dict(type='str'),
            description=dict(type='str'),
            shared=dict(type='bool'),
            enabled=dict(type='bool', default=True),
            accepting=dict(type='bool', default=True),
            default=dict(type='bool', default=False),
            default_options=dict(type='dict'),
            duplex=dict(type='bool'),
            media=dict(type='str'),
            color=dict(type='bool'),
        ),
        supports_check_mode=True,
    )
    p = module.params
    error = (validate_name(p['name']) or (p['device_uri'] is not None and validate_device_uri(p['device_uri']))
             or (not p['driver'] and 'driver must not be empty'))
    if error:
        module.fail_json(msg=error)
    try:
        options = wanted_options(p['default_options'], p['duplex'], p['media'], p['color'])
    except ValueError as exc:
        module.fail_json(msg=to_text(exc))

    cups = Cups(module)
    current, ppd_options = cups.read(p['name'], bool(options))
    name = current['name'] if current else p['name']
    wanted = dict(state=p['state'], options=options, driver=p['driver'], apply_driver=False,
                  **dict((k, p[k]) for k in ('device_uri', 'location', 'description', 'shared', 'enabled',
                                             'accepting', 'default')))
    make_model = current['make_and_model'] if current else None
    if p['state'] == 'present':
        if current is None and not p['device_uri']:
            module.fail_json(msg='device_uri is required to create the queue %s' % name)
        expected = expected_make_and_model(module, cups, p['driver'])
        if current is None or p['force_driver'] or driver_differs(p['driver'], make_model, expected):
            wanted['apply_driver'], make_model = True, expected
    try:
        commands = plan_commands(name, current, wanted, ppd_options)
    except ValueError as exc:
        module.fail_json(msg=to_text(exc))
    after = predict_settings(name, current, wanted, make_model) if commands else current

    if commands and not module.check_mode:
        for argv in commands:
            cups.run(argv)
            cups.done.append(argv)
        after, ppd_after = cups.read(name, bool(options)) if p['state'] == 'present' else (None, None)
        if after is not None:
            for key, value in sorted(options.items()):
                if option_differs(key, value, after['options'], ppd_after):
                    got = current_option(key, after['options'], ppd_after)
                    module.warn('queue %s did not take %s=%s (it reads back %s): the driver may not offer that '
                                'value, or a PPD constraint (an installable option) may block it'
                                % (name, key, value, got))
    result = dict(changed=bool(commands), commands=masked(commands), printer=after)
    if module._diff:
        result['diff'] = dict(before=dict(current, state='present') if current else dict(state='absent'),
                              after=dict(after, state='present') if after else dict(state='absent'))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
