# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The module is win_printer.ps1 (PowerShell, Ansible.Basic); this file holds its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: win_printer
short_description: Manage one Windows print queue on a TCP/IP port
description:
  - Creates, changes or removes one Windows print queue with the PrintManagement cmdlets. It manages the
    queue's Standard TCP/IP port (raw, usually 9100, or LPR), its driver (already installed, or added from an
    INF file into the driver store), sharing, location and comment, and whether it is the default printer.
  - Idempotent; only the settings given are managed. Supports check mode and diff.
  - For Linux and macOS clients use M(district.standard.cups_printer).
options:
  name:
    description: The queue's name as users see it.
    type: str
    required: true
  state:
    description: Whether the queue exists. V(absent) removes the queue (its port and driver stay).
    type: str
    choices: [absent, present]
    default: present
  address:
    description:
      - The printer's IP address or DNS name. Needed to create the port; when given, an existing port is
        changed to match it (address, port number, protocol, LPR queue, SNMP).
    type: str
  port_name:
    description: The port's name. Default C(IP_<address>), the name Windows itself gives a TCP/IP port.
    type: str
  port_number:
    description: TCP port for O(protocol=raw).
    type: int
    default: 9100
  protocol:
    description: V(raw) (JetDirect/AppSocket) or V(lpr).
    type: str
    choices: [lpr, raw]
    default: raw
  lpr_queue:
    description: The LPR queue name; required with O(protocol=lpr).
    type: str
  snmp:
    description: Whether Windows polls the printer's status over SNMP.
    type: bool
    default: false
  driver:
    description:
      - The driver's name exactly as Windows lists it (C(Get-PrinterDriver)), such as
        C(HP Universal Printing PCL 6) or C(Microsoft IPP Class Driver).
      - Required to create the queue. When it is not installed it is added with C(Add-PrinterDriver), from
        O(driver_path) when given (else from the drivers Windows already has in its driver store).
    type: str
  driver_path:
    description:
      - An INF file of the driver, usually on the district share (C(\\\\files\\drivers\\hp-upd\\hpcu270u.inf)).
        It is added to the driver store with C(pnputil /add-driver /install) before C(Add-PrinterDriver).
        pnputil's exit codes 0, 259 (no device matched the driver, normal for a network printer) and 3010
        (a restart is needed, RV(restart_required)) are success.
      - A WinRM logon cannot reach a share itself (NTLM has no second hop), so run the task with
        C(become_user=SYSTEM) (the computer account reads the share, on domain members) or, on a workgroup
        computer, with an account of the share and C(become_flags=logon_type=new_credentials logon_flags=netcredentials_only).
    type: path
  shared:
    description: Whether the queue is shared on the network.
    type: bool
  share_name:
    description: The share name when O(shared) is set.
    type: str
  location:
    description: The location shown to users (the room, from the asset sheet).
    type: str
  comment:
    description: The comment shown to users (model and asset tag).
    type: str
  default:
    description:
      - Make this the default printer of the account running the module (Windows keeps one per user) and turn
        off "Let Windows manage my default printer" for it. For every user of the computer use a logon task
        (the district.standard printers role does).
      - V(false) leaves the default printer alone.
    type: bool
    default: false
notes:
  - Needs Windows 8 / Server 2012 or later (PrintManagement module). Runs as the connecting account, which must
    be an administrator of the computer.
  - The Print Spooler service must be running; a stopped or disabled spooler (a PrintNightmare mitigation) fails
    the task with its state, never silently.
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports what it would change, and the commands, without running them.
  diff_mode:
    support: full
    description: The queue's settings before and after.
  platform:
    support: full
    platforms: windows
    description: Windows only.
seealso:
  - module: district.standard.cups_printer
'''

EXAMPLES = r'''
- name: PRN-CLI-01 | Lab 101 laser, driver from the district share
  district.standard.win_printer:
    name: lab101-prn01
    address: 10.10.1.250
    driver: HP Universal Printing PCL 6
    driver_path: C:\ProgramData\district\drivers\hp-upd\hpcu270u.inf
    location: Lincoln Elementary, Lab 101
    comment: LaserJet Pro M404dn (asset 100121)
    default: true

- name: PRN-CLI-02 | Library copier over LPR
  district.standard.win_printer:
    name: lib-copier
    address: lib-copier.lincoln.district.example.org
    protocol: lpr
    lpr_queue: print
    driver: Microsoft IPP Class Driver

- name: PRN-CLI-03 | The old lab printer is gone
  district.standard.win_printer:
    name: lab101-oldprinter
    state: absent
'''

RETURN = r'''
printer:
  description: The queue after the run (in check mode, as it would be); V(null) when absent.
  returned: always
  type: dict
  sample: {name: lab101-prn01, port_name: IP_10.10.1.250, address: 10.10.1.250, port_number: 9100,
           protocol: raw, lpr_queue: null, snmp: false, driver: HP Universal Printing PCL 6, shared: false,
           share_name: '', location: 'Lincoln Elementary, Lab 101', comment: LaserJet Pro M404dn (asset 100121),
           default: true, state: present}
restart_required:
  description: pnputil added the driver and asked for a restart (exit code 3010).
  returned: always
  type: bool
  sample: false
commands:
  description: What was done (in check mode, what would be), one line per change.
  returned: always
  type: list
  elements: str
  sample: ['Add-PrinterPort -Name IP_10.10.1.250 -PrinterHostAddress 10.10.1.250',
           'Add-Printer -Name lab101-prn01 -DriverName HP Universal Printing PCL 6 -PortName IP_10.10.1.250']
'''
