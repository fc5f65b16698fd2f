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
  - At the end it prints a one-screen summary per school (and per room when the run has one school) and writes
    into C(<report_dir>/<timestamp>/) C(compliance.html) (the district index with one line per school, or the
    school's own page when the run has one school), C(compliance.csv), C(compliance.json) and C(junit.xml) for
    the whole run, and for each school of a run of several C(schools/<school>/) with its page and its own CSV,
    JSON and JUnit. It points C(<report_dir>/latest) at the folder, appends the run (one row per run, school
    and room) to the history database, and removes the oldest run folders beyond C(report_keep).
  - Memory holds one byte per host and control; messages and diffs wait in a spool on disk. Diffs are cut to
    C(max_diff_lines) on the pages and in the district-wide files; a school's own files hold them whole.
  - Every folder it makes is 0700 and every file 0600, whatever the umask. The value of the host's
    C(asset_assigned_to), C(asset_notes) and personal C(asset_extra) columns is replaced by its column name
    wherever it occurs in a diff or a message.
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
    description: Lines of diff per host and control on the pages and in the district-wide files (a school's
      own compliance.json and junit.xml hold the whole diff).
    type: int
    default: 40
    ini: [{section: compliance_report, key: max_diff_lines}]
  report_keep:
    description: How many compliance run folders to keep in C(report_dir); older ones are removed at the end of
      a run. The history database, C(latest) and other playbooks' folders are never removed. 0 keeps all.
    type: int
    default: 30
    env: [{name: DISTRICT_REPORT_KEEP}]
    ini: [{section: compliance_report, key: report_keep}]
'''

import datetime
import os

from ansible import context
from ansible.plugins.callback import CallbackBase
from ansible_collections.district.standard.plugins.plugin_utils import compliance as cp
from ansible_collections.district.standard.plugins.plugin_utils.compliance_files import write_reports
from ansible_collections.district.standard.plugins.plugin_utils.compliance_history import record, trend
from ansible_collections.district.standard.plugins.plugin_utils.host_info import host_info
from ansible_collections.district.standard.plugins.plugin_utils.compliance_run import Run
from ansible_collections.district.standard.plugins.plugin_utils.personal_data import personal_values, redact
from ansible_collections.district.standard.plugins.plugin_utils.private_files import (
    prune_reports, report_folder)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'district.standard.compliance_report'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.run = None
        self.folder = None
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
        if self.active and self.run is None:
            self.folder = report_folder(os.path.abspath(self.get_option('report_dir')), self.started)
            self.run = Run(os.path.join(self.folder, '.spool'))
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
                    yield from self._tasks([item])
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
        name = host.get_name()
        if name not in self.run.hosts:
            self.run.host(name, host_info(host)).personal = personal_values(host.vars)
        return name

    def _handle(self, result, outcome):
        if not self.active:
            return
        name = self._host(result)
        res = result._result
        facts = res.get('ansible_facts') or {}
        if 'baseline_waivers_found' in facts:
            self.run.set_waivers(name, facts['baseline_waivers_found'])
        if 'baseline_version_installed' in facts:  # the version the host last received (baseline role)
            self.run.host(name, {'baseline_version': str(facts['baseline_version_installed'] or 'none')})
        control = cp.control_of(result._task.name)
        personal = self.run.hosts[name].personal
        if outcome == 'unreachable':
            self.run.stopped(self.play, name, 'unreachable', 'unreachable: %s' % self._message(res, personal))
        elif outcome == 'failed' and not result._task.ignore_errors and control is None:
            self.run.stopped(self.play, name, 'error', 'not checked: %s failed: %s' % (
                result._task.get_name(), self._message(res, personal)))
        if control is None:
            return
        waiver = self.run.waiver(name, control[0])
        status = cp.classify(outcome, res, bool(waiver) and not waiver.get('expired'))
        role = self._role(result._task)
        detail = ''
        if status in ('error', 'unreachable'):
            detail = self._message(res, personal)
        elif status == 'drift':
            detail = self._message(res, personal, changed=True)
        self.run.record(self.play, name, control[0], control[1], role, status, detail,
                        redact(self._diff(res), personal) if status == 'drift' else '')

    def _message(self, res, personal, changed=False):
        """One line (300 characters at most, PERSONAL values redacted first) on what failed or would change."""
        return redact(self._text(res, changed), personal)[:300]

    @staticmethod
    def _text(res, changed):
        """What failed or would change: the loop items concerned, else the module's message."""
        if isinstance(res.get('results'), list):
            items = [r for r in res['results'] if isinstance(r, dict) and (r.get('changed') if changed else r.get('failed'))]
            labels = [str(r.get('_ansible_item_label', r.get('item', ''))) for r in items]
            if labels:
                extra = [str(r.get('msg')) for r in items if r.get('msg') and not changed][:1]
                return ' '.join((('would change: ' if changed else 'failed: ') + ', '.join(labels[:10]) + (
                    ': ' + extra[0][:1000] if extra else '')).split())
        msg = str(res.get('msg') or res.get('stderr') or '')[:2000]
        return '' if msg == 'All items completed' else ' '.join(msg.split())

    def _diff(self, res):
        diffs = []
        for part in [res] + [r for r in res.get('results') or [] if isinstance(r, dict) and r.get('changed')]:
            if part.get('diff'):
                try:
                    diffs.append(self._get_diff(part['diff']))
                except Exception:  # a module's odd diff must not lose the run's report
                    diffs.append(str(part['diff']))
        return '\n'.join(d for d in diffs if d).strip()

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
        base, folder = os.path.dirname(self.folder), self.folder
        meta = {'started': self.started.isoformat(timespec='seconds'), 'finished': finished.isoformat(timespec='seconds'),
                'playbook': self.playbook, 'scope': context.CLIARGS.get('subset') or 'all', 'report_dir': folder}
        summary = self.run.summary()
        history = self.get_option('history_db')
        trends = {}, {}
        if history:
            record(history, meta, summary)
            trends = trend(history, self.get_option('trend_runs'))
        try:
            write_reports(folder, meta, self.run, summary, trends, self.get_option('max_diff_lines'))
        finally:
            self.run.close()
        latest = os.path.join(base, 'latest')
        if os.path.islink(latest) or not os.path.exists(latest):
            if os.path.islink(latest):
                os.unlink(latest)
            os.symlink(os.path.basename(folder), latest)
        # a folder with only .spool: a run that died before its reports
        prune_reports(base, self.get_option('report_keep'), ('compliance.json', '.spool'),
                      spare=[folder, os.path.abspath(history) if history else None])
        self._display.display(self.screen(summary, folder))
        district = summary[('district',)]
        unreachable = sorted(host for host, plays in self.run.host_plays.items()
                             if any(status == 'unreachable' for status, _message in plays.values()))
        self.done = dict(district['counts'], hosts=district['hosts'], pct=district['pct'], report_dir=folder,
                         report=os.path.join(folder, 'compliance.html'), unreachable_hosts=unreachable)
        return self.done

    def screen(self, summary, folder):
        """The one-screen summary: per school (and room, for a run of one school), hosts, % compliant and the
        top drifting controls."""
        schools = sorted(k for k in summary if k[0] == 'school')
        lines = ['', 'COMPLIANCE SUMMARY %s' % ('*' * 60),
                 '%-40s %6s %10s  %s' % ('school / room' if len(schools) == 1 else 'school', 'hosts', 'compliant',
                                         'top drifting controls')]
        for key in schools:
            rooms = sorted(k for k in summary if k[0] == 'room' and k[1] == key[1]) if len(schools) == 1 else []
            for k in [key] + rooms:
                s = summary[k]
                label = k[1] if k[0] == 'school' else '  ' + k[2]
                top = ', '.join('%s (%d)' % (c, n) for c, n in s['top_drift'][:3]) or '-'
                lines.append('%-40s %6d %9s%%  %s' % (label[:40], s['hosts'], '-' if s['pct'] is None else s['pct'], top))
        d = summary[('district',)]
        if d['hosts']:
            c = d['counts']
            lines.append('%-40s %6d %9s%%  drift %d, error %d, unreachable %d, waived %d, managed-by-mdm %d, '
                         'needs-edition %d' % ('ALL', d['hosts'], '-' if d['pct'] is None else d['pct'], c['drift'],
                                               c['error'], c['unreachable'], c['waived'], c['managed-by-mdm'],
                                               c['needs-edition']))
        lines.append('Report: %s' % os.path.join(folder, 'compliance.html'))
        return '\n'.join(lines)
