"""Inventory benchmark: the asset_sheet plugin against the very same inventory as static YAML.

Run by `make bench` (not a pytest test): bench_inventory.py [--rows 10000 50000] [--repeat N] [--profile]
For each size, under --out (git-ignored), a seeded synthetic district sheet assets.xlsx, bench.asset_sheet.yml
and static.yml (the plugin's `--list --export` as YAML, checked once to load to the same hosts, groups and
vars); then `ansible-inventory --graph` / `--list` timed (best of --repeat) with peak RSS and the size of what
they print (`--list` of the plugin must stay under 25 MB at 10,000 rows: no per-host copy of big data).
Exit 0 when a target is missed (figures are what matter), non-zero when a command fails.
"""

import argparse
import io
import itertools
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time

import yaml
from openpyxl import Workbook

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, '.venv', 'bin')
ANSIBLE_INVENTORY = os.path.join(BIN, 'ansible-inventory')
CONFIG_NAME, SHEET_NAME, STATIC_NAME = 'bench.asset_sheet.yml', 'assets.xlsx', 'static.yml'
BIG = 50000  # sizes from here on skip static YAML unless --no-skip-static-50k
TEMPLATE_MARKS = ('{{', '{%', '{#')
HEADER = ['Hostname', 'Asset Tag', 'Serial', 'MAC Address', 'IP Address', 'School', 'Room', 'Device Type', 'OS',
          'OS Version', 'Model', 'Manufacturer', 'Status', 'Assigned To', 'Printer URI', 'Notes']
NAMES = ('Lincoln Washington Jefferson Roosevelt Adams Madison Franklin Kennedy Hamilton Garfield Monroe Jackson '
         'Grant Hoover Wilson Truman Edison Whitman Emerson Hawthorne').split()
SCHOOLS = (['%s Elementary' % n for n in NAMES] + ['%s Middle' % n for n in NAMES[:12]]
           + ['%s High' % n for n in NAMES[:8]])  # 40 schools
OUI = {'Dell': '18:66:da', 'HP': '3c:52:82', 'Lenovo': '8c:16:45', 'Apple': 'a4:83:e7', 'Acer': 'b8:ae:ed'}
# weight, device type, OS, OS versions, manufacturer, models, hostname prefix (weights sum 99: ~95% hosts)
PROFILES = [
    (40, 'Desktop', 'Windows 11 Pro', ['22H2', '23H2', '24H2'], 'Dell', ['OptiPlex 7010', 'OptiPlex 7020'], 'pc'),
    (10, 'Desktop', 'macOS', ['14.6', '15.1', '15.3'], 'Apple', ['iMac 24"', 'Mac mini M2'], 'mac'),
    (8, 'Desktop', 'Ubuntu 22.04 LTS', ['22.04.4', '22.04.5'], 'HP', ['EliteDesk 800 G9'], 'lx'),
    (22, 'Laptop', 'Windows 11 Education', ['23H2', '24H2'], 'Lenovo', ['ThinkPad L14 Gen 4', 'ThinkPad E14'], 'nb'),
    (8, 'Laptop', 'macOS Sonoma', ['14.5', '14.7'], 'Apple', ['MacBook Air 13" M2'], 'mba'),
    (3, 'Laptop', 'Debian 12', ['12.7'], 'Lenovo', ['ThinkPad T14'], 'lxnb'),
    (2, 'Server', 'Windows Server 2022', ['21H2'], 'Dell', ['PowerEdge R650'], 'srv'),
    (1, 'Server', 'Ubuntu Server 24.04', ['24.04.1'], 'Dell', ['PowerEdge R350'], 'lsrv'),
    (3, 'Printer', '', [''], 'HP', ['LaserJet Pro M404dn', 'Color LaserJet M555'], 'prn'),
    (2, 'Chromebook', 'ChromeOS', ['128'], 'Acer', ['Chromebook 314'], 'cb'),
]
STAFF = ['asmith', 'bjones', 'cgarcia', 'dnguyen', 'ebrown', 'fmiller', 'gdavis', 'hwilson', 'ilopez', 'jtaylor']
NOTES = ['Reimaged Aug 2024', 'Battery replaced', 'Loaner', 'Docking station', 'Keyboard sticky', 'Grant funded']


class CommandFailed(RuntimeError):
    pass


