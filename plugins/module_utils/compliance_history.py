# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history of compliance runs in SQLite: one row per run and one per school of each run, for the trend."""

from __future__ import annotations

import os
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL, finished TEXT NOT NULL, playbook TEXT, scope TEXT, report_dir TEXT,
    hosts INTEGER, hosts_compliant INTEGER, compliant INTEGER, drift INTEGER, error INTEGER,
    unreachable INTEGER, waived INTEGER, not_applicable INTEGER, pct REAL
);
CREATE TABLE IF NOT EXISTS school_runs (
    run_id INTEGER NOT NULL REFERENCES runs(id), school TEXT NOT NULL,
    hosts INTEGER, hosts_compliant INTEGER, compliant INTEGER, drift INTEGER, error INTEGER,
    unreachable INTEGER, waived INTEGER, not_applicable INTEGER, pct REAL,
    PRIMARY KEY (run_id, school)
);
"""
COUNTS = ('compliant', 'drift', 'error', 'unreachable', 'waived', 'not_applicable')


def record(path, meta, summary):
    """Append this run (META: started, finished, playbook, scope, report_dir; SUMMARY: Run.summary()) to the
    database at PATH (made when missing). Returns the run's id."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        district = summary.get(('district',)) or {'hosts': 0, 'hosts_compliant': 0, 'counts': {}, 'pct': None}
        cur = db.execute(
            'INSERT INTO runs (started, finished, playbook, scope, report_dir, hosts, hosts_compliant, %s, pct) '
            'VALUES (?, ?, ?, ?, ?, ?, ?, %s, ?)' % (', '.join(COUNTS), ', '.join('?' * len(COUNTS))),
            [meta['started'], meta['finished'], meta.get('playbook'), meta.get('scope'), meta.get('report_dir'),
             district['hosts'], district['hosts_compliant']] + [district['counts'].get(c, 0) for c in COUNTS]
            + [district['pct']])
        run_id = cur.lastrowid
        for key, value in summary.items():
            if key[0] == 'school':
                db.execute('INSERT INTO school_runs VALUES (?, ?, ?, ?, %s, ?)' % ', '.join('?' * len(COUNTS)),
                           [run_id, key[1], value['hosts'], value['hosts_compliant']]
                           + [value['counts'].get(c, 0) for c in COUNTS] + [value['pct']])
    return run_id


def trend(path, runs=10):
    """{school: [(started, pct), ...]} over the last RUNS runs that checked the school, oldest first."""
    if not os.path.exists(path):
        return {}
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        rows = db.execute('SELECT s.school, r.started, s.pct FROM school_runs s JOIN runs r ON r.id = s.run_id '
                          'ORDER BY r.id').fetchall()
    out = {}
    for school, started, value in rows:
        out.setdefault(school, []).append((started, value))
    return dict((school, points[-runs:]) for school, points in out.items())
