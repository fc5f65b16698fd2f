"""AWX benchmark: what ansible-runner adds to a job, and how long an inventory sync of a big asset sheet takes.

Run by `make bench` (not a pytest test): bench_awx.py [--runs 7] [--rows 10000] [--sync-runs 3]
1. Runner overhead: a one-task playbook on localhost, from a private data directory laid out as AWX lays it out
   (tests/awx_job.py: the project checkout, the JSON inventory script, env/), run alternately by
   `ansible-playbook` (in project/, with the project's ansible.cfg) and by `ansible-runner run`; medians.
2. Inventory sync: a seeded synthetic district sheet (tests/benchmarks/bench_inventory.py's generator, XLSX) read
   by the asset_sheet plugin as AWX syncs a source: `ansible-inventory --list --export`, plainly and through
   ansible-runner (run_command, as an AWX inventory update runs it); medians, and the size of the JSON.
Scratch files go to --out (git-ignored). Exit non-zero when a command fails.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
from awx_job import awx_envvars, private_data_dir  # noqa: E402
from bench_inventory import CONFIG_NAME, SHEET_NAME, write_sheet  # noqa: E402
from collection_build import BIN, ROOT, clean_env  # noqa: E402

TRIVIAL = """---
- name: Trivial job
  hosts: all
  gather_facts: false
  tasks:
    - name: Say hello
      ansible.builtin.debug:
        msg: hello
"""
LOCALHOST = {'all': {'children': ['ungrouped']}, 'ungrouped': {'hosts': ['localhost']},
             '_meta': {'hostvars': {'localhost': {'ansible_connection': 'local',
                                                  'ansible_python_interpreter': sys.executable}}}}


class CommandFailed(RuntimeError):
    pass


class Clock:
    """Wall time and CPU time (this process and the children it waited for) of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, self._cpu() - self.cpu

    @staticmethod
    def _cpu():
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime


