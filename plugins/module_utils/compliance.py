# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance run's data: one status per host x control, what they add up to per school and room, and the
CSV, JSON and JUnit files. Used by the compliance_report callback; HTML is in compliance_html.py."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

CONTROL_RE = re.compile(r'^([A-Z]+(?:-[A-Z0-9]+)*-\d\d) \| (.+)$')
# Worst first: the status of a control with several tasks is the worst of theirs. managed-by-mdm (only an MDM
# profile can deliver the setting, and it is not in effect) and needs-edition (this OS edition cannot enforce it)
# come from the control_status module's result.
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


class Run(object):
    """Every host x control of one compliance run."""

    def __init__(self):
        self.hosts = {}      # name -> {school, room, asset_tag, baseline_version, problem, waivers}
        self.controls = {}   # id -> {title, role}
        self.cells = {}      # (host, control) -> {status, detail, diff}
        self.play_controls = {}  # play number -> [control ids seen]
        self.host_plays = {}     # host -> {play number: (status, message)} when the host stopped in that play
        self.play_hosts = {}     # play number -> [hosts it targets], when known

    def host(self, name, info=None):
        entry = self.hosts.setdefault(name, {'school': NO_SCHOOL, 'room': NO_ROOM, 'asset_tag': '',
                                             'baseline_version': '', 'problem': '', 'waivers': []})
        for key, value in (info or {}).items():
            if value not in (None, ''):
                entry[key] = value
        return entry

    def waiver(self, host, control):
        return next((w for w in self.hosts.get(host, {}).get('waivers', []) if w['control'] == control), None)

    def expect(self, play, control, title, role):
        """CONTROL is among the controls PLAY checks."""
        self.controls.setdefault(control, {'title': title, 'role': role or ''})
        seen = self.play_controls.setdefault(play, [])
        if control not in seen:
            seen.append(control)

    def record(self, play, host, control, title, role, status, detail='', diff=''):
        self.expect(play, control, title, role)
        cell = self.cells.get((host, control))
        if cell is None or worse(status, cell['status']) == status and status != cell['status']:
            self.cells[(host, control)] = {'status': status, 'detail': detail, 'diff': diff}
        elif status == cell['status'] == 'drift' and diff:
            cell['diff'] = (cell['diff'] + '\n' + diff).strip()

    def stopped(self, play, host, status, message):
        """HOST stopped in PLAY (unreachable, or failed at a task): its unchecked controls get STATUS."""
        self.host(host)['problem'] = message
        self.host_plays.setdefault(host, {}).setdefault(play, (status, message))

    def finish(self):
        """Fill in the controls hosts never reached: those of the play they stopped in, and of the later plays
        that target them (Ansible leaves an unreachable host out of the rest of the run)."""
        for host, plays in self.host_plays.items():
            first = min((p for p, (status, _m) in plays.items() if status == 'unreachable'), default=None)
            for play, targets in self.play_hosts.items():
                if first is not None and play > first and host in targets:
                    plays.setdefault(play, plays[first])
        for host, plays in self.host_plays.items():
            for play, (status, message) in plays.items():
                for control in self.play_controls.get(play, []):
                    if (host, control) not in self.cells:
                        self.cells[(host, control)] = {'status': status, 'detail': message, 'diff': ''}

    def rows(self):
        """One dict per host x control, sorted by school, room, host, control."""
        out = []
        for (host, control), cell in self.cells.items():
            h = self.hosts.get(host) or self.host(host)
            waiver = self.waiver(host, control) or {}
            out.append(dict(school=h['school'], room=h['room'], host=host, asset_tag=h['asset_tag'],
                            baseline_version=h['baseline_version'], control=control,
                            title=self.controls[control]['title'], role=self.controls[control]['role'],
                            status=cell['status'], detail=cell['detail'], diff=cell['diff'],
                            waiver_reason=waiver.get('reason', ''), waiver_owner=waiver.get('owner', ''),
                            waiver_expires=waiver.get('expires', ''),
                            waiver_expired=bool(waiver.get('expired'))))
        return sorted(out, key=lambda r: (r['school'], r['room'], r['host'], r['control']))

    def summary(self):
        """Counts per status for the district, each school and each room (school, room), plus the hosts, the
        hosts with every checked control compliant, and the most drifting controls."""
        groups = {}
        for row in self.rows():
            for key in (('district',), ('school', row['school']), ('room', row['school'], row['room'])):
                g = groups.setdefault(key, {'counts': dict.fromkeys(STATUSES, 0), 'hosts': set(), 'bad': set(),
                                            'drifting': {}})
                g['counts'][row['status']] += 1
                g['hosts'].add(row['host'])
                if row['status'] in ('drift', 'error', 'unreachable'):
                    g['bad'].add(row['host'])
                if row['status'] == 'drift':
                    g['drifting'][row['control']] = g['drifting'].get(row['control'], 0) + 1
        for host in self.hosts:  # a host with no control at all (unreachable at the start) still counts
            h = self.hosts[host]
            for key in (('district',), ('school', h['school']), ('room', h['school'], h['room'])):
                g = groups.setdefault(key, {'counts': dict.fromkeys(STATUSES, 0), 'hosts': set(), 'bad': set(),
                                            'drifting': {}})
                g['hosts'].add(host)
                if h['problem']:
                    g['bad'].add(host)
        out = {}
        for key, g in groups.items():
            top = sorted(g['drifting'].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            out[key] = {'hosts': len(g['hosts']), 'hosts_compliant': len(g['hosts'] - g['bad']),
                        'counts': g['counts'], 'pct': pct(g['counts']), 'top_drift': top}
        return out

    def expired_waivers(self):
        return sorted((host, w) for host, h in self.hosts.items() for w in h['waivers'] if w.get('expired'))


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


def csv_text(headers, rows):
    """CSV text of ROWS (dicts, or sequences in HEADERS order) under HEADERS: CRLF lines, Excel-safe cells.
    The one CSV writer of the reports (compliance, run summary, inventory reports)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\r\n')
    writer.writerow(headers)
    for row in rows:
        values = [row.get(h, '') for h in headers] if isinstance(row, dict) else row
        writer.writerow([csv_cell(v) for v in values])
    return out.getvalue()


def to_csv(rows):
    return csv_text(CSV_FIELDS, rows)


def to_json(meta, run, summary):
    return json.dumps({
        'run': meta,
        'summary': [dict(level=k[0], school=k[1] if len(k) > 1 else None, room=k[2] if len(k) > 2 else None,
                         **dict(v, top_drift=[{'control': c, 'hosts': n} for c, n in v['top_drift']]))
                    for k, v in sorted(summary.items())],
        'hosts': run.hosts, 'controls': run.controls, 'results': run.rows(),
    }, indent=1, sort_keys=True, default=str)


def _xml_text(text):
    """TEXT without the characters XML 1.0 cannot carry, escaped."""
    return escape(re.sub('[\x00-\x08\x0b\x0c\x0e-\x1f]', '?', text or ''))


def to_junit(meta, rows):
    """One <testcase> per host x control: drift a failure, error and unreachable errors, waived and not
    applicable skipped."""
    counts = dict.fromkeys(STATUSES, 0)
    cases = []
    for row in rows:
        counts[row['status']] += 1
        name = '%s %s' % (row['control'], row['title'])
        classname = '%s.%s.%s' % (row['school'], row['room'], row['host'])
        body = ''
        if row['status'] == 'drift':
            body = '<failure message=%s type="drift">%s</failure>' % (
                quoteattr(row['detail'] or 'would change'), _xml_text(row['diff']))
        elif row['status'] in ('error', 'unreachable'):
            body = '<error message=%s type=%s/>' % (quoteattr(row['detail'] or row['status']), quoteattr(row['status']))
        elif row['status'] == 'waived':
            body = '<skipped message=%s/>' % quoteattr('waived: %s (%s, until %s)' % (
                row['waiver_reason'], row['waiver_owner'], row['waiver_expires']))
        elif row['status'] == 'not_applicable':
            body = '<skipped message="not applicable"/>'
        cases.append('  <testcase classname=%s name=%s>%s</testcase>' % (quoteattr(classname), quoteattr(name), body))
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="district-standard compliance" tests="%d" '
            'failures="%d" errors="%d" skipped="%d" timestamp=%s>' % (
                len(rows), counts['drift'], counts['error'] + counts['unreachable'],
                counts['waived'] + counts['not_applicable'], quoteattr(meta.get('started', ''))))
    return '\n'.join([head] + cases + ['</testsuite>']) + '\n'
