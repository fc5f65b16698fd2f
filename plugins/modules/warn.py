# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/warn.py; this file holds its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: warn
short_description: Print a warning from a play, as Ansible's own warnings look
description:
  - Shows C(msg) as an Ansible warning, the way Ansible prints its own, and puts it in the task result's
    C(warnings), so a technician sees it and a callback can collect it. Changes nothing and never connects
    to the host.
  - For a condition worth a technician's attention that must not stop the play, such as a printer row
    of the asset sheet without a usable URI.
options:
  msg:
    description: The warning.
    type: str
    required: true
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Same in check mode.
extends_documentation_fragment:
  - district.standard.controller
'''

EXAMPLES = r'''
- name: PRN-SRV-06 | Warn about printers of the sheet without a usable URI
  district.standard.warn:
    msg: "Printer {{ item }} has no printer URI in the asset sheet"
  loop: "{{ unusable_printers }}"
'''

RETURN = r'''
msg:
  description: The warning shown.
  returned: always
  type: str
'''
