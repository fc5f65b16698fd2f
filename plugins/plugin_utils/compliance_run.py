# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every host x control of one compliance run, kept small enough for a district (10,000 hosts x 80 controls).

Memory holds one byte per host and control (the status's index in compliance.STATUSES; NONE where the host
has no result for the control), the hosts' sheet facts and waivers (shared between hosts that have the same),
and the controls. What would grow with the drift (the message and diff of each drifting or failing cell) goes
to a spool on disk, one file per school, and is read back one school at a time when the reports are written.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

from ansible_collections.district.standard.plugins.plugin_utils.compliance import (
    CHECKED, NO_ROOM, NO_SCHOOL, STATUSES, pct)
from ansible_collections.district.standard.plugins.plugin_utils.private_files import private_dir, private_open

NONE = 255
CODE = dict((status, index) for index, status in enumerate(STATUSES))
DRIFT, ERROR, UNREACHABLE = CODE['drift'], CODE['error'], CODE['unreachable']
DETAILED = frozenset((UNREACHABLE, ERROR, DRIFT))  # the statuses whose message and diff are kept
BAD = tuple(CODE[s] for s in CHECKED if s != 'compliant')  # a host with one of these is not fully compliant
OPEN_FILES = 64


class Host(object):
    __slots__ = ('school', 'room', 'asset_tag', 'baseline_version', 'problem', 'waivers', 'personal')

    def __init__(self):
        self.school, self.room, self.asset_tag, self.baseline_version = NO_SCHOOL, NO_ROOM, '', ''
        self.problem, self.waivers, self.personal = '', (), ()

    def info(self):
        return {'school': self.school, 'room': self.room, 'asset_tag': self.asset_tag,
                'baseline_version': self.baseline_version, 'problem': self.problem, 'waivers': list(self.waivers)}


class Spool(object):
    """Events appended to one JSON-lines file per key (a school) in FOLDER, read back per key."""

    def __init__(self, folder):
        self.folder = folder
        self.names = {}
        self.open = {}

    def add(self, key, event):
        handle = self.open.get(key)
        if handle is None:
            if len(self.open) >= OPEN_FILES:
                self.open.pop(next(iter(self.open))).close()
            if key not in self.names:
                private_dir(self.folder)
                self.names[key] = os.path.join(self.folder, '%d.jsonl' % len(self.names))
            handle = self.open[key] = private_open(self.names[key], 'a', encoding='utf-8')
        handle.write(json.dumps(event, separators=(',', ':')) + '\n')

    def read(self, key):
        if key in self.open:
            self.open.pop(key).close()
        if key not in self.names:
            return
        with open(self.names[key], encoding='utf-8') as handle:
            for line in handle:
                yield json.loads(line)

    def close(self):
        for handle in self.open.values():
            handle.close()
        self.open = {}
        shutil.rmtree(self.folder, ignore_errors=True)


