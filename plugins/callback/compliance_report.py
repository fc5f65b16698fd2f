# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: compliance_report
type: aggregate
short_description: Compliance report of a dry run, per school, room, host and control
description:
  - Active only in plays that set the play variable C(compliance_run) (as C(playbooks/compliance.yml) does);
    other playbooks are not recorded.
  - Takes every task named C(<control ID> | <title>) and records, per host and control, one of C(compliant),
    C(drift) (the task would change something; its diff is kept), C(waived) (skipped under a waiver in force),
    C(not_applicable) (skipped), C(error) or C(unreachable). A host that fails or cannot be reached gets
    C(error) or C(unreachable) for the controls it did not reach.
  - At the end it prints a one-screen summary per school and room and writes C(<report_dir>/<timestamp>/)
    C(compliance.html), C(compliance.csv), C(compliance.json) and C(junit.xml), points C(<report_dir>/latest)
    at them, and appends the run to the history database.
  - A play that sets C(compliance_gate) gets the run's totals in the play variable C(compliance_result)
    (C(hosts), C(drift), C(error), C(unreachable), C(unreachable_hosts), C(pct), C(report_dir)), so it can fail
    the run on drift or on hosts that did not answer.
requirements:
  - Enable it in ansible.cfg (C(callbacks_enabled = district.standard.compliance_report)).
options:
  report_dir:
    description: Folder of the reports (relative paths start in the current directory).
    type: path
    default: reports
    env: [{name: DISTRICT_REPORT_DIR}]
    ini: [{section: compliance_report, key: report_dir}]
  history_db:
    description: The SQLite history of runs (made when missing); empty for none.
    type: str
    default: reports/history.sqlite
    env: [{name: DISTRICT_HISTORY_DB}]
    ini: [{section: compliance_report, key: history_db}]
  trend_runs:
    description: How many past runs the trend shows.
    type: int
    default: 10
    ini: [{section: compliance_report, key: trend_runs}]
  max_diff_lines:
    description: Lines of diff kept per host and control.
    type: int
    default: 40
    ini: [{section: compliance_report, key: max_diff_lines}]
