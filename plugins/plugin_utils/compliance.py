# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a compliance result means: control IDs of task names, the status of a result, % compliant, the columns
of its CSV. The run's data is in compliance_run.py, its files in compliance_files.py and compliance_html.py, its
history in compliance_history.py; the reports' one CSV writer is report_csv.py."""

from __future__ import annotations

import re

CONTROL_RE = re.compile(r'^([A-Z]+(?:-[A-Z0-9]+)*-\d\d) \| (.+)$')
# Worst first: the status of a control with several tasks is the worst of theirs. managed-by-mdm (only an MDM
# profile can deliver the setting, and it is not in effect) and needs-edition (this OS edition cannot enforce it)
# come from the control_status module's result. The reports and the history keep each status by its index here.
STATUSES = ('unreachable', 'error', 'drift', 'managed-by-mdm', 'needs-edition', 'compliant', 'waived',
            'not_applicable')
CHECKED = ('compliant', 'drift', 'managed-by-mdm', 'needs-edition', 'error', 'unreachable')  # % compliant of these
REPORTED = ('managed-by-mdm', 'needs-edition')  # statuses a task reports itself (result key control_status)
NO_SCHOOL = '(no school)'
NO_ROOM = '(no room)'


def control_of(task_name):
    """(control ID, title) of a task named 'ID | title', else None."""
    m = CONTROL_RE.match((task_name or '').strip())
    return (m.group(1), m.group(2).strip()) if m else None


def classify(outcome, result, waived):
    """The status of one control task's result. OUTCOME: ok, failed, skipped or unreachable; RESULT: the task's
    result dict; WAIVED: whether the host has a waiver in force for the control."""
    if outcome == 'unreachable':
        return 'unreachable'
    if outcome == 'failed':
        return 'error'
    if outcome == 'skipped' or result.get('skipped'):
        return 'waived' if waived else 'not_applicable'
    if result.get('control_status') in REPORTED:
        return result['control_status']
    return 'drift' if result.get('changed') else 'compliant'


def pct(counts):
    checked = sum(counts.get(s, 0) for s in CHECKED)
    return round(100.0 * counts.get('compliant', 0) / checked, 1) if checked else None


def cut(diff, lines):
    """DIFF cut to LINES lines (None: whole), saying how many were left out."""
    if not diff or lines is None:
        return diff
    parts = diff.split('\n', lines)
    if len(parts) <= lines:
        return diff
    more = parts[lines].count('\n') + 1
    return '\n'.join(parts[:lines] + ['... (%d more lines)' % more])


CSV_FIELDS = ('school', 'room', 'host', 'asset_tag', 'baseline_version', 'control', 'title', 'role', 'status',
              'detail', 'waiver_reason', 'waiver_owner', 'waiver_expires', 'waiver_expired')
