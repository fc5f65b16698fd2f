# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a compliance result means: control IDs of task names, the status of a result, % compliant, and the
one CSV writer of the reports. The run's data is in compliance_run.py, its files in compliance_files.py and
compliance_html.py, its history in compliance_history.py."""

from __future__ import annotations

import csv
import io
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


def worse(a, b):
    return a if STATUSES.index(a) <= STATUSES.index(b) else b


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


HOST_INFO = (('school', 'asset_school'), ('room', 'asset_room'), ('asset_tag', 'asset_tag'))


def host_info(host):
    """{school, room, asset_tag} of an inventory host (its asset sheet variables), for the reports."""
    return dict((key, str(host.vars.get(var) or '')) for key, var in HOST_INFO)


def csv_cell(value):
    """VALUE for a CSV cell that Excel or LibreOffice never runs as a formula."""
    text = '' if value is None else str(value)
    return "'" + text if text[:1] in ('=', '+', '-', '@', '\t', '\r') else text


CSV_FIELDS = ('school', 'room', 'host', 'asset_tag', 'baseline_version', 'control', 'title', 'role', 'status',
              'detail', 'waiver_reason', 'waiver_owner', 'waiver_expires', 'waiver_expired')


class CsvWriter(object):
    """The one CSV writer of the reports (compliance, run summary, inventory reports): a header, then one row
    at a time (dicts, or sequences in HEADERS order) to HANDLE (a text file opened with newline=''), CRLF
    lines, Excel-safe cells."""

    def __init__(self, handle, headers, header=True):
        self.headers = tuple(headers)
        self.writer = csv.writer(handle, lineterminator='\r\n')
        if header:
            self.writer.writerow(self.headers)

    def row(self, row):
        values = [row.get(h, '') for h in self.headers] if isinstance(row, dict) else row
        self.writer.writerow([csv_cell(v) for v in values])


def csv_text(headers, rows):
    """CSV text of ROWS under HEADERS (CsvWriter into a string)."""
    out = io.StringIO()
    writer = CsvWriter(out, headers)
    for row in rows:
        writer.row(row)
    return out.getvalue()


