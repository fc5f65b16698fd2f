# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/asset_reconcile.py; this file holds its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: asset_reconcile
short_description: Hardware, software and asset-sheet reconciliation reports of a run
description:
  - Runs on the controller and never connects to a host. Reads the asset sheet the way the C(asset_sheet)
    inventory does (the same config file, so the same columns, statuses and hostnames) and compares it with
    what the devices of the run said about themselves (the C(hw_inventory) role's facts).
  - Writes C(<report_dir>/<YYYYmmdd-HHMMSS>/) C(hardware.csv|xlsx) (one row per device),
    C(software.csv|xlsx) (one row per device and program) and C(reconcile.csv|xlsx) (one row per difference).
  - A device is matched to a sheet row by hostname, else by serial, else by any of its MACs.
  - Differences (column C(kind)) are C(serial), C(mac), C(os), C(model) (the sheet and the device disagree),
    C(missing_in_sheet) (the sheet cell is blank and the device knows the value; C(field) names the cell),
    C(hostname) (matched by serial or MAC under another name), C(not_seen) (a sheet host that no device that
    answered matched) and C(unlisted) (a device that answered and matches no sheet row).
  - A value the device does not know (a serial in a container, a Mac without a MAC) is never a difference.
    Serials compare without case and spaces, MACs in any form, the OS by the sheet's words
    (C(windows), C(macos), C(linux)), models without case and spaces and either containing the other
    (C(ProDesk 400 G9) matches C(HP ProDesk 400 G9 Desktop Mini PC)).
  - With O(write_back), a copy of each local sheet file gets the columns C(Last seen), C(OS version) and
    C(Compliance) filled in on the rows of the devices that answered; the sheet's own C(OS Version) column is
    used when it has one, the others are added after its last column. XLSX stays XLSX, CSV keeps its
    encoding and delimiter, ODS becomes an XLSX copy. The original file is never written.
options:
  sheet_config:
    description:
      - The asset_sheet inventory config (for example C({{ inventory_dir }}/district.asset_sheet.yml)), or an
        inventory folder, whose C(*asset_sheet.yml) configs are all read (one per school, say). Relative sheet
        paths in a config start at its folder.
    type: path
    required: true
  devices:
    description:
      - The devices of the run, by inventory hostname, each C({reached, hw, sw}) where C(hw) is the
        C(hw_inventory) fact and C(sw) the C(sw_inventory) fact of the host (C(hw) null when it did not answer).
      - An optional C(error) (the role's C(hw_inventory_error)) is shown as the note of a C(not_seen) row.
    type: dict
    required: true
  scope:
    description:
      - V(devices) reports as C(not_seen) only sheet hosts that are keys of O(devices) (the hosts the run
        targeted, so a run limited to one school does not call the others unseen); V(sheet) every sheet host.
    type: str
    choices: [devices, sheet]
    default: devices
  report_dir:
    description:
      - Folder of the reports (relative to the current directory); the environment variable
        C(DISTRICT_REPORT_DIR), else C(reports).
    type: path
  compliance_json:
    description:
      - A C(compliance.json) of the compliance report (for example C(reports/latest/compliance.json)) for the
        C(Compliance) column of the write-back, that is the host's percent compliant, its drifting, failed and
        unreachable controls, and the day of that run.
    type: path
  write_back:
    description: Also write the filled-in copy of the sheet into the report folder (C(<name>-updated.<ext>)).
    type: bool
    default: false
author: district-standard contributors (@district-standard)
requirements:
  - openpyxl and python-calamine on the controller (in requirements.txt).
attributes:
  check_mode:
    support: full
    description:
      - The reports are written in check mode too; they are outputs of the run, not changes to a host or to the
        sheet, and the task always reports C(changed=false).
extends_documentation_fragment:
  - district.standard.controller
'''

EXAMPLES = r'''
- name: Write the inventory reports
  district.standard.asset_reconcile:
    sheet_config: "{{ inventory_dir }}/district.asset_sheet.yml"
    devices:
      lab101-pc01:
        reached: true
        hw: "{{ hostvars['lab101-pc01'].hw_inventory }}"
        sw: "{{ hostvars['lab101-pc01'].sw_inventory }}"
      lab101-pc02: {reached: false, hw: null, sw: []}
    compliance_json: reports/latest/compliance.json
    write_back: true
  delegate_to: localhost
  run_once: true
  register: inventory_report
'''

RETURN = r'''
report_dir:
  description: The folder of this run's reports.
  returned: always
  type: str
  sample: /srv/district-standard/reports/20250131-140211
files:
  description: Paths of the reports, C(csv) and C(xlsx) of each.
  returned: always
  type: dict
  contains:
    hardware:
      description: One row per device.
      type: dict
    software:
      description: One row per device and program.
      type: dict
    reconcile:
      description: One row per difference.
      type: dict
differences:
  description: The rows of the reconcile report.
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: "The difference: serial, mac, os, model, missing_in_sheet, hostname, not_seen or unlisted."
      type: str
    field:
      description: "The compared field (serial, mac, os, model or hostname); empty for not_seen and unlisted."
      type: str
    hostname:
      description: "The device (the sheet host, for not_seen)."
      type: str
    asset_tag:
      description: "The sheet row's asset tag."
      type: str
    school:
      description: "The sheet row's school."
      type: str
    room:
      description: "The sheet row's room."
      type: str
    sheet_value:
      description: "What the sheet says."
      type: str
    device_value:
      description: "What the device says."
      type: str
    asset_source:
      description: "The sheet row, for example C(district-assets.xlsx:Lincoln Elementary:row 4)."
      type: str
    note:
      description: "How the device was matched, or why a host was not seen."
      type: str
sheet_configs:
  description: The asset_sheet configs read.
  returned: always
  type: list
  elements: str
counts:
  description: Rows per kind, and C(devices), C(reached), C(sheet_hosts).
  returned: always
  type: dict
write_back:
  description: The copies written, each C({source, copy}).
  returned: always
  type: list
  elements: dict
msg:
  description: One line for people.
  returned: always
  type: str
'''
