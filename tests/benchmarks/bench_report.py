"""Report benchmark: the compliance_report callback at district scale, and its cost on a lab run.

Run by `make bench` (not a pytest test):
  bench_report.py [--sizes 1000,5000,10000] [--controls 80]     the scale figures (no containers)
  bench_report.py --lab [--hosts 20] [--repeat 3]               the cost on the lab (run it under the lab lock:
                                                                flock /tmp/district-lab.lock ...)

Scale: for each size, a fresh process loads the real callback as Ansible does and sends it the play and task
events of a dry run of a synthetic district (tests/synthetic_district.py: 40 schools, the high school with 15 %
of the hosts, rooms of 30, 80 controls, 15 % drift with diffs, waivers, expired waivers, MDM and edition gaps,
errors, 1 % unreachable). It prints the time (events, then the reports), the peak memory of the process and
what the run added to it, the size of each file, the history database after 100 runs of that size, and the
time the index and the biggest school's page take to open in headless Chromium. Targets at 10,000 hosts: index
under 2 MB, memory under 400 MB, the school page (1,500 hosts) open in under 3 s.

Lab: a lab of N Linux desktops put on the standard, then playbooks/compliance.yml (without its verdict play,
which needs the callback) timed with the callback on and off, alternately, the fastest of each kept. The cost
per host-task is the difference over the host-tasks of the run (the PLAY RECAP's ok, failed, skipped and
unreachable). Target: the report must not double the run.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
BIN = os.path.join(ROOT, '.venv', 'bin')
MB = 1024.0 * 1024.0


def memory(field):
    """VmRSS or VmHWM (peak) of this process, in bytes."""
    with open('/proc/self/status') as handle:
        for line in handle:
            if line.startswith(field + ':'):
                return int(line.split()[1]) * 1024
    return 0


def one(hosts, controls, out):
    """One size in this process: the figures as a dict (printed as JSON by --one)."""
    import synthetic_district as sd

    district = sd.District(hosts=hosts, controls=controls)
    history = os.path.join(out, 'history.sqlite')
    callback = sd.load_callback(out, history, report_keep=0)
    from ansible_collections.district.standard.plugins.plugin_utils.compliance_history import record
    built = sd.build(district)
    baseline = memory('VmRSS')
    started = time.monotonic()
    finish = callback.finish
    timing = {}

    def timed_finish():
        timing['events'] = time.monotonic() - started
        return finish()
    callback.finish = timed_finish
    counted = sd.drive(callback, district, built)
    total = time.monotonic() - started
    peak = memory('VmHWM')
    folder = callback.done['report_dir']
    files = {}
    for base, _dirs, names in os.walk(folder):
        for name in names:
            files[os.path.relpath(os.path.join(base, name), folder)] = os.path.getsize(os.path.join(base, name))
    summary = callback.run.summary()
    meta = {'started': 'bench', 'finished': 'bench', 'playbook': 'compliance.yml', 'scope': 'all', 'report_dir': folder}
    for _n in range(99):
        record(history, meta, summary)
    sizes = list(zip(district.schools, district.sizes, strict=True))
    return {'hosts': hosts, 'controls': controls, 'events': counted['events'], 'seconds': total,
            'events_seconds': timing['events'], 'reports_seconds': total - timing['events'], 'baseline': baseline,
            'peak': peak, 'folder': folder, 'files': files, 'history_100': os.path.getsize(history),
            'big_school': sizes[0], 'schools': len(sizes)}


def open_times(pages):
    """{page: (seconds to load, seconds until the filter answers)} in headless Chromium."""
    sys.path.insert(0, os.path.join(ROOT, 'tests', 'integration'))
    from headless import chromium
    from selenium.webdriver.common.by import By

    out = {}
    with chromium() as browser:
        for page in pages:
            started = time.monotonic()
            browser.get('file://' + page)
            loaded = time.monotonic() - started
            box = browser.find_elements(By.ID, 'filter')
            filtered = None
            if box:
                started = time.monotonic()
                box[0].send_keys('drift')
                _shown = browser.find_element(By.ID, 'shown').text  # reading it waits for the filter to have run
                filtered = time.monotonic() - started
            out[page] = (loaded, filtered)
    return out


def scale(sizes, controls):
    base = tempfile.mkdtemp(prefix='bench-report-')
    results = []
    try:
        for hosts in sizes:
            out = os.path.join(base, str(hosts))
            print('%d hosts x %d controls: running the callback...' % (hosts, controls), flush=True)
            proc = subprocess.run([sys.executable, '-W', 'ignore', __file__, '--one', str(hosts), '--controls',
                                   str(controls), '--out', out], check=False, capture_output=True, text=True,
                                  env=dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg')))
            if proc.returncode:
                sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
                raise SystemExit('the %d-host run failed' % hosts)
            figures = json.loads(proc.stdout.strip().splitlines()[-1])
            school = os.path.join(figures['folder'], 'schools', 'central-high', 'compliance.html')
            figures['open'] = open_times([os.path.join(figures['folder'], 'compliance.html'), school])
            results.append(figures)
            print_one(figures)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print_table(results)


def print_one(f):
    print('  %d events in %.1f s (events %.1f s, reports %.1f s); peak memory %.0f MB (%.0f MB before the run)' % (
        f['events'], f['seconds'], f['events_seconds'], f['reports_seconds'], f['peak'] / MB, f['baseline'] / MB))
    files = f['files']
    for name in ('compliance.html', 'compliance.csv', 'compliance.json', 'junit.xml'):
        print('  %-40s %10.1f MB' % (name, files.get(name, 0) / MB))
    school = dict((n[len('schools/central-high/'):], v) for n, v in files.items() if n.startswith('schools/central-high/'))
    for name in sorted(school):
        print('  %-40s %10.1f MB' % ('schools/central-high/' + name + ' (%d hosts)' % f['big_school'][1], school[name] / MB))
    others = sum(v for n, v in files.items() if n.startswith('schools/'))
    print('  %-40s %10.1f MB' % ('schools/ (all %d schools)' % f['schools'], others / MB))
    print('  %-40s %10.1f MB' % ('history.sqlite after 100 runs', f['history_100'] / MB))
    for page, (loaded, filtered) in f['open'].items():
        print('  open %s in Chromium: %.2f s%s' % (os.path.relpath(page, f['folder']), loaded,
                                                   '' if filtered is None else ', filter %.2f s' % filtered))


def print_table(results):
    print('\nREPORT BENCHMARK: the compliance_report callback, synthetic district (%d cores)' % os.cpu_count())
    print('| hosts | events | seconds | peak MB | index MB | district CSV/JSON/JUnit MB | high school page MB '
          '| open index s | open school page s | history after 100 runs MB |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for f in results:
        files = f['files']
        pages = list(f['open'].values())
        print('| %d | %d | %.1f | %.0f | %.2f | %.0f / %.0f / %.0f | %.1f (%d hosts) | %.2f | %.2f | %.1f |' % (
            f['hosts'], f['events'], f['seconds'], f['peak'] / MB, files['compliance.html'] / MB,
            files['compliance.csv'] / MB, files['compliance.json'] / MB, files['junit.xml'] / MB,
            files['schools/central-high/compliance.html'] / MB, f['big_school'][1], pages[0][0], pages[1][0],
            f['history_100'] / MB))
    last = results[-1]
    for label, value, limit, unit in (
            ('index page', last['files']['compliance.html'] / MB, 2, 'MB'),
            ('peak memory', last['peak'] / MB, 400, 'MB'),
            ('school page open (%d hosts)' % last['big_school'][1], list(last['open'].values())[1][0], 3, 's')):
        print('target at %d hosts: %s under %g %s: %.2f %s %s' % (
            last['hosts'], label, limit, unit, value, unit, 'MET' if value < limit else 'MISSED'))


def lab(hosts, repeat):
    sys.path.insert(0, HERE)
    sys.path.insert(0, os.path.join(ROOT, 'scripts', 'lab'))
    import yaml
    from bench_lab import inventory, link_task_files
    from lab import down, up

    base = tempfile.mkdtemp(prefix='bench-report-lab-')
    playbook = os.path.join(base, 'compliance.yml')
    with open(os.path.join(ROOT, 'playbooks', 'compliance.yml')) as handle:
        plays = [p for p in yaml.safe_load(handle) if not (p.get('vars') or {}).get('compliance_gate')]
    with open(playbook, 'w') as handle:
        yaml.safe_dump(plays, handle, sort_keys=False)
    link_task_files(base)
    figures = {'on': [], 'off': []}
    try:
        lab_inventory = up('bench', inventory(base, hosts))
        print('lab of %d hosts up; putting it on the standard (not timed)...' % hosts, flush=True)
        lab_run(os.path.join(ROOT, 'playbooks', 'lab.yml'), lab_inventory, base, True)
        lab_run(playbook, lab_inventory, base, True)  # facts cached: both timed variants start warm
        for turn in range(repeat):
            for label in ('on', 'off'):
                print('round %d: compliance.yml with the callback %s...' % (turn + 1, label), flush=True)
                figures[label].append(lab_run(playbook, lab_inventory, base, label == 'on'))
    finally:
        down('bench', quiet=True)
        shutil.rmtree(base, ignore_errors=True)
    on, off = (min(figures[k], key=lambda f: f[0]) for k in ('on', 'off'))
    print('\nREPORT COST ON THE LAB: compliance.yml on %d lab hosts, %d host-tasks, best of %d' % (hosts, on[2], repeat))
    print('| callback | seconds | controller CPU s |\n|---|---|---|')
    print('| off | %.1f | %.1f |\n| on | %.1f | %.1f |' % (off[0], off[1], on[0], on[1]))
    print('cost per host-task: %.2f ms wall, %.2f ms controller CPU; the run with the report takes %.2fx the run '
          'without (target: under 2x): %s' % (1000 * (on[0] - off[0]) / on[2], 1000 * (on[1] - off[1]) / on[2],
                                              on[0] / off[0], 'MET' if on[0] / off[0] < 2 else 'MISSED'))


def lab_run(playbook, lab_inventory, base, callback_on):
    reports = os.path.join(base, 'reports')
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
               PATH=BIN + os.pathsep + os.environ['PATH'], DISTRICT_REPORT_DIR=reports,
               DISTRICT_HISTORY_DB=os.path.join(reports, 'history.sqlite'))
    if not callback_on:
        env['ANSIBLE_CALLBACKS_ENABLED'] = 'district.standard.run_summary'
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', lab_inventory, playbook], check=False, cwd=ROOT, env=env,
                          capture_output=True, text=True)
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-2000:])
        raise SystemExit('%s failed (%d)' % (os.path.basename(playbook), proc.returncode))
    if callback_on != ('COMPLIANCE SUMMARY' in proc.stdout) and 'compliance' in os.path.basename(playbook):
        raise SystemExit('the compliance callback was %s but the summary was %s' % (
            'on' if callback_on else 'off', 'missing' if callback_on else 'printed'))
    tasks = sum(int(n) for line in re.findall(r'ok=\d+.*', proc.stdout)
                for n in re.findall(r'(?:ok|failed|skipped|unreachable)=(\d+)', line))
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, tasks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--sizes', default='1000,5000,10000')
    parser.add_argument('--controls', type=int, default=80)
    parser.add_argument('--lab', action='store_true', help='the cost on a lab run instead (containers)')
    parser.add_argument('--hosts', type=int, default=20, help='lab hosts')
    parser.add_argument('--repeat', type=int, default=3, help='lab rounds; the fastest of each is kept')
    parser.add_argument('--one', type=int, help=argparse.SUPPRESS)
    parser.add_argument('--out', help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.controls, args.out)))
    elif args.lab:
        lab(args.hosts, args.repeat)
    else:
        scale([int(n) for n in args.sizes.split(',')], args.controls)


if __name__ == '__main__':
    main()
