# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What happened to each host of a lab run or a rollout, for the run_summary callback.

    summary = Summary()
    summary.batch('Rollout - canary')                      # a play, or one serial batch of it, starts
    summary.expect(['pc01', 'pc02'], info)                 # hosts the run is meant to reach
    summary.result('pc01', 'ok' | 'changed' | 'failed' | 'unreachable', message, action)
    summary.rows()  -> [{status, host, asset_tag, school, room, detail}]

Status of a host: unreachable (an unreachable result, or it did not come back while waiting for it), failed,
enforced (something changed), unchanged, or not run (the run ended before reaching it).
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.plugin_utils.report_csv import csv_text

STATUSES = ('failed', 'unreachable', 'not run', 'enforced', 'unchanged')
WAITING = frozenset(('wait_for_connection', 'ansible.builtin.wait_for_connection'))
FIELDS = ('status', 'host', 'asset_tag', 'school', 'room', 'detail')


class Summary(object):
    def __init__(self):
        self.hosts = {}    # name -> {asset_tag, school, room, changed, failed, unreachable, detail, seen}
        self.batches = []  # [{'play', 'hosts': [names that reported], 'failed': [names]}]

    def _host(self, name, info=None):
        entry = self.hosts.setdefault(name, {'asset_tag': '', 'school': '', 'room': '', 'changed': 0, 'seen': False,
                                             'failed': False, 'unreachable': False, 'detail': ''})
        for key, value in (info or {}).items():
            if value:
                entry[key] = value
        return entry

    def batch(self, play):
        self.batches.append({'play': play, 'hosts': [], 'failed': []})

    def expect(self, names, info=None):
        for name in names:
            self._host(name, (info or {}).get(name))

    def result(self, name, outcome, message='', action='', info=None):
        entry = self._host(name, info)
        entry['seen'] = True
        if self.batches and name not in self.batches[-1]['hosts']:
            self.batches[-1]['hosts'].append(name)
        if outcome == 'changed':
            entry['changed'] += 1
        elif outcome == 'unreachable' or (outcome == 'failed' and action in WAITING):
            entry['unreachable'] = True
            entry['detail'] = entry['detail'] or ('did not come up: %s' % message if outcome == 'failed' else message)
        elif outcome == 'failed':
            entry['failed'] = True
            entry['detail'] = entry['detail'] or message
        if outcome in ('failed', 'unreachable') and self.batches and name not in self.batches[-1]['failed']:
            self.batches[-1]['failed'].append(name)

    def status(self, name):
        entry = self.hosts[name]
        if entry['unreachable']:
            return 'unreachable'
        if entry['failed']:
            return 'failed'
        if not entry['seen']:
            return 'not run'
        return 'enforced' if entry['changed'] else 'unchanged'

    def rows(self):
        order = dict((status, index) for index, status in enumerate(STATUSES))
        rows = [dict(status=self.status(name), host=name, asset_tag=entry['asset_tag'], school=entry['school'],
                     room=entry['room'], detail=entry['detail']) for name, entry in self.hosts.items()]
        return sorted(rows, key=lambda row: (order[row['status']], row['school'], row['room'], row['host']))

    def counts(self):
        found = dict((status, 0) for status in STATUSES)
        for name in self.hosts:
            found[self.status(name)] += 1
        return found

    def stopped_at(self):
        """The last batch with a failure when some hosts were never run: where a staged run stopped, else None."""
        if not any(self.status(name) == 'not run' for name in self.hosts):
            return None
        failing = [batch for batch in self.batches if batch['failed']]
        return failing[-1] if failing else None


def table(rows):
    """The rows as a plain text table."""
    widths = dict((field, max([len(field)] + [len(str(row[field])) for row in rows])) for field in FIELDS)
    widths['detail'] = min(widths['detail'], 70)
    line = '  '.join('%-*s' % (widths[field], field.replace('_', ' ')) for field in FIELDS).rstrip()
    out = [line, '-' * len(line)]
    for row in rows:
        out.append('  '.join('%-*s' % (widths[f], str(row[f])[:widths[f]]) for f in FIELDS).rstrip())
    return '\n'.join(out)


def to_csv(rows):
    return csv_text(FIELDS, rows)
