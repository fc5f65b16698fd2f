# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The asset book as Ansible inventory (controller only): hosts, groups, printers and the report on `all`.

Used by the asset_sheet inventory plugin; kept apart so the plugin file holds its documentation and the
reading/caching of sources.
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import HOST_VARS, counts
from ansible_collections.district.standard.plugins.plugin_utils.sheet_values import slug

OS_GROUPS = {'windows': 'windows', 'macos': 'macos', 'linux': 'linux'}
TYPE_GROUPS = {'desktop': 'desktops', 'laptop': 'laptops', 'server': 'servers'}
REPORT_VAR = 'asset_sheet_report'
SCHOOL_PRIORITY = 10
# asset_sheet_report: every host carries the vars of `all`, and ansible-inventory --list prints them once per
# host, so it holds a few numbers (those that are not 0, and always rows, hosts and problem_count); the counts
# per type, status and filter are printed by make check-sheet
REPORT_COUNTS = (('rows', 'rows'), ('hosts', 'hosts'), ('printers', 'printers'), ('left_out', 'left_out_by_type'),
                 ('not_managed', 'not_managed_by_status'), ('excluded', 'excluded_by_filter'),
                 ('skipped_rows', 'skipped_rows'), ('problem_count', 'problem_count'))
ALWAYS = ('rows', 'hosts', 'problem_count')
# the printer fields a client queue needs (the printers role); a print server gets every field
CLIENT_FIELDS = ('name', 'uri', 'model', 'location', 'asset_tag')


class _GroupGuard(object):
    """The inventory as the constructed options (groups, keyed_groups) see it: a group they make with the name
    of a sheet host is noted, and that host is not touched again (it leaves the inventory afterwards)."""

    def __init__(self, inventory, hosts):
        self._inventory, self._hosts, self.conflicts = inventory, hosts, set()

    def __getattr__(self, name):
        return getattr(self._inventory, name)

    def add_group(self, group):
        if group in self._hosts:
            self.conflicts.add(group)
        return self._inventory.add_group(group)

    def add_child(self, group, child):
        if child in self.conflicts:
            return False
        return self._inventory.add_child(group, child)

    def add_host(self, host, group=None, port=None):
        if host in self.conflicts:
            return host
        return self._inventory.add_host(host, group, port)


def populate(plugin, book):
    """Hosts, groups and printers of BOOK into plugin.inventory; the problem lines only the inventory sees
    (a host named like a group that exists, or that the config's groups/keyed_groups make)."""
    inventory = plugin.inventory
    # Sheet values are plain text, never trusted as templates. They go straight into each host's vars:
    # Ansible's per-variable set_variable (with its trust-tagging proxy) costs about 1 s per 10,000 hosts.
    data = getattr(inventory, '__wrapped__', inventory)
    made, problems, added = set(), [], []

    def group(name, parent=None):
        if name not in made:
            inventory.add_group(name)
            if parent:
                inventory.add_child(parent, name)
            elif name.startswith('school_'):
                # school vars win over OS/type vars of the same depth; rooms are deeper still
                inventory.set_variable(name, 'ansible_group_priority', SCHOOL_PRIORITY)
            made.add(name)
        return name

    places = {}

    def place(school, room):
        """(school group, room group or None) of a sheet's school and room text, each made once."""
        key = (school, room)
        if key not in places:
            school_group = group('school_' + slug(school))
            places[key] = (school_group, group('room_%s_%s' % (school_group[7:], slug(room)), school_group)
                           if room else None)
        return places[key]

    # Blank cells are not set per host: `all` holds '' for every asset_* variable and a host var overrides it.
    for var, _field in HOST_VARS:
        inventory.set_variable('all', var, '')
    inventory.set_variable('all', 'asset_extra', {})
    for host in book['hosts']:
        name, hostvars = host['name'], host['vars']
        if name in inventory.groups:
            problems.append("%s: the hostname '%s' is the name of a group of this inventory; the host is left out"
                            % (hostvars['asset_source'], name))
            continue
        school, room = place(hostvars['asset_school'], hostvars['asset_room'])
        inventory.add_host(name, group=room or school)
        inventory.add_child(group(OS_GROUPS[hostvars['asset_os']]), name)
        inventory.add_child(group(TYPE_GROUPS[hostvars['asset_type']]), name)
        data.get_host(name).vars.update((var, value) for var, value in hostvars.items() if value)
        added.append(host)
    _set_printers(plugin, book['printers'], added, place)
    problems.extend(_construct(plugin, added))
    return problems


