"""A synthetic district fed to the real compliance_report callback: real Ansible inventory, play, task and
result objects, and the play and task events Ansible would send, without hosts to run them on.

    callback = load_callback(report_dir, history_db)
    drive(callback, District(hosts=10000))   # the events of one dry run; the reports are written

The district: SCHOOLS schools, one of them (the high school) with BIG of the hosts, the others sharing the
rest, rooms of ROOM hosts. Each host: CONTROLS control tasks in one play; DRIFT of the cells drift (with a
diff naming the person the device is assigned to), some waived (a district waiver on one control, an
expired one in a few schools), some not applicable, managed by MDM or needing another edition, a few failing,
and UNREACHABLE of the hosts never answer. The same seed gives the same run."""

import argparse
import json
import os
import random

from ansible.executor.task_result import CallbackTaskResult
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play import Play
from ansible.plugins.loader import callback_loader, init_plugin_loader
from ansible.vars.manager import VariableManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

AREAS = ('ACC', 'AUD', 'BL', 'FW', 'LOG', 'PWR', 'SSH', 'UPD')
MOTD = ('District standard: {host}, asset {tag}\n  {school}, room {room}. Assigned to {person}.\n'
        '  Support: helpdesk\n')


class District(object):
    def __init__(self, hosts, controls=80, schools=40, big=0.15, room=30, drift=0.15, unreachable=0.01, seed=1):
        self.count, self.controls, self.room = hosts, controls, room
        self.drift, self.unreachable, self.seed = drift, unreachable, seed
        self.schools = ['Central High'] + ['School %02d' % n for n in range(2, schools + 1)] if schools > 1 else [
            'Central High']
        big_hosts = int(hosts * big) if schools > 1 else hosts
        rest = hosts - big_hosts
        others = len(self.schools) - 1
        self.names = ['SYN-%s-%02d | Setting %d of %s' % (AREAS[n % len(AREAS)], n // len(AREAS) + 1, n,
                                                          AREAS[n % len(AREAS)]) for n in range(controls)]
        self.ids = [name.split(' | ')[0] for name in self.names]
        self.sizes = [big_hosts] + [rest // others + (1 if n < rest % others else 0) for n in range(others)]

    def hosts(self):
        """(name, vars) of every host."""
        number = 0
        for school, size in zip(self.schools, self.sizes, strict=True):
            for n in range(size):
                number += 1
                yield 'h%05d' % number, {
                    'asset_school': school, 'asset_room': 'Room %d' % (n // self.room + 1),
                    'asset_tag': str(400000 + number), 'asset_assigned_to': 'Pupil Number%05d' % number}


def load_callback(report_dir, history_db, **options):
    """The project's compliance_report callback as Ansible loads it, with its options set. Call it in a process
    that has not imported ansible_collections another way (main() below, for tests)."""
    init_plugin_loader([os.path.join(ROOT, 'collections')])
    callback = callback_loader.get('district.standard.compliance_report')
    callback.set_options(direct=dict(report_dir=report_dir, history_db=history_db, **options))
    return callback


def build(district):
    """(play, [(host object, vars)], tasks) of the district: a real inventory and a compiled play."""
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[], parse=False)
    inventory.add_group('district')
    for name, host_vars in district.hosts():
        inventory.add_host(name, group='district')
        for key, value in host_vars.items():
            inventory._inventory.set_variable(name, key, value)
    variables = VariableManager(loader=loader, inventory=inventory)
    tasks = [{'name': 'Read the waivers', 'ansible.builtin.debug': {'msg': 'w'}}] + [
        {'name': name, 'ansible.builtin.debug': {'msg': 'c'}} for name in district.names]
    play = Play.load({'name': 'Compliance - synthetic district', 'hosts': 'district', 'gather_facts': False,
                      'vars': {'compliance_run': True}, 'tasks': tasks}, variable_manager=variables, loader=loader)
    compiled = [t for block in play.compile() for t in block.block if t.name in [x['name'] for x in tasks]]
    hosts = [(inventory.get_host(name), inventory.get_host(name).vars) for name in sorted(inventory.hosts)]
    return play, hosts, compiled


def waivers(host_vars, school_number):
    found = [{'control': 'SYN-FW-01', 'reason': 'district kiosk image', 'owner': 'CIS', 'expires': '2099-06-30',
              'expired': False, 'source': 'group_vars/all.yml'}]
    if school_number % 10 == 3:
        found.append({'control': 'SYN-LOG-01', 'reason': 'pilot of the old logger', 'owner': 'school IT',
                      'expires': '2020-06-30', 'expired': True, 'source': 'group_vars/school.yml'})
    return found


def result_of(rand, district, task_number, host_vars, host_waivers):
    """(outcome, result) of control task TASK_NUMBER on a host."""
    control = district.ids[task_number]
    if any(w['control'] == control and not w['expired'] for w in host_waivers):
        return 'skipped', {'skipped': True, 'skip_reason': 'waived'}
    roll = rand.random()
    if roll < district.drift:
        person = host_vars['asset_assigned_to']
        before = MOTD.format(host='x', tag=host_vars['asset_tag'], school=host_vars['asset_school'],
                             room=host_vars['asset_room'], person='nobody recorded')
        after = MOTD.format(host='x', tag=host_vars['asset_tag'], school=host_vars['asset_school'],
                            room=host_vars['asset_room'], person=person)
        return 'ok', {'changed': True, 'diff': {'before': before, 'after': after, 'before_header': '/etc/motd',
                                                'after_header': '/etc/motd'}}
    if roll < district.drift + 0.05:
        return 'skipped', {'skipped': True, 'skip_reason': 'Conditional result was False'}
    if roll < district.drift + 0.055:
        return 'ok', {'changed': False, 'control_status': 'managed-by-mdm' if roll < district.drift + 0.0525
                      else 'needs-edition', 'msg': 'not in effect'}
    if roll < district.drift + 0.057:
        return 'failed', {'failed': True, 'msg': 'timeout reading the setting on %s' % host_vars['asset_tag']}
    return 'ok', {'changed': False}


def drive(callback, district, built=None, playbook='compliance.yml'):
    """Send the events of one dry run of DISTRICT (BUILT: its build(), made when not given) to CALLBACK.
    Returns {events, hosts, tasks}."""
    play, hosts, tasks = built or build(district)
    rand = random.Random(district.seed)
    callback.v2_playbook_on_start(type('Playbook', (), {'_file_name': playbook})())
    callback.v2_playbook_on_play_start(play)
    schools = dict((s, n) for n, s in enumerate(district.schools))
    down = set(name for (host, _v) in hosts for name in [host.get_name()] if rand.random() < district.unreachable)
    host_waivers = dict((h.get_name(), waivers(v, schools[v['asset_school']])) for h, v in hosts)
    events = 0
    for number, task in enumerate(tasks):
        callback.v2_playbook_on_task_start(task, False)
        for host, host_vars in hosts:
            name = host.get_name()
            if name in down:
                if number == 0:
                    callback.v2_runner_on_unreachable(CallbackTaskResult(host, task, {
                        'unreachable': True, 'msg': 'ssh: connect to host %s port 22: No route to host' % name}, {}))
                    events += 1
                continue
            if number == 0:
                outcome, result = 'ok', {'ansible_facts': {'baseline_waivers_found': host_waivers[name]}}
            else:
                outcome, result = result_of(rand, district, number - 1, host_vars, host_waivers[name])
            wrapped = CallbackTaskResult(host, task, result, {})
            if outcome == 'ok':
                callback.v2_runner_on_ok(wrapped)
            elif outcome == 'failed':
                callback.v2_runner_on_failed(wrapped)
            else:
                callback.v2_runner_on_skipped(wrapped)
            events += 1
    callback.v2_playbook_on_stats(None)
    return {'events': events, 'hosts': len(hosts), 'tasks': len(tasks)}


def main(argv=None):
    """python tests/synthetic_district.py --hosts N [--schools S] --out DIR [--history DB] [--keep K]
    [--umask 0] [--controls C] [--seed N]: one run; prints the callback's totals (JSON) as the last line."""
    parser = argparse.ArgumentParser()
    parser.add_argument('--hosts', type=int, required=True)
    parser.add_argument('--schools', type=int, default=40)
    parser.add_argument('--controls', type=int, default=80)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--out', required=True)
    parser.add_argument('--history', default='')
    parser.add_argument('--keep', type=int, default=30)
    parser.add_argument('--umask', type=lambda v: int(v, 8))
    args = parser.parse_args(argv)
    if args.umask is not None:
        os.umask(args.umask)
    callback = load_callback(args.out, args.history, report_keep=args.keep)
    drive(callback, District(hosts=args.hosts, schools=args.schools, controls=args.controls, seed=args.seed))
    print(json.dumps(callback.done, sort_keys=True))


if __name__ == '__main__':
    main()