def sheet_rows(count, seed):
    """count data rows of a 40-school district; hostnames, asset tags, MACs and fixed IPs are unique."""
    rng = random.Random(seed)
    per_room = max(6, count // len(SCHOOLS) // 25)  # labs and classrooms of ~25 devices, library, office
    rooms = (['Lab %d' % (101 + n) for n in range(per_room // 3)] + ['Library', 'Main Office']
             + ['Room %d' % (100 * (1 + n // 20) + n % 20 + 1) for n in range(per_room - per_room // 3)])
    weights = [p[0] for p in PROFILES]
    per_name, per_school_ip = {}, [0] * len(SCHOOLS)
    for index in range(count):
        school_no = index % len(SCHOOLS)
        school = SCHOOLS[school_no]
        _w, kind, os_name, versions, maker, models, prefix = rng.choices(PROFILES, weights)[0]
        room = 'Server Room' if kind == 'Server' else rng.choice(rooms)
        school_code = '%s-%s' % (school.split()[0].lower(), school.split()[1][0].lower())
        room_code = room.lower().replace('main ', '').replace(' ', '')
        key = (school_no, room_code, prefix)
        per_name[key] = per_name.get(key, 0) + 1
        hostname = '%s-%s-%s%02d' % (school_code, room_code, prefix, per_name[key])
        low = '%02x:%02x:%02x' % (index >> 16 & 255, index >> 8 & 255, index & 255)
        mac = '%s:%s' % (OUI[maker], low)
        mac = mac.upper() if rng.random() < 0.6 else mac.replace(':', '-') if rng.random() < 0.5 else mac
        ip = ''
        if kind in ('Server', 'Printer') or rng.random() < 0.3:
            number = per_school_ip[school_no]
            per_school_ip[school_no] += 1
            ip = '10.%d.%d.%d' % (school_no + 1, number // 250, number % 250 + 2)
        elif rng.random() < 0.2:
            ip = 'DHCP'
        yield [hostname, 200000 + index, ''.join(rng.choices('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', k=10)), mac, ip,
               school, room, kind, os_name, rng.choice(versions), rng.choice(models), maker, 'Active',
               rng.choice(STAFF) if kind == 'Laptop' and rng.random() < 0.5 else '',
               'ipp://%s/ipp/print' % ip if kind == 'Printer' else '',
               rng.choice(NOTES) if rng.random() < 0.05 else '']


def write_sheet(path, count, seed):
    book = Workbook(write_only=True)
    sheet = book.create_sheet('Assets')
    for row in itertools.chain([HEADER], sheet_rows(count, seed)):
        sheet.append(row)
    book.save(path)


class Unsafe(str):
    """Text ansible-inventory marked {"__ansible_unsafe": ...} (not a template): written back as !unsafe."""


class StaticDumper(getattr(yaml, 'CSafeDumper', yaml.SafeDumper)):
    pass


def represent_unsafe(dumper, value):
    if dumper.resolve(yaml.ScalarNode, str(value), (True, False)) == 'tag:yaml.org,2002:str':
        return dumper.represent_scalar('!unsafe', str(value))
    # Ansible reads `!unsafe '1001'` as the int 1001: number-, bool- and date-like text stays quoted (no template)
    return dumper.represent_str(str(value))


StaticDumper.add_representer(Unsafe, represent_unsafe)


def unwrap(value, unsafe):
    """JSON of ansible-inventory with each {"__ansible_unsafe": text} replaced by unsafe(text)."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return unsafe(value['__ansible_unsafe'])
        return dict((key, unwrap(item, unsafe)) for key, item in value.items())
    if isinstance(value, list):
        return [unwrap(item, unsafe) for item in value]
    return value


def list_to_static(data):
    """`ansible-inventory --list [--export]` JSON -> {'all': {vars, children: {group: {hosts, vars, children}}}}.

    Groups nest as listed; hosts, children and vars are written where a group or host first appears.
    """
    hostvars = data.get('_meta', {}).get('hostvars', {})
    groups_done, hosts_done = set(), set()

    def group_node(name):
        if name in groups_done:
            return None
        groups_done.add(name)
        entry, node, hosts = data.get(name, {}), {}, {}
        for host in entry.get('hosts', []):
            hosts[host] = None if host in hosts_done else (unwrap(hostvars.get(host), Unsafe) or None)
            hosts_done.add(host)
        if hosts:
            node['hosts'] = hosts
        if entry.get('vars'):
            node['vars'] = unwrap(entry['vars'], Unsafe)
        children = dict((child, group_node(child)) for child in entry.get('children', []))
        if children:
            node['children'] = children
        return node or None

    return {'all': group_node('all') or {}}


def write_static(data, path):
    with open(path, 'w') as handle:
        handle.write('---\n')
        yaml.dump(list_to_static(data), handle, Dumper=StaticDumper, default_flow_style=False, sort_keys=False,
                  width=4096)


def shape(data):
    """Hosts, {group: (hosts, children, vars)} and host vars; trust only counts on template-like text."""
    def canon(text):
        return ('unsafe', text) if any(mark in text for mark in TEMPLATE_MARKS) else text

    groups = dict((name, (sorted(entry.get('hosts', [])), sorted(entry.get('children', [])),
                          unwrap(entry.get('vars', {}), canon)))
                  for name, entry in data.items() if name != '_meta')
    hostvars = unwrap(data.get('_meta', {}).get('hostvars', {}), canon)
    hosts = set(hostvars).union(*(members for members, _children, _vars in groups.values()))
    return hosts, groups, hostvars


def assert_same_inventory(plugin_data, static_data):
    (p_hosts, p_groups, p_vars), (s_hosts, s_groups, s_vars) = shape(plugin_data), shape(static_data)
    assert p_hosts == s_hosts, 'hosts differ: %d plugin vs %d static, e.g. %s' % (
        len(p_hosts), len(s_hosts), sorted(p_hosts ^ s_hosts)[:5])
    for part, what in ((slice(0, 2), 'group membership'), (slice(2, 3), 'group vars')):
        differ = sorted(name for name in set(p_groups) | set(s_groups)
                        if p_groups.get(name, ())[part] != s_groups.get(name, ())[part])
        assert not differ, '%s differs on %d group(s), e.g. %s' % (what, len(differ), differ[:5])
    differ = sorted(host for host in p_hosts if p_vars.get(host) != s_vars.get(host))
    assert not differ, 'host vars differ on %d host(s), e.g. %s' % (len(differ), differ[:5])
    return len(p_hosts), len(p_groups)


def ansible_env(static=False):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
               PATH=BIN + os.pathsep + os.environ.get('PATH', ''))
    if static:
        env['ANSIBLE_INVENTORY_ENABLED'] = 'ansible.builtin.yaml'
    return env


_SHOWN = set()
TIME = '/usr/bin/time' if os.access('/usr/bin/time', os.X_OK) else None


def run(args, static=False, stdout=None):
    """Run from the project root: (wall seconds, peak RSS MiB, bytes printed on stdout).

    The RSS is /usr/bin/time's when present: wait4's ru_maxrss of a child forked from this process, which
    holds the --list JSON, also counts this process's pages from before exec.
    """
    with tempfile.NamedTemporaryFile() as rss, tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as out:
        target = stdout or out
        start = time.perf_counter()
        proc = subprocess.Popen(([TIME, '-f', '%M', '-o', rss.name] if TIME else []) + args, cwd=ROOT,
                                env=ansible_env(static), stdin=subprocess.DEVNULL, stdout=target, stderr=errors)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        printed = os.fstat(target.fileno()).st_size
        errors.seek(0)
        text = errors.read().decode('utf-8', 'replace').strip()
        peak_kib = int(rss.read().split()[-1]) if TIME and not proc.returncode else usage.ru_maxrss
    if proc.returncode:
        raise CommandFailed('%s exited %d:\n%s' % (' '.join(args), proc.returncode, text[-4000:]))
    if ('[WARNING]' in text or '[DEPRECATION' in text) and text not in _SHOWN:
        _SHOWN.add(text)
        print('  stderr of %s:\n    %s' % (' '.join(args[-3:]), text[:1500].replace('\n', '\n    ')))
    return seconds, peak_kib / 1024.0, printed


def list_json(inventory, static, path):
    with open(path, 'w') as out:
        run([ANSIBLE_INVENTORY, '-i', inventory, '--list', '--export'], static, stdout=out)
    with open(path) as handle:
        return json.load(handle)


def prepare(out, rows, seed):
    """The folder of one size with a fresh sheet and its inventory config."""
    directory = os.path.join(out, 'rows-%d' % rows)
    os.makedirs(directory, exist_ok=True)
    start = time.perf_counter()
    write_sheet(os.path.join(directory, SHEET_NAME), rows, seed)
    with open(os.path.join(directory, CONFIG_NAME), 'w') as handle:
        handle.write('---\nplugin: district.standard.asset_sheet\nsource: %s\n' % SHEET_NAME)
    print('%s: %d-row sheet written in %.1f s' % (os.path.relpath(directory, ROOT), rows, time.perf_counter() - start))
    return directory


def make_static(directory):
    """static.yml from the plugin's --list --export, checked to load to the same inventory."""
    config, static = os.path.join(directory, CONFIG_NAME), os.path.join(directory, STATIC_NAME)
    plugin_data = list_json(config, False, os.path.join(directory, 'plugin-list.json'))
    write_static(plugin_data, static)
    static_data = list_json(static, True, os.path.join(directory, 'static-list.json'))
    hosts, groups = assert_same_inventory(plugin_data, static_data)
    print('%s: %d hosts, %d groups: same hosts, groups and vars as the plugin'
          % (os.path.relpath(static, ROOT), hosts, groups))
    return static


def best_of(args, static, repeat):
    timings = [run(args, static) for _attempt in range(repeat)]
    return min(t[0] for t in timings), max(t[1] for t in timings), timings[0][2]  # best s, peak MiB, bytes


def benchmark(args):
    results = {}
    for rows in args.rows:
        directory = prepare(args.out, rows, args.seed)
        repeat = args.repeat or (3 if rows < BIG else 1)
        static = None if args.skip_static_50k and rows >= BIG else make_static(directory)
        for command in ('--graph', '--list'):
            plugin = best_of([ANSIBLE_INVENTORY, '-i', os.path.join(directory, CONFIG_NAME), command], False, repeat)
            other = best_of([ANSIBLE_INVENTORY, '-i', static, command], True, repeat) if static else None
            results[rows, command] = (plugin, other, repeat)
            print('  %d rows %s: asset_sheet %.2f s, %.1f MB printed%s'
                  % (rows, command, plugin[0], plugin[2] / 1e6, ', static YAML %.2f s' % other[0] if other else ''))
    return results


def report(results, skip_static):
    line = '%7s  %-8s %6s %14s %14s %22s %11s %11s %15s'
    print('\n' + line % ('rows', 'command', 'best', 'asset_sheet s', 'static YAML s', 'ratio (static/plugin)',
                         'plugin MiB', 'static MiB', 'plugin prints'))
    for (rows, command), (plugin, other, repeat) in sorted(results.items()):
        print(line % (rows, command, 'of %d' % repeat, '%.2f' % plugin[0],
                      '%.2f' % other[0] if other else 'skipped', '%.1fx' % (other[0] / plugin[0]) if other else '-',
                      '%.0f' % plugin[1], '%.0f' % other[1] if other else '-', '%.1f MB' % (plugin[2] / 1e6)))
    if skip_static and any(rows >= BIG for rows, _command in results):
        print('static YAML at %d+ rows skipped (it takes minutes); --no-skip-static-50k times it' % BIG)
    graph10, graph50 = results.get((10000, '--graph')), results.get((50000, '--graph'))
    ratio = graph10[1][0] / graph10[0][0] if graph10 and graph10[1] else None
    print('\nTargets:\n  10k rows --graph >= 10x faster than static YAML: %s'
          % ('%.1fx  %s' % (ratio, 'PASS' if ratio >= 10 else 'MISS') if ratio else 'not measured'))
    list10 = results.get((10000, '--list'))
    print('  10k rows --list prints < 25 MB: %s'
          % ('%.1f MB  %s' % (list10[0][2] / 1e6, 'PASS' if list10[0][2] < 25e6 else 'MISS') if list10 else 'not measured'))
    print('  50k rows plugin --graph <= 12 s: %s'
          % ('%.2f s  %s' % (graph50[0][0], 'PASS' if graph50[0][0] <= 12 else 'MISS') if graph50 else 'not measured'))


def profile(args, top=25):
    """cProfile of the 10k plugin --graph; the top entries by cumulative time."""
    directory = prepare(args.out, 10000, args.seed)
    stats_file = os.path.join(directory, 'plugin-graph.prof')
    seconds, rss = run([os.path.join(BIN, 'python'), '-m', 'cProfile', '-o', stats_file, ANSIBLE_INVENTORY,
                        '-i', os.path.join(directory, CONFIG_NAME), '--graph'])
    print('10k rows asset_sheet --graph under cProfile: %.2f s, peak RSS %.0f MiB (stats: %s)'
          % (seconds, rss, os.path.relpath(stats_file, ROOT)))
    text = io.StringIO()
    pstats.Stats(stats_file, stream=text).sort_stats('cumulative').print_stats(top)
    site = os.path.dirname(os.path.dirname(yaml.__file__)) + os.sep
    print(text.getvalue().replace(site, '').replace(ROOT + os.sep, ''))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--rows', type=int, nargs='+', default=[10000, 50000], help='sheet sizes (default 10000 50000)')
    parser.add_argument('--repeat', type=int, help='runs per command, best kept (default 3 below 50k rows, else 1)')
    parser.add_argument('--skip-static-50k', action=argparse.BooleanOptionalAction, default=True,
                        help='leave static YAML out at %d+ rows (default: skip)' % BIG)
    parser.add_argument('--profile', action='store_true', help='only profile the 10k plugin --graph (top 25)')
    parser.add_argument('--out', default=os.path.join(ROOT, 'tests', 'benchmarks', 'out'), help='scratch folder')
    parser.add_argument('--seed', type=int, default=2024, help='random seed of the synthetic sheets')
    args = parser.parse_args(argv)
    args.out = os.path.abspath(args.out)
    try:
        if args.profile:
            profile(args)
        else:
            report(benchmark(args), args.skip_static_50k)
    except (CommandFailed, AssertionError) as exc:
        print('FAILED: %s' % exc, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
