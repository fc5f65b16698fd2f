# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Values the sheet holds on more than one row, by the `duplicates` policy of their field.

A value on many rows is ONE problem line naming its first rows and how many more, so the report grows with
the rows, never with their square. Hostnames are unique among hosts, printer names among printers (a screen
or projector sharing a PC's name is no duplicate); asset tags, serials, MACs and IPs are checked across every
live row, host or not. Placeholders are blank by then: never duplicates.

Policies: keep_first (the first row stays, the others are skipped), skip (every row involved is skipped),
warn (every row stays, the line is reported), ignore.
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.plugin_utils.sheet_text import quote

SHOWN_ROWS = 10
# field, the rows it is unique among (None: every live row), its name in a message
CHECKS = (('hostname', 'host', 'hostname'), ('hostname', 'printer', 'printer name'), ('ip', None, 'IP'),
          ('mac', None, 'MAC'), ('asset_tag', None, 'asset tag'), ('serial', None, 'serial'))
OUTCOME = {
    'keep_first': 'the first is kept, the others are skipped',
    'skip': 'every one is skipped',
    'warn': 'all are kept',
}
SKIP_WHY = {'ip': ' (Ansible would reach the wrong machine)'}


def row_list(rows):
    """'row 5, row 9, b.csv:row 3 and 96 more': the first rows, named relative to the first row's sheet."""
    label = rows[0].plan.label
    names = [('row %d' % row.number) if row.plan.label == label else row.where for row in rows[:SHOWN_ROWS]]
    more = len(rows) - SHOWN_ROWS
    return ', '.join(names) + (' and %d more' % more if more > 0 else '')


def duplicates(rows, policies):
    """[(first row's order, line)] for every duplicated value; rows a policy skips get .dropped = True."""
    lines = []
    for field, kind, title in CHECKS:
        policy = policies[field]
        if policy == 'ignore':
            continue
        seen = {}
        for row in rows:
            if kind is not None and row.kind != kind:
                continue
            value = row.cells.get(field)
            if value:
                seen.setdefault(value, []).append(row)
        for value, group in seen.items():
            if len(group) < 2:
                continue
            first = group[0]
            if policy == 'skip':
                dropped = group
            elif policy == 'keep_first':
                dropped = group[1:]
            else:
                dropped = []
            for row in dropped:
                row.dropped = True
            outcome = OUTCOME[policy] + (SKIP_WHY.get(field, '') if dropped else '')
            lines.append((first.order, '%s: %s: %s %s is on %d rows: %s; %s' % (
                first.where, first.column(field), title, quote(value), len(group), row_list(group), outcome)))
    return lines
