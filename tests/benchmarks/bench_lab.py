"""Lab benchmark: the compliance dry run of a 20-host lab, with the project's ansible.cfg and with Ansible's defaults.

Run by `make bench` (not a pytest test): bench_lab.py [--hosts 20] [--repeat 2] [--keep]
A lab of N Linux desktops (containers, one room, two room printers) is started and put on the standard once with
playbooks/lab.yml (not timed). Then playbooks/compliance.yml is timed:
  defaults  - an ansible.cfg that only tells Ansible where the project's roles and plugins are (and enables the
              compliance callback the playbook needs): forks 5, no pipelining, no fact cache - what Ansible does
              out of the box; and a copy of compliance.yml without its `gather_subset: [min]` lines, so every
              play gathers all facts (Ansible's default);
  project   - the project's ansible.cfg (forks 25, pipelining, SSH ControlPersist, min fact subsets, smart
              gathering with a JSON fact cache), the cache emptied first (a cold run);
  warm      - the project's ansible.cfg again, its fact cache filled by the run before (a technician's second run).
Prints the figures side by side and the ratio defaults / project (target: 3x or more), with the CPU each run
used on the controller (ansible-playbook and its workers) and in the lab hosts (the containers' cgroup, where the
machine exposes cgroup v1 cpuacct): on one machine both share the same cores, so the ratio of CPU work bounds the
speed-up. Exit 0 when the target is missed (figures are what matter), non-zero when a run fails.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'scripts', 'lab'))
from lab import HEADER, down, generated_sheet, up  # noqa: E402

BIN = os.path.join(ROOT, '.venv', 'bin')
NAME, SUBNET = 'bench', '127.0.66'
CPUACCT = '/sys/fs/cgroup/cpuacct/libpod_parent/cpuacct.usage'
PRINTERS = [['lab1-prn01', '960001', 'PRN001', '02:00:00:66:00:01', '10.66.1.250', 'Lab School', 'Lab 1', 'Printer',
             '', '', 'M404dn', 'HP', 'Active', '', 'socket://10.66.1.250:9100', ''],
            ['lab1-prn02', '960002', 'PRN002', '02:00:00:66:00:02', '10.66.1.251', 'Lab School', 'Lab 1', 'Printer',
             '', '', 'HL-L5200DW', 'Brother', 'Active', '', 'lpd://10.66.1.251/queue', '']]
# nothing answers at the printers' addresses: no driver can be asked from them (as in inventories/demo)
PRINTER_VARS = """---
printers_cups_driver: drv:///sample.drv/generic.ppd
printers_cups_default_options:
  media: na_letter_8.5x11in
"""
DEFAULTS_CFG = """# Ansible's defaults, plus only where this project's content is.
[defaults]
roles_path = {root}/roles
collections_path = {root}/collections
library = {root}/plugins/modules
module_utils = {root}/plugins/module_utils
action_plugins = {root}/plugins/action
callback_plugins = {root}/plugins/callback
filter_plugins = {root}/plugins/filter
lookup_plugins = {root}/plugins/lookup
inventory_plugins = {root}/plugins/inventory
doc_fragment_plugins = {root}/plugins/doc_fragments
callbacks_enabled = district.standard.compliance_report