class Run(object):
    """The statuses of one run. SPOOL_DIR: where messages and diffs wait for the reports (removed by close())."""

    def __init__(self, spool_dir):
        self.hosts = {}          # name -> Host
        self.controls = {}       # id -> {title, role}
        self.columns = {}        # control id -> column in the hosts' status bytes
        self.cells = {}          # host -> bytearray of status codes, one per column
        self.play_controls = {}  # play number -> {column it checks: True}, in order
        self.host_plays = {}     # host -> {play number: (status, message)} when the host stopped in that play
        self.play_hosts = {}     # play number -> [hosts it targets], when known
        self.filled = {}         # host -> {column: play number} for the controls it never reached
        self.spool = Spool(spool_dir)
        self._waivers = {}

    def host(self, name, info=None):
        entry = self.hosts.get(name)
        if entry is None:
            entry = self.hosts[name] = Host()
        for key, value in (info or {}).items():
            if value not in (None, ''):
                setattr(entry, key, sys.intern(value) if isinstance(value, str) else value)
        return entry

    def set_waivers(self, name, waivers):
        """The waivers found for host NAME (dicts: control, reason, owner, expires, expired, source); hosts
        with the same waivers (a school's, the district's) share one copy."""
        waivers = [w for w in waivers or [] if isinstance(w, dict)]
        key = json.dumps(waivers, sort_keys=True, default=str)
        shared = self._waivers.get(key)
        if shared is None:
            shared = self._waivers[key] = tuple(dict(w) for w in waivers)
        self.host(name).waivers = shared

    def waiver(self, host, control):
        entry = self.hosts.get(host)
        return next((w for w in entry.waivers if w.get('control') == control), None) if entry else None

    def expect(self, play, control, title, role):
        """CONTROL is among the controls PLAY checks; returns its column."""
        column = self.columns.get(control)
        if column is None:
            column = self.columns[control] = len(self.columns)
            self.controls[control] = {'title': title, 'role': role or ''}
        self.play_controls.setdefault(play, {})[column] = True
        return column

    def status(self, host, column):
        cells = self.cells.get(host)
        return cells[column] if cells is not None and column < len(cells) else NONE

    def _set(self, host, column, code):
        cells = self.cells.get(host)
        if cells is None:
            self.host(host)
            cells = self.cells[host] = bytearray([NONE]) * len(self.columns)
        if column >= len(cells):
            cells.extend(bytearray([NONE]) * (len(self.columns) - len(cells)))
        if code < cells[column]:
            cells[column] = code

    def record(self, play, host, control, title, role, status, detail='', diff=''):
        """The result of one task of CONTROL on HOST: the worst status of a control's tasks is its status."""
        column = self.expect(play, control, title, role)
        code = CODE[status]
        self._set(host, column, code)
        if code in DETAILED and (detail or diff):
            self.spool.add(self.host(host).school, [host, column, code, detail, diff])

    def stopped(self, play, host, status, message):
        """HOST stopped in PLAY (unreachable, or failed at a task): its unchecked controls get STATUS."""
        self.host(host).problem = message
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
            for play, (status, _message) in plays.items():
                for column in self.play_controls.get(play, []):
                    if self.status(host, column) == NONE:
                        self._set(host, column, CODE[status])
                        self.filled.setdefault(host, {})[column] = play

    def close(self):
        self.spool.close()

    # Reading the run back

    def schools(self):
        """{school: [(room, host), ...] sorted}, schools in order."""
        out = {}
        for name, entry in self.hosts.items():
            out.setdefault(entry.school, []).append((entry.room, name))
        return dict((school, sorted(out[school])) for school in sorted(out))

    def details(self, school):
        """{(host, column): (code, detail, diff)} of SCHOOL's drifting and failing cells, from the spool: the
        message of the worst task of a control, the diffs of all its drifting tasks."""
        out = {}
        for host, column, code, detail, diff in self.spool.read(school):
            cell = out.get((host, column))
            if cell is None or code < cell[0]:
                out[(host, column)] = (code, detail, diff)
            elif code == cell[0] == DRIFT and diff:
                out[(host, column)] = (code, cell[1], (cell[2] + '\n' + diff).strip())
        return out

    def rows(self, school, hosts):
        """One dict per host x control of SCHOOL (HOSTS: its [(room, host)]), in room, host, control order."""
        details = self.details(school)
        order = sorted(self.controls)
        for room, host in hosts:
            entry = self.hosts[host]
            for control in order:
                column = self.columns[control]
                code = self.status(host, column)
                if code == NONE:
                    continue
                cell = details.get((host, column))
                detail, diff = (cell[1], cell[2]) if cell is not None and cell[0] == code else ('', '')
                if not detail and column in self.filled.get(host, ()):
                    detail = self.host_plays[host][self.filled[host][column]][1]
                waiver = self.waiver(host, control) or {}
                yield dict(school=school, room=room, host=host, asset_tag=entry.asset_tag,
                           baseline_version=entry.baseline_version, control=control,
                           title=self.controls[control]['title'], role=self.controls[control]['role'],
                           status=STATUSES[code], detail=detail, diff=diff,
                           waiver_reason=waiver.get('reason', ''), waiver_owner=waiver.get('owner', ''),
                           waiver_expires=waiver.get('expires', ''), waiver_expired=bool(waiver.get('expired')))

    def summary(self):
        """Counts per status for the district, each school and each room (school, room), plus the hosts, the
        hosts fully compliant (every checked control compliant), and the most drifting controls (3; 10 for the
        district, with the number of schools where each drifts). The district is always there, with no hosts
        in a run where none answered."""
        groups = {('district',): {'counts': [0] * len(STATUSES), 'hosts': 0, 'bad': 0, 'drifting': {}, 'schools': {}}}
        ids = dict((column, control) for control, column in self.columns.items())
        for name, entry in self.hosts.items():
            cells = self.cells.get(name, b'')
            counts = [cells.count(code) for code in range(len(STATUSES))]
            drifting = [ids[i] for i, code in enumerate(cells) if code == DRIFT] if counts[DRIFT] else ()
            bad = bool(entry.problem) or any(counts[code] for code in BAD)
            for key in (('district',), ('school', entry.school), ('room', entry.school, entry.room)):
                g = groups.get(key)
                if g is None:
                    g = groups[key] = {'counts': [0] * len(STATUSES), 'hosts': 0, 'bad': 0, 'drifting': {},
                                       'schools': {}}
                g['hosts'] += 1
                g['bad'] += bad
                for code, n in enumerate(counts):
                    g['counts'][code] += n
                for control in drifting:
                    g['drifting'][control] = g['drifting'].get(control, 0) + 1
                    if key[0] == 'district':
                        g['schools'].setdefault(control, set()).add(entry.school)
        out = {}
        for key, g in groups.items():
            counts = dict(zip(STATUSES, g['counts'], strict=True))
            top = sorted(g['drifting'].items(), key=lambda kv: (-kv[1], kv[0]))[:10 if key[0] == 'district' else 3]
            out[key] = {'hosts': g['hosts'], 'hosts_compliant': g['hosts'] - g['bad'], 'counts': counts,
                        'pct': pct(counts), 'top_drift': top}
            if key[0] == 'district':
                out[key]['drift_schools'] = dict((c, len(g['schools'][c])) for c, _n in top)
        return out

    def expired_waivers(self, hosts=None):
        """[(waiver, [hosts])] of the expired waivers of HOSTS (names; every host when None), one entry per
        distinct waiver. A school's page passes its own hosts: the pages of a run walk each host once."""
        found = {}
        for name in self.hosts if hosts is None else hosts:
            for waiver in self.hosts[name].waivers:
                if waiver.get('expired'):
                    key = tuple(str(waiver.get(k, '')) for k in ('control', 'reason', 'owner', 'expires', 'source'))
                    found.setdefault(key, (waiver, []))[1].append(name)
        return [(w, sorted(hosts)) for _k, (w, hosts) in sorted(found.items())]