'''

import datetime
import os

from ansible import context
from ansible.plugins.callback import CallbackBase
from ansible_collections.district.standard.plugins.module_utils import compliance as cp
from ansible_collections.district.standard.plugins.module_utils.compliance_history import record, trend
from ansible_collections.district.standard.plugins.module_utils.compliance_html import render


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'district.standard.compliance_report'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.run = cp.Run()
        self.active = False
        self.used = False
        self.done = None
        self.play = 0
        self.playbook = ''
        self.started = datetime.datetime.now()

    # What the run is

    def v2_playbook_on_start(self, playbook):
        self.playbook = os.path.basename(getattr(playbook, '_file_name', '') or '')

    def v2_playbook_on_play_start(self, play):
        self.play += 1
        play_vars = play.vars if isinstance(play.vars, dict) else {}
        self.active = bool(play_vars.get('compliance_run'))
        self.used = self.used or self.active
        if self.active:  # the play's hosts and controls, so a host that never reaches them is still reported
            try:
                inventory = play.get_variable_manager()._inventory
                self.run.play_hosts[self.play] = [h.get_name() for h in inventory.get_hosts(play.hosts)]
            except Exception:  # an Ansible without these internals: only the hosts that answer are listed
                pass
            for task in self._tasks(play.compile()):
                control = cp.control_of(task.name)
                if control:
                    self.run.expect(self.play, control[0], control[1], self._role(task))
        if play_vars.get('compliance_gate') and self.used:
            play.vars['compliance_result'] = self.finish()

    def _tasks(self, blocks):
        for block in blocks:
            for item in (block.block or []) + (block.rescue or []) + (block.always or []):
                if hasattr(item, 'block'):
                    for task in self._tasks([item]):
                        yield task
                else:
                    yield item

    @staticmethod
    def _role(task):
        return task._role.get_name(include_role_fqcn=False) if task._role else ''

    def v2_playbook_on_stats(self, stats):
        if self.used:
            self.finish()

    # Results

    def _host(self, result):
        host = result._host
        self.run.host(host.get_name(), cp.host_info(host))
        return host.get_name()

    def _handle(self, result, outcome):
        if not self.active:
            return
        name = self._host(result)
        res = result._result
        facts = res.get('ansible_facts') or {}
        if 'baseline_waivers_found' in facts:
            self.run.host(name)['waivers'] = list(facts['baseline_waivers_found'] or [])
        if 'baseline_version_installed' in facts:  # the version the host last received (baseline role)
            self.run.host(name, {'baseline_version': str(facts['baseline_version_installed'] or 'none')})
        control = cp.control_of(result._task.name)
        if outcome == 'unreachable':
            self.run.stopped(self.play, name, 'unreachable', 'unreachable: %s' % self._message(res))
        elif outcome == 'failed' and not result._task.ignore_errors and control is None:
            self.run.stopped(self.play, name, 'error', 'not checked: %s failed: %s' % (
                result._task.get_name(), self._message(res)))
        if control is None:
            return
        waiver = self.run.waiver(name, control[0])
        status = cp.classify(outcome, res, bool(waiver) and not waiver.get('expired'))
        role = self._role(result._task)
        detail = ''
        if status in ('error', 'unreachable'):
            detail = self._message(res)
        elif status == 'drift':
            detail = self._message(res, changed=True)
        self.run.record(self.play, name, control[0], control[1], role, status, detail,
                        self._diff(res) if status == 'drift' else '')

    def _message(self, res, changed=False):
        """One line on what failed or would change: the loop items concerned, else the module's message."""
        if isinstance(res.get('results'), list):
            items = [r for r in res['results'] if isinstance(r, dict) and (r.get('changed') if changed else r.get('failed'))]
            labels = [str(r.get('_ansible_item_label', r.get('item', ''))) for r in items]
            if labels:
                extra = [str(r.get('msg')) for r in items if r.get('msg') and not changed][:1]
                return ' '.join((('would change: ' if changed else 'failed: ') + ', '.join(labels[:10]) + (
                    ': ' + extra[0] if extra else '')).split())[:300]
        msg = res.get('msg') or res.get('stderr') or ''
        return '' if msg == 'All items completed' else ' '.join(str(msg).split())[:300]

    def _diff(self, res):
        diffs = []
        for part in [res] + [r for r in res.get('results') or [] if isinstance(r, dict) and r.get('changed')]:
            if part.get('diff'):
                try:
                    diffs.append(self._get_diff(part['diff']))
                except Exception:  # a module's odd diff must not lose the run's report
                    diffs.append(str(part['diff']))
        lines = '\n'.join(d for d in diffs if d).strip().splitlines()
        limit = self.get_option('max_diff_lines')
        if len(lines) > limit:
            lines = lines[:limit] + ['... (%d more lines)' % (len(lines) - limit)]
        return '\n'.join(lines)

    def v2_runner_on_ok(self, result):
        self._handle(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._handle(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._handle(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._handle(result, 'unreachable')

    # The end

    def finish(self):
        """Write the reports (once) and return the run's totals."""
        if self.done is not None:
            return self.done
        self.run.finish()
        finished = datetime.datetime.now()
        stamp = self.started.strftime('%Y%m%d-%H%M%S')
        base = os.path.abspath(self.get_option('report_dir'))
        folder = os.path.join(base, stamp)
        suffix = 1
        while os.path.exists(folder):
            suffix += 1
            folder = os.path.join(base, '%s-%d' % (stamp, suffix))
        os.makedirs(folder)
        meta = {'started': self.started.isoformat(timespec='seconds'), 'finished': finished.isoformat(timespec='seconds'),
                'playbook': self.playbook, 'scope': context.CLIARGS.get('subset') or 'all', 'report_dir': folder}
        summary = self.run.summary()
        history = self.get_option('history_db')
        trends = {}
        if history:
            record(history, meta, summary)
            trends = trend(history, self.get_option('trend_runs'))
        rows = self.run.rows()
        files = {'compliance.html': render(meta, self.run, summary, trends), 'compliance.csv': cp.to_csv(rows),
                 'compliance.json': cp.to_json(meta, self.run, summary), 'junit.xml': cp.to_junit(meta, rows)}
        for name, text in files.items():
            with open(os.path.join(folder, name), 'w', encoding='utf-8', newline='') as handle:
                handle.write(text)
        latest = os.path.join(base, 'latest')
        if os.path.islink(latest) or not os.path.exists(latest):
            if os.path.islink(latest):
                os.unlink(latest)
            os.symlink(os.path.basename(folder), latest)
        self._display.display(self.screen(summary, folder))
        district = summary.get(('district',), {'hosts': 0, 'counts': dict.fromkeys(cp.STATUSES, 0), 'pct': None})
        unreachable = sorted(host for host, plays in self.run.host_plays.items()
                             if any(status == 'unreachable' for status, _message in plays.values()))
        self.done = dict(district['counts'], hosts=district['hosts'], pct=district['pct'], report_dir=folder,
                         report=os.path.join(folder, 'compliance.html'), unreachable_hosts=unreachable)
        return self.done

    def screen(self, summary, folder):
        """The one-screen summary: per school and room, hosts, % compliant and the top drifting controls."""
        lines = ['', 'COMPLIANCE SUMMARY %s' % ('*' * 60),
                 '%-40s %6s %10s  %s' % ('school / room', 'hosts', 'compliant', 'top drifting controls')]
        for key in sorted(k for k in summary if k[0] == 'school'):
            rooms = [key] + sorted(k for k in summary if k[0] == 'room' and k[1] == key[1])
            for k in rooms:
                s = summary[k]
                label = k[1] if k[0] == 'school' else '  ' + k[2]
                top = ', '.join('%s (%d)' % (c, n) for c, n in s['top_drift']) or '-'
                lines.append('%-40s %6d %9s%%  %s' % (label[:40], s['hosts'], '-' if s['pct'] is None else s['pct'], top))
        d = summary.get(('district',))
        if d:
            c = d['counts']
            lines.append('%-40s %6d %9s%%  drift %d, error %d, unreachable %d, waived %d' % (
                'ALL', d['hosts'], '-' if d['pct'] is None else d['pct'], c['drift'], c['error'], c['unreachable'],
                c['waived']))
        lines.append('Report: %s' % os.path.join(folder, 'compliance.html'))
        return '\n'.join(lines)
