# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of district.standard.control_status: a control's verdict when Ansible cannot enforce it."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

# What a control task can say besides compliant and drift (the compliance report's statuses of the same names).
STATUSES = ('compliant', 'drift', 'managed-by-mdm', 'needs-edition')


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _VALID_ARGS = frozenset(('status', 'msg'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        status = self._task.args.get('status')
        msg = self._task.args.get('msg', '')
        if status not in STATUSES:
            raise AnsibleActionFail('status must be one of %s, not %r' % (', '.join(STATUSES), status))
        if not isinstance(msg, str):
            raise AnsibleActionFail('msg must be a string')
        if status != 'compliant' and not msg.strip():
            raise AnsibleActionFail('msg must say what is missing when the status is %s' % status)
        result.update(changed=status == 'drift', control_status=status, msg=msg)
        return result