def _construct(plugin, hosts):
    compose, groups, keyed = plugin.get_option('compose'), plugin.get_option('groups'), plugin.get_option('keyed_groups')
    if not (compose or groups or keyed):
        return []
    strict, inventory = plugin.get_option('strict'), plugin.inventory
    guard = _GroupGuard(inventory, frozenset(host['name'] for host in hosts))
    plugin.inventory = guard
    try:
        for host in hosts:
            name, hostvars = host['name'], host['vars']
            if name in guard.conflicts:
                continue
            if compose:
                plugin._set_composite_vars(compose, hostvars, name, strict=strict)
            if groups:
                plugin._add_host_to_composed_groups(groups, hostvars, name, strict=strict)
            if keyed:
                plugin._add_host_to_keyed_groups(keyed, hostvars, name, strict=strict)
    finally:
        plugin.inventory = inventory
    problems = []
    for host in hosts:
        if host['name'] in guard.conflicts:
            inventory.remove_host(inventory.hosts[host['name']])
            problems.append("%s: the hostname '%s' is also the name of a group the config's groups or keyed_groups "
                            "make; the host is left out" % (host['vars']['asset_source'], host['name']))
    return problems


def _set_printers(plugin, printers, hosts, place):
    """room_printers (the fields a client queue needs) on each room group; school_printers (every field) on each
    Linux server of the school, where the CUPS print server runs. Not on the school group: every desktop would
    carry the school's whole printer list."""
    by_room, by_school = {}, {}
    for entry in printers:
        school, room = place(entry['school'], entry['room'])
        by_school.setdefault(school, []).append(entry['printer'])
        if room:
            client = dict((key, entry['printer'][key]) for key in CLIENT_FIELDS)
            by_room.setdefault(room, []).append(client)
    for name, value in by_room.items():
        plugin.inventory.set_variable(name, 'room_printers', value)
    data = getattr(plugin.inventory, '__wrapped__', plugin.inventory)
    for host in hosts:
        hostvars = host['vars']
        if hostvars['asset_type'] == 'server' and hostvars['asset_os'] == 'linux':
            served = by_school.get(place(hostvars['asset_school'], '')[0])
            if served:
                data.get_host(host['name']).vars['school_printers'] = served


def set_report(inventory, book, extra_problems, problems_file):
    """asset_sheet_report on `all`: the counts (merged over several config files) and where the full problem
    list is; the list itself is not there."""
    summary = counts(book)
    summary['problem_count'] += len(extra_problems)
    report = {}
    for key, source in REPORT_COUNTS:
        value = summary[source]
        value = sum(value.values()) if isinstance(value, dict) else value
        if value or key in ALWAYS:
            report[key] = value
    if problems_file:
        report['problems_files'] = [problems_file]
    previous = inventory.groups['all'].get_vars().get(REPORT_VAR)
    if previous:
        report = merge(previous, report)
    inventory.set_variable('all', REPORT_VAR, report)


def merge(old, new):
    """Add two reports: numbers are summed, lists joined, count tables merged."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict):
            merged[key] = merge(old.get(key, {}), value)
        elif isinstance(value, list):
            merged[key] = list(old.get(key, [])) + value
        else:
            merged[key] = old.get(key, 0) + value
    return merged
