"""History benchmark: the compliance history database after a school year of daily dry runs.

Run by `make bench` (not a pytest test): bench_history.py [--runs 365] [--schools 40] [--rooms 30] [--out DIR]
Records --runs runs of a district of --schools schools with --rooms rooms each (compliance_history.record, as
the compliance_report callback records a run), then reads the trend the report draws (trend: each school's and
room's last 10 runs). Prints the time a run takes to record, the size of the database and the time of the
trend, which must not grow with the number of runs kept. Scratch files go to --out (git-ignored).
"""

import argparse
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'collections'))
from ansible_collections.district.standard.plugins.plugin_utils import compliance_history  # noqa: E402
from ansible_collections.district.standard.plugins.plugin_utils.compliance import STATUSES  # noqa: E402

MB = 1024.0 * 1024.0


def summary(schools, rooms, run):
    """A Run.summary()-shaped dict: the district, each school and each room, the share compliant moving by run."""
    def entry(hosts, n):
        compliant = (n * 7 + run) % (hosts + 1)
        counts = dict((status, (n + run) % 5) for status in STATUSES)
        return {'hosts': hosts, 'hosts_compliant': compliant, 'counts': counts, 'pct': 100.0 * compliant / hosts}
    found = {('district',): entry(schools * rooms * 8, 0)}
    for school in range(schools):
        found[('school', 'School %02d' % school)] = entry(rooms * 8, school)
        for room in range(rooms):
            found[('room', 'School %02d' % school, 'Room %02d' % room)] = entry(8, school + room)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=365)
    parser.add_argument('--schools', type=int, default=40)
    parser.add_argument('--rooms', type=int, default=30)
    parser.add_argument('--out', default=os.path.join(HERE, 'out', 'history'))
    args = parser.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    path = os.path.join(args.out, 'history.sqlite')
    print('recording %d runs of %d schools x %d rooms...' % (args.runs, args.schools, args.rooms), flush=True)
    recorded, marks = 0.0, {}
    for run in range(args.runs):
        meta = {'started': '2026-%03d' % run, 'finished': '2026-%03d' % run, 'playbook': 'compliance.yml'}
        started = time.perf_counter()
        compliance_history.record(path, meta, summary(args.schools, args.rooms, run))
        recorded += time.perf_counter() - started
        if run + 1 in (10, 100, args.runs):
            started = time.perf_counter()
            schools, rooms = compliance_history.trend(path)
            marks[run + 1] = (time.perf_counter() - started, os.path.getsize(path))
            assert len(schools) == args.schools and len(rooms) == args.schools * args.rooms
            assert all(len(points) == min(run + 1, 10) for points in rooms.values())
    places = args.schools * (args.rooms + 1)
    print('\nHISTORY BENCHMARK: %d places (schools and rooms), one run recorded in %.3f s on average' % (
        places, recorded / args.runs))
    print('| runs kept | history.sqlite MB | trend (last 10 runs of each place) s |\n|---|---|---|')
    for runs, (seconds, size) in sorted(marks.items()):
        print('| %d | %.1f | %.3f |' % (runs, size / MB, seconds))
    return 0


if __name__ == '__main__':
    sys.exit(main())