def timed(args, cwd, env):
    """(wall s, CPU s) of a command."""
    with Clock() as clock:
        done = subprocess.run(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if done.returncode:
        raise CommandFailed('%s exited %d:\n%s' % (' '.join(args), done.returncode, (done.stdout + done.stderr)[-3000:]))
    return clock.wall, clock.cpu


def medians(timings):
    """(median wall s, median CPU s) of [(wall, cpu)]."""
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def runner_overhead(out, runs):
    """((wall, CPU) median of ansible-playbook, the same of ansible-runner) of the trivial job."""
    pdd = os.path.join(out, 'pdd')
    shutil.rmtree(pdd, ignore_errors=True)
    private_data_dir(pdd, LOCALHOST, awx_envvars(pdd, 1), {'awx_job_id': 1})
    with open(os.path.join(pdd, 'project', 'bench_trivial.yml'), 'w') as handle:
        handle.write(TRIVIAL)
    env = clean_env()
    with open(os.path.join(pdd, 'env', 'envvars')) as handle:
        playbook_env = dict(env, **json.load(handle))  # the same environment for both
    plain = [os.path.join(BIN, 'ansible-playbook'), '-i', os.path.join(pdd, 'inventory'), 'bench_trivial.yml',
             '-e', 'awx_job_id=1']
    runner = [os.path.join(BIN, 'ansible-runner'), 'run', pdd, '-p', 'bench_trivial.yml', '--rotate-artifacts', '2']
    timed(plain, os.path.join(pdd, 'project'), playbook_env)  # warm the page cache once
    playbook_s, runner_s = [], []
    for number in range(runs):
        playbook_s.append(timed(plain, os.path.join(pdd, 'project'), playbook_env))
        runner_s.append(timed(runner + ['--ident', 'bench-%d' % number], out, env))
        print('  run %d: ansible-playbook %.2f s (CPU %.2f s), ansible-runner %.2f s (CPU %.2f s)'
              % ((number + 1,) + playbook_s[-1] + runner_s[-1]))
    return medians(playbook_s), medians(runner_s)


def inventory_sync(out, rows, runs, seed):
    """((wall, CPU) median plain, the same through ansible-runner, MB of JSON, hosts) of
    `ansible-inventory --list --export`."""
    import ansible_runner

    folder = os.path.join(out, 'rows-%d' % rows)
    os.makedirs(folder, exist_ok=True)
    start = time.perf_counter()
    write_sheet(os.path.join(folder, SHEET_NAME), rows, seed)
    config = os.path.join(folder, CONFIG_NAME)
    with open(config, 'w') as handle:
        handle.write('---\nplugin: district.standard.asset_sheet\nsource: %s\n' % SHEET_NAME)
    print('  %d-row sheet written in %.1f s' % (rows, time.perf_counter() - start))
    listing = os.path.join(folder, 'inventory.json')
    args = ['-i', config, '--list', '--export', '--output', listing]
    env = clean_env(ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'))
    plain, runner = [], []
    for number in range(runs):
        plain.append(timed([os.path.join(BIN, 'ansible-inventory')] + args, ROOT, env))
        pdd = os.path.join(out, 'sync-pdd')
        shutil.rmtree(pdd, ignore_errors=True)
        os.makedirs(pdd)
        os.remove(listing)
        with Clock() as clock:
            _out, error, rc = ansible_runner.run_command(
                executable_cmd=os.path.join(BIN, 'ansible-inventory'), cmdline_args=args, private_data_dir=pdd,
                host_cwd=ROOT, envvars={'ANSIBLE_CONFIG': os.path.join(ROOT, 'ansible.cfg')},
                runner_mode='subprocess', quiet=True, suppress_env_files=True)
        runner.append((clock.wall, clock.cpu))
        if rc or not os.path.exists(listing):
            raise CommandFailed('ansible-inventory through ansible-runner exited %d:\n%s' % (rc, error[-3000:]))
        print('  run %d: ansible-inventory %.2f s (CPU %.2f s), through ansible-runner %.2f s (CPU %.2f s)'
              % ((number + 1,) + plain[-1] + runner[-1]))
    with open(listing) as handle:
        hosts = len(json.load(handle)['_meta']['hostvars'])
    return medians(plain), medians(runner), os.path.getsize(listing) / 1e6, hosts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--runs', type=int, default=7, help='runs of the trivial job each way (default 7)')
    parser.add_argument('--rows', type=int, default=10000, help='rows of the synced sheet (default 10000)')
    parser.add_argument('--sync-runs', type=int, default=3, help='syncs each way (default 3)')
    parser.add_argument('--seed', type=int, default=2024, help='random seed of the synthetic sheet')
    parser.add_argument('--out', default=os.path.join(ROOT, 'tests', 'benchmarks', 'out', 'awx'), help='scratch folder')
    args = parser.parse_args(argv)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    try:
        print('Runner overhead: a one-task playbook on localhost, %d runs each way' % args.runs)
        playbook, runner = runner_overhead(out, args.runs)
        print('Inventory sync: asset_sheet plugin, %d-row XLSX sheet, %d syncs each way' % (args.rows, args.sync_runs))
        plain, through, megabytes, hosts = inventory_sync(out, args.rows, args.sync_runs, args.seed)
    except CommandFailed as exc:
        print('FAILED: %s' % exc, file=sys.stderr)
        return 1
    line = '  %-76s %7.2f s %9.2f s'
    print('\nFigures (medians; %d cores, load average %.1f at the end):' % (os.cpu_count(), os.getloadavg()[0]))
    print('  %-76s %9s %11s' % ('', 'wall', 'CPU'))
    print(line % (('trivial job, ansible-playbook',) + playbook))
    print(line % (('trivial job, ansible-runner run',) + runner))
    print(line % ('runner overhead per job', runner[0] - playbook[0], runner[1] - playbook[1]))
    print(line % (('inventory sync, %d rows (%d hosts), ansible-inventory --list --export' % (args.rows, hosts),)
                  + plain))
    print(line % (('inventory sync, %d rows: the same through ansible-runner' % args.rows,) + through))
    print('  inventory JSON: %.1f MB' % megabytes)
    return 0


if __name__ == '__main__':
    sys.exit(main())
