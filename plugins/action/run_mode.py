# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of district.standard.run_mode: whether the task runs in check mode, however that was asked.

The answer is a plain result for the caller to register, never a fact: facts outlive the run in the fact cache,
where a later run (or a test) would read an earlier run's mode."""

from __future__ import annotations

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _VALID_ARGS = frozenset()

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        check = bool(self._task.check_mode if self._task.check_mode is not None else self._play_context.check_mode)
        diff = bool(self._task.diff if self._task.diff is not None else self._play_context.diff)
        result.update(changed=False, check_mode=check, diff_mode=diff)
        return result
