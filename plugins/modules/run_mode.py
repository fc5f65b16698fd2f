# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/run_mode.py; this file holds its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: run_mode
short_description: Tell the tasks whether they run in check mode, however it was asked
description:
  - Returns C(check_mode) and C(diff_mode), what this task runs with. Register the result. It is not a fact,
    because facts outlive the run in the fact cache and a run's mode must not.
  - Ansible's C(ansible_check_mode) reflects only the command line (C(--check)); a play that forces check
    mode with the C(check_mode) keyword (as C(playbooks/compliance.yml) does) leaves it false. The baseline
    role registers this result as C(baseline_run_mode), and the roles that depend on it decide with
    C(baseline_check_mode) (C(baseline_run_mode.check_mode)), which is right either way.
  - Runs on the controller; never connects to the host.
options: {}
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports it.
extends_documentation_fragment:
  - district.standard.controller
'''

EXAMPLES = r'''
- name: Find out whether this play is a dry run
  district.standard.run_mode:
  register: run_mode

- name: Only on a real run
  ansible.builtin.debug:
    msg: enforcing
  when: not run_mode.check_mode
'''

RETURN = r'''
check_mode:
  description: Whether the task runs in check mode.
  returned: always
  type: bool
diff_mode:
  description: Whether it runs with diff.
  returned: always
  type: bool
'''
