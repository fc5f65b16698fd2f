# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history of compliance runs in SQLite, for the trend: one row per run, and one per run and school and
per run and room (never one per host or control), so a district of 40 schools and 1,200 rooms adds about
1,200 short rows a run. A count column per status of compliance.STATUSES ('managed-by-mdm' is
managed_by_mdm); a database made by an older version gets the missing columns, and its school_runs rows move
to place_runs. The file is made 0600 in a 0700 folder."""

from __future__ import annotations

import os
import sqlite3

from ansible_collections.district.standard.plugins.plugin_utils.compliance import STATUSES
from ansible_collections.district.standard.plugins.plugin_utils.private_files import private_dir, private_file

COLUMNS = tuple(s.replace('-', '_') for s in STATUSES)
COUNTS = ', '.join('%s INTEGER NOT NULL DEFAULT 0' % c for c in COLUMNS)
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL, finished TEXT NOT NULL, playbook TEXT, scope TEXT, report_dir TEXT,
    hosts INTEGER, hosts_compliant INTEGER, %(counts)s, pct REAL
);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, school TEXT NOT NULL, room TEXT NOT NULL, UNIQUE (school, room)
);
CREATE TABLE IF NOT EXISTS place_runs (
    run_id INTEGER NOT NULL REFERENCES runs(id), place_id INTEGER NOT NULL REFERENCES places(id),
    hosts INTEGER, hosts_compliant INTEGER, %(counts)s, pct REAL,
    PRIMARY KEY (run_id, place_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS place_runs_by_place ON place_runs (place_id, run_id);
""" % {'counts': COUNTS}
SCHOOL = ''  # the room of a place that is a whole school


def connect(path):
    """The database at PATH, made (0600, its folder 0700) and brought up to date when needed."""
    if not os.path.exists(path):
        private_dir(os.path.dirname(os.path.abspath(path)))
        private_file(path)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    for table in ('runs', 'place_runs'):
        have = set(row[1] for row in db.execute('PRAGMA table_info(%s)' % table))
        for column in COLUMNS:
            if column not in have:
                db.execute('ALTER TABLE %s ADD COLUMN %s INTEGER NOT NULL DEFAULT 0' % (table, column))
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'school_runs'").fetchone():
        _move_school_runs(db)
    db.commit()
    return db


def _move_school_runs(db):
    """Rows of the older school_runs table (same counts, school by name) into place_runs."""
    have = [row[1] for row in db.execute('PRAGMA table_info(school_runs)')]
    counts = [c for c in COLUMNS if c in have]
    db.execute('INSERT OR IGNORE INTO places (school, room) SELECT DISTINCT school, ? FROM school_runs', [SCHOOL])
    db.execute('INSERT OR IGNORE INTO place_runs (run_id, place_id, hosts, hosts_compliant, pct, %s) '
               'SELECT s.run_id, p.id, s.hosts, s.hosts_compliant, s.pct, %s FROM school_runs s '
               'JOIN places p ON p.school = s.school AND p.room = ?' % (
                   ', '.join(counts), ', '.join('s.' + c for c in counts)), [SCHOOL])
    db.execute('DROP TABLE school_runs')


def _values(entry):
    return [entry['hosts'], entry['hosts_compliant']] + [entry['counts'].get(s, 0) for s in STATUSES] + [entry['pct']]


def record(path, meta, summary):
    """Append this run (META: started, finished, playbook, scope, report_dir; SUMMARY: Run.summary()) to the
    database at PATH. Returns the run's id."""
    db = connect(path)
    try:
        with db:
            district = summary[('district',)]
            marks = ', '.join('?' * (len(COLUMNS) + 3))
            run_id = db.execute(
                'INSERT INTO runs (started, finished, playbook, scope, report_dir, hosts, hosts_compliant, %s, pct) '
                'VALUES (?, ?, ?, ?, ?, %s)' % (', '.join(COLUMNS), marks),
                [meta['started'], meta['finished'], meta.get('playbook'), meta.get('scope'), meta.get('report_dir')]
                + _values(district)).lastrowid
            places = dict(((school, room), number) for number, school, room in
                          db.execute('SELECT id, school, room FROM places'))
            for key, entry in sorted(summary.items()):
                if key[0] == 'district':
                    continue
                place = (key[1], key[2] if key[0] == 'room' else SCHOOL)
                if place not in places:
                    places[place] = db.execute('INSERT INTO places (school, room) VALUES (?, ?)', place).lastrowid
                db.execute('INSERT INTO place_runs (run_id, place_id, hosts, hosts_compliant, %s, pct) VALUES '
                           '(?, ?, %s)' % (', '.join(COLUMNS), marks), [run_id, places[place]] + _values(entry))
    finally:
        db.close()
    return run_id


def trend(path, runs=10):
    """{school: [(started, pct), ...]} and {(school, room): [...]} over the last RUNS runs that checked each
    school or room, oldest first: (schools, rooms)."""
    if not path or not os.path.exists(path):
        return {}, {}
    db = connect(path)
    try:
        # per place, the run before its last RUNS, then the rows after it: two walks of the (place_id, run_id)
        # index per place, so a year of runs costs no more than ten (CROSS JOIN keeps places first)
        rows = db.execute('SELECT p.school, p.room, r.started, x.pct FROM places p CROSS JOIN place_runs x '
                          'ON x.place_id = p.id AND x.run_id > COALESCE((SELECT run_id FROM place_runs '
                          ' WHERE place_id = p.id ORDER BY run_id DESC LIMIT 1 OFFSET ?), 0) '
                          'JOIN runs r ON r.id = x.run_id ORDER BY x.run_id', [runs]).fetchall()
    finally:
        db.close()
    schools, rooms = {}, {}
    for school, room, started, value in rows:
        points = schools.setdefault(school, []) if room == SCHOOL else rooms.setdefault((school, room), [])
        points.append((started, value))
    return schools, rooms
