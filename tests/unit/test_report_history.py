"""The history of compliance runs (plugin_utils/compliance_history.py): one row per run and per run and school
or room, every status counted, small after many runs, and a database of the older layout brought up to date."""

import os
import sqlite3

from ansible_collections.district.standard.plugins.plugin_utils import compliance_history as history
from ansible_collections.district.standard.plugins.plugin_utils.compliance import STATUSES
from test_compliance import META, sample_run


def rows(path, table):
    with sqlite3.connect(path) as db:
        return db.execute('SELECT COUNT(*) FROM %s' % table).fetchone()[0]


def test_history_keeps_runs_and_gives_the_trend(tmp_path):
    db = str(tmp_path / 'h' / 'history.sqlite')
    assert history.trend(db) == ({}, {})
    summary = sample_run(tmp_path).summary()
    for n in range(12):
        history.record(db, dict(META, started='2026-08-%02dT07:00:00' % (n + 1)), summary)
    schools, rooms = history.trend(db, runs=10)
    assert sorted(schools) == ['Lincoln', 'Washington'] and len(schools['Lincoln']) == 10
    assert schools['Lincoln'][0] == ('2026-08-03T07:00:00', summary[('school', 'Lincoln')]['pct'])
    assert sorted(rooms) == [('Lincoln', 'Lab 101'), ('Lincoln', 'Library'), ('Washington', 'Lab 2')]
    assert rooms[('Lincoln', 'Lab 101')][-1] == ('2026-08-12T07:00:00', 50.0)


def test_the_trend_of_a_place_is_its_own_last_runs(tmp_path):
    """A room checked in some runs only (a scoped run, a lab added later) gets its own last runs, oldest first."""
    db = str(tmp_path / 'history.sqlite')
    entry = {'hosts': 4, 'hosts_compliant': 1, 'counts': {}, 'top_drift': []}
    for n in range(15):
        summary = {('district',): dict(entry, pct=float(n)), ('school', 'Lincoln'): dict(entry, pct=float(n))}
        if n % 3 == 0:  # Lab 101 in runs 0, 3, 6, 9, 12
            summary[('room', 'Lincoln', 'Lab 101')] = dict(entry, pct=100.0 + n)
        if n >= 12:  # the library from run 12 on
            summary[('room', 'Lincoln', 'Library')] = dict(entry, pct=200.0 + n)
        history.record(db, dict(META, started='run %02d' % n), summary)
    schools, rooms = history.trend(db, runs=4)
    assert schools == {'Lincoln': [('run %02d' % n, float(n)) for n in (11, 12, 13, 14)]}
    assert rooms[('Lincoln', 'Lab 101')] == [('run %02d' % n, 100.0 + n) for n in (3, 6, 9, 12)]
    assert rooms[('Lincoln', 'Library')] == [('run %02d' % n, 200.0 + n) for n in (12, 13, 14)]


def test_one_row_per_run_school_and_room_and_small_after_many_runs(tmp_path):
    """A district of 40 schools and 400 rooms, 100 runs: 100 run rows, 44,000 place rows, and no row per host
    or control however many there are."""
    db = str(tmp_path / 'history.sqlite')
    counts = dict((s, 1000) for s in STATUSES)
    entry = {'hosts': 250, 'hosts_compliant': 200, 'counts': counts, 'pct': 80.0, 'top_drift': []}
    summary = {('district',): dict(entry, hosts=10000)}
    for school in range(40):
        summary[('school', 'School %02d' % school)] = entry
        for room in range(10):
            summary[('room', 'School %02d' % school, 'Room %d' % room)] = entry
    for n in range(100):
        history.record(db, dict(META, started='run %03d' % n), summary)
    assert rows(db, 'runs') == 100 and rows(db, 'place_runs') == 100 * 440 and rows(db, 'places') == 440
    assert os.path.getsize(db) < 6 * 1024 * 1024  # about 100 bytes a place and run, names stored once
    with sqlite3.connect(db) as conn:
        assert set(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")) == {
            'runs', 'places', 'place_runs', 'sqlite_sequence'}


def test_every_status_has_its_count(tmp_path):
    db = str(tmp_path / 'history.sqlite')
    summary = sample_run(tmp_path).summary()
    history.record(db, META, summary)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        run = conn.execute('SELECT * FROM runs').fetchone()
        library = conn.execute("SELECT x.* FROM place_runs x JOIN places p ON p.id = x.place_id "
                               "WHERE p.school = 'Lincoln' AND p.room = 'Library'").fetchone()
    assert [run[s.replace('-', '_')] for s in STATUSES] == [summary[('district',)]['counts'][s] for s in STATUSES]
    assert (run['managed_by_mdm'], run['needs_edition'], library['managed_by_mdm']) == (1, 1, 1)


def test_a_database_of_the_older_layout_is_brought_up_to_date(tmp_path):
    db = str(tmp_path / 'history.sqlite')
    with sqlite3.connect(db) as conn:
        conn.executescript("""
            CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT NOT NULL,
                playbook TEXT, scope TEXT, report_dir TEXT, hosts INTEGER, hosts_compliant INTEGER, compliant INTEGER,
                drift INTEGER, error INTEGER, unreachable INTEGER, waived INTEGER, not_applicable INTEGER, pct REAL);
            CREATE TABLE school_runs (run_id INTEGER NOT NULL REFERENCES runs(id), school TEXT NOT NULL,
                hosts INTEGER, hosts_compliant INTEGER, compliant INTEGER, drift INTEGER, error INTEGER,
                unreachable INTEGER, waived INTEGER, not_applicable INTEGER, pct REAL, PRIMARY KEY (run_id, school));
            INSERT INTO runs VALUES (1, '2026-06-01T07:00:00', 'x', 'compliance.yml', 'all', '', 3, 1, 9, 1, 0, 0, 0, 0, 90.0);
            INSERT INTO school_runs VALUES (1, 'Lincoln', 3, 1, 9, 1, 0, 0, 0, 0, 90.0);
        """)
    history.record(db, META, sample_run(tmp_path).summary())
    schools, _rooms = history.trend(db)
    assert schools['Lincoln'][0] == ('2026-06-01T07:00:00', 90.0) and len(schools['Lincoln']) == 2
    assert rows(db, 'runs') == 2
    with sqlite3.connect(db) as conn:
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'school_runs'").fetchone()
        assert conn.execute('SELECT managed_by_mdm FROM runs WHERE id = 1').fetchone() == (0,)
