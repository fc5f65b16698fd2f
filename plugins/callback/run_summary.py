# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: run_summary
type: aggregate
short_description: A table of what a lab run or a rollout did to each host, with asset tags
description:
  - Records only plays with the play variable C(run_summary) set to true (C(playbooks/lab.yml),
    C(playbooks/district_baseline.yml), C(playbooks/patch.yml)).
  - Each host of those plays ends as C(enforced) (something changed), C(unchanged), C(failed), C(unreachable)
    (an unreachable result, or it did not come up while the play waited for it) or C(not run) (the run stopped
    before its turn, as a staged rollout does when a batch fails).
  - At the end it prints the table (hostname, asset tag, school, room, first error), the counts, and for a staged
    run that stopped, the batch where it stopped and its hosts; it writes the table to
    C(<report_dir>/<timestamp>/<playbook>-summary.csv).
requirements:
  - enabled in ansible.cfg (C(callbacks_enabled))
options:
  report_dir:
    description: Folder of the reports (a timestamped folder is made in it).
    type: path
    default: reports
    env: [{name: DISTRICT_REPORT_DIR}]
    ini: [{section: compliance_report, key: report_dir}]
'''

import datetime
import os

from ansible.plugins.callback import CallbackBase
from ansible_collections.district.standard.plugins.plugin_utils import run_summary as rs
from ansible_collections.district.standard.plugins.plugin_utils.host_info import host_info
from ansible_collections.district.standard.plugins.plugin_utils.personal_data import personal_values, redact
from ansible_collections.district.standard.plugins.plugin_utils.private_files import private_dir, private_open


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'district.standard.run_summary'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.summary = rs.Summary()
        self.active = False
        self.used = False
        self.playbook = 'run'
        self.started = datetime.datetime.now()
        self.limits = {}
        self.personal = {}  # host -> its personal sheet values, kept out of the table

    def v2_playbook_on_start(self, playbook):
        name = os.path.basename(getattr(playbook, '_file_name', '') or '')
        self.playbook = os.path.splitext(name)[0] or 'run'

    def v2_playbook_on_play_start(self, play):
        """Called once per play, and once per batch of a play with serial."""
        play_vars = play.vars if isinstance(play.vars, dict) else {}
        self.active = bool(play_vars.get('run_summary'))
        if not self.active:
            return
        self.used = True
        self.summary.batch(play.get_name())
        self.limits[play.get_name()] = play.max_fail_percentage
        try:  # every host of the play, so the ones never reached are listed too
            inventory = play.get_variable_manager()._inventory
            hosts = inventory.get_hosts(play.hosts, ignore_restrictions=True)
            self.summary.expect([h.get_name() for h in hosts],
                                dict((h.get_name(), host_info(h)) for h in hosts))
        except Exception:  # an Ansible without these internals: only the hosts that answer are listed
            pass

    def _record(self, result, outcome):
        if not self.active:
            return
        res = result._result
        if outcome == 'ok' and res.get('changed'):
            outcome = 'changed'
        failed_items = [r for r in res.get('results') or [] if isinstance(r, dict) and r.get('failed')]
        if outcome != 'ok' and failed_items:  # a loop: the first item that failed says more than its summary
            res = failed_items[0]
        message = str(res.get('msg') or res.get('stderr') or '').strip().splitlines()
        name = result._host.get_name()
        if name not in self.personal:
            self.personal[name] = personal_values(result._host.vars)
        self.summary.result(name, outcome, redact(message[0], self.personal[name]) if message else '',
                            result._task.action, host_info(result._host))

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        # a machine that did not come up while the play waited for it is unreachable, even when the play goes on
        waited = result._task.action in rs.WAITING
        self._record(result, 'failed' if waited or not ignore_errors else 'ok')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')

    def v2_playbook_on_stats(self, stats):
        if not self.used:
            return
        rows = self.summary.rows()
        counts = self.summary.counts()
        lines = ['', 'RUN SUMMARY (%s)' % self.playbook, rs.table(rows),
                 ', '.join('%s %d' % (status, count) for status, count in counts.items())]
        stopped = self.summary.stopped_at()
        if stopped:
            limit = self.limits.get(stopped['play'])
            lines.append('STOPPED in "%s", batch of %d hosts (%s): %d failed or unreachable (%s)%s; the %d hosts '
                         'marked "not run" were not touched.' % (
                             stopped['play'], len(stopped['hosts']), ', '.join(stopped['hosts']),
                             len(stopped['failed']), ', '.join(stopped['failed']),
                             '' if limit is None else ', over max_fail_percentage %s' % limit, counts['not run']))
        folder = os.path.join(os.path.abspath(self.get_option('report_dir')), self.started.strftime('%Y%m%d-%H%M%S'))
        try:
            private_dir(folder)
            path = os.path.join(folder, '%s-summary.csv' % self.playbook)
            with private_open(path, 'w', newline='') as handle:
                handle.write(rs.to_csv(rows))
            lines.append('Summary written to %s' % path)
        except OSError as error:
            lines.append('Could not write the summary CSV: %s' % error)
        self._display.display('\n'.join(lines))