[inventory]
enable_plugins = district.standard.asset_sheet, ansible.builtin.yaml, ansible.builtin.host_list
"""


def inventory(base, hosts):
    import csv
    folder = os.path.join(base, 'inv')
    os.makedirs(os.path.join(folder, 'group_vars', 'all'))
    sheet = os.path.join(folder, 'lab-assets.csv')
    generated_sheet(sheet, hosts, SUBNET)
    with open(sheet, 'a', newline='') as handle:
        csv.writer(handle).writerows(PRINTERS)
    assert len(PRINTERS[0]) == len(HEADER)
    with open(os.path.join(folder, 'lab.asset_sheet.yml'), 'w') as handle:
        handle.write('---\nplugin: district.standard.asset_sheet\nsource: lab-assets.csv\nlab: true\n')
    with open(os.path.join(folder, 'group_vars', 'all', 'printers.yml'), 'w') as handle:
        handle.write(PRINTER_VARS)
    return folder


def run(label, playbook, lab_inventory, config, reports):
    env = dict(os.environ, ANSIBLE_CONFIG=config, PATH=BIN + os.pathsep + os.environ['PATH'],
               DISTRICT_REPORT_DIR=reports, DISTRICT_HISTORY_DB=os.path.join(reports, 'history.sqlite'),
               ANSIBLE_NOCOLOR='1')
    hosts_before, children = hosts_cpu(), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', lab_inventory, playbook], check=False, cwd=ROOT,
                            env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    controller = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    hosts = hosts_cpu()
    if result.returncode:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-2000:])
        raise SystemExit('%s: %s failed (%d)' % (label, os.path.basename(playbook), result.returncode))
    return label, seconds, controller, (hosts - hosts_before if hosts is not None else None)


def hosts_cpu():
    """CPU seconds used so far by all podman containers (cgroup v1 cpuacct), or None where it cannot be read."""
    try:
        with open(CPUACCT) as handle:
            return int(handle.read()) / 1e9
    except (OSError, ValueError):
        return None


def link_task_files(base):
    """A copy of a playbook in BASE includes the task files beside it (tasks/reach.yml), as the playbook does."""
    os.symlink(os.path.join(ROOT, 'playbooks', 'tasks'), os.path.join(base, 'tasks'))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--hosts', type=int, default=20)
    parser.add_argument('--keep', action='store_true', help='leave the lab running')
    parser.add_argument('--repeat', type=int, default=2, help='rounds of the three runs; the fastest of each is shown')
    args = parser.parse_args(argv)
    base = tempfile.mkdtemp(prefix='bench-lab-')
    project_cfg = os.path.join(ROOT, 'ansible.cfg')
    defaults_cfg = os.path.join(base, 'ansible.cfg')
    with open(defaults_cfg, 'w') as handle:
        handle.write(DEFAULTS_CFG.format(root=ROOT))
    reports = os.path.join(base, 'reports')
    try:
        lab_inventory = up(NAME, inventory(base, args.hosts))
        playbooks = os.path.join(ROOT, 'playbooks')
        print('lab of %d hosts up; putting it on the standard (not timed)...' % args.hosts, flush=True)
        run('setup', os.path.join(playbooks, 'lab.yml'), lab_inventory, project_cfg, reports)
        runs = []
        plain = os.path.join(base, 'compliance.yml')
        with open(os.path.join(playbooks, 'compliance.yml')) as source, open(plain, 'w') as copy:
            copy.writelines(line for line in source if line.strip() != 'gather_subset: [min]')
        link_task_files(base)
        for turn in range(args.repeat):
            print('round %d: timing compliance.yml under Ansible defaults...' % (turn + 1), flush=True)
            runs.append(run('defaults', plain, lab_inventory, defaults_cfg, reports))
            shutil.rmtree(os.path.join(ROOT, '.cache', 'facts'), ignore_errors=True)
            print('round %d: timing compliance.yml with the project ansible.cfg (cold, then warm fact cache)...'
                  % (turn + 1), flush=True)
            runs.append(run('project', os.path.join(playbooks, 'compliance.yml'), lab_inventory, project_cfg,
                            reports))
            runs.append(run('warm', os.path.join(playbooks, 'compliance.yml'), lab_inventory, project_cfg, reports))
        # the fastest round of each: what is left of the noise of a shared machine is on the slow side
        figures = [min((r for r in runs if r[0] == label), key=lambda r: r[1])
                   for label in ('defaults', 'project', 'warm')]
    finally:
        if not args.keep:
            down(NAME, quiet=True)
        shutil.rmtree(base, ignore_errors=True)
    report(figures, args.hosts)


def report(figures, hosts):
    """The table: wall seconds, CPU seconds of the controller and of the lab hosts, speed-up over the defaults."""
    def cpu(value):
        return '%.1f' % value if value is not None else 'n/a'
    defaults = figures[0]
    print('\nLAB BENCHMARK: compliance.yml on %d lab hosts (%d cores)' % (hosts, os.cpu_count()))
    print('%-10s %10s %16s %12s %9s' % ('config', 'seconds', 'controller CPU s', 'hosts CPU s', 'speed-up'))
    for label, seconds, controller, lab in figures:
        print('%-10s %10.1f %16.1f %12s %8.1fx' % (label, seconds, controller, cpu(lab), defaults[1] / seconds))
    for label, seconds, controller, lab in figures[1:]:
        ratio = defaults[1] / seconds
        print('target: %s >= 3.0x faster than defaults: %.1fx %s' % (label, ratio, 'MET' if ratio >= 3 else 'MISSED'))
        if lab is not None and defaults[3] is not None:
            print('  CPU work defaults / %s (controller + hosts, same cores): %.1fx'
                  % (label, (defaults[2] + defaults[3]) / (controller + lab)))


if __name__ == '__main__':
    main()
