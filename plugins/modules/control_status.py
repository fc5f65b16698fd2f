# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/control_status.py; this file holds its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: control_status
short_description: Report a control's verdict when a setting can only be enforced by an MDM or a higher edition
description:
  - For a control whose setting the operating system honours only when an MDM delivers it (a macOS
    configuration profile) or only on some editions (a Windows policy that Pro ignores). A successful write is
    never proof for such a setting. The role reads the effective state, then reports it with this module.
  - C(compliant) and C(drift) are reported as for any control (C(drift) shows as a change). C(managed-by-mdm)
    says the setting is not in effect and only the MDM can deliver it; C(needs-edition) says the edition of the
    operating system cannot enforce it. The C(msg) says what is missing.
  - The compliance report (C(district.standard.compliance_report)) takes the status from the result's
    C(control_status).
  - Runs on the controller; never connects to the host.
options:
  status:
    description: The verdict.
    type: str
    required: true
    choices: [compliant, drift, managed-by-mdm, needs-edition]
  msg:
    description: What is missing (required unless the status is C(compliant)).
    type: str
    default: ''
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Same in check mode.
extends_documentation_fragment:
  - district.standard.controller
'''

EXAMPLES = r'''
- name: MAC-LOCK-03 | Ask for the password at once after the screen saver (configuration profile)
  district.standard.control_status:
    status: "{{ 'compliant' if _managed_ask_for_password else 'managed-by-mdm' }}"
    msg: "com.apple.screensaver askForPassword is not in a managed profile: deliver district-screen-lock.mobileconfig"
'''

RETURN = r'''
control_status:
  description: The verdict, for the compliance report.
  returned: always
  type: str
  sample: managed-by-mdm
msg:
  description: What is missing.
  returned: always
  type: str
'''
