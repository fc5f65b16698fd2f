# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: asset_sheet
short_description: The school asset sheet (CSV, XLSX, ODS or a published URL) as inventory
description:
  - Reads the spreadsheet a school keeps of its devices and turns every managed computer into a host.
  - Groups are C(school_<school>) with child groups C(room_<school>_<room>); C(windows), C(macos),
    C(linux); C(desktops), C(laptops), C(servers). C(all) is the district.
  - Printers become data, not hosts, C(room_printers) on room groups and C(school_printers) on school
    groups. Chromebooks, tablets, projectors and network gear are counted and left out.
  - Host variables are prefixed C(asset_) (C(asset_tag), C(asset_serial), C(asset_mac), C(asset_ip), ...).
    Every value from the sheet is data, never a template.
  - Rows with problems are skipped and reported once, as one summary naming file, sheet, row and column.
    The full list and the counts are in the C(asset_sheet_report) variable of C(all).
  - Reads config files whose names end in C(asset_sheet.yml) or C(asset_sheet.yaml).
extends_documentation_fragment:
  - asset_sheet
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks this file as an asset_sheet inventory config.
    required: true
    choices: [asset_sheet]
  strict_rows:
    description:
      - Fail the whole load, listing every problem, when any row has a problem.
      - Off, a problem row is skipped and reported.
    type: bool
    default: false
  max_problem_lines:
    description:
      - How many problem lines the one warning shows. The full list is always in
        C(asset_sheet_report.problems) and printed by C(make check-sheet).
    type: int
    default: 25
'''

EXAMPLES = r'''
# lincoln.asset_sheet.yml: one school, its sheet exported as CSV
plugin: asset_sheet
source: lincoln-assets.csv
dns_suffix: lincoln.district.example.org

---
# district.asset_sheet.yml: every sheet of a workbook, plus a published Google sheet
plugin: asset_sheet
source:
  - path: sheets/district-assets.xlsx
    sheet: "*"
  - url: https://docs.google.com/spreadsheets/d/e/EXAMPLE/pub?output=csv
columns:
  asset_tag: District Barcode
managed_statuses: [active, deployed, in use]
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: .cache/inventory
cache_timeout: 900
# constructed: a group per model, and a variable for a room's lab profile
keyed_groups:
  - key: asset_model
    prefix: model
compose:
  lab_profile: "'lab' if asset_room is match('(?i)lab') else 'classroom'"
'''

import os

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.district.standard.plugins.module_utils.asset_book import (
    HOST_VARS, Settings, build_book, summarise)
from ansible_collections.district.standard.plugins.module_utils.sheet_read import SheetError
from ansible_collections.district.standard.plugins.module_utils.sheet_sources import parse_sources, read_sources
from ansible_collections.district.standard.plugins.module_utils.sheet_values import slug

OS_GROUPS = {'windows': 'windows', 'macos': 'macos', 'linux': 'linux'}
TYPE_GROUPS = {'desktop': 'desktops', 'laptop': 'laptops', 'server': 'servers'}
REPORT_VAR = 'asset_sheet_report'
SCHOOL_PRIORITY = 10


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'asset_sheet'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(
            ('asset_sheet.yml', 'asset_sheet.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        try:
            sources = parse_sources(self.get_option('source'), self.get_option('sheet'), os.path.dirname(path))
            settings = Settings.from_options(self.get_option)
        except (SheetError, ValueError) as exc:
            raise AnsibleParserError('%s: %s' % (path, exc))
        book = self._book(path, sources, settings, cache)
        problems = book['problems']
        if problems and self.get_option('strict_rows'):
            raise AnsibleParserError('%s: strict_rows is on and %d row problem(s) were found:\n  %s'
                                     % (path, len(problems), '\n  '.join(problems)))
        self._populate(book)
        if problems:
            self._warn(path, book)

    def _book(self, path, sources, settings, cache):
        """The asset book: from the inventory cache when its sources did not change, else read."""
        use_cache = self.get_option('cache')
        key = self.get_cache_key(path)
        stamp = [source.fingerprint() for source in sources] + [_config_stamp(path)]
        if use_cache and cache:
            try:
                cached = self._cache[key]
                if cached.get('stamp') == stamp:
                    return cached['book']
            except KeyError:
                pass
        try:
            tables = read_sources(sources, self.get_option('url_timeout'), self.get_option('validate_certs'))
            book = build_book(tables, settings)
        except SheetError as exc:
            raise AnsibleParserError(str(exc))
        if use_cache:
            self._cache[key] = {'stamp': stamp, 'book': book}
        return book

    def _populate(self, book):
        inventory = self.inventory
        made = set()
        # Sheet values are plain text, never trusted as templates. They go straight into
        # each host's vars: Ansible's per-variable set_variable (with its trust-tagging
        # proxy) costs about 1 s per 10,000 hosts, most of a large sheet's load time.
        data = getattr(inventory, '__wrapped__', inventory)

        def host_vars_of(name):
            return data.get_host(name).vars

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

        compose, groups, keyed = self.get_option('compose'), self.get_option('groups'), self.get_option('keyed_groups')
        strict = self.get_option('strict')
        # Blank cells are not set per host: `all` holds '' for every asset_* variable
        # and a host var overrides it. Same values for tasks, far fewer set_variable calls.
        for var, _field in HOST_VARS:
            inventory.set_variable('all', var, '')
        inventory.set_variable('all', 'asset_extra', {})
        for host in book['hosts']:
            name, hostvars = host['name'], host['vars']
            school = group('school_' + slug(hostvars['asset_school']))
            home = group('room_%s_%s' % (school[7:], slug(hostvars['asset_room'])), school) \
                if hostvars['asset_room'] else school
            inventory.add_host(name, group=home)
            inventory.add_child(group(OS_GROUPS[hostvars['asset_os']]), name)
            inventory.add_child(group(TYPE_GROUPS[hostvars['asset_type']]), name)
            host_vars_of(name).update((var, value) for var, value in hostvars.items() if value)
            if compose:
                self._set_composite_vars(compose, hostvars, name, strict=strict)
            if groups:
                self._add_host_to_composed_groups(groups, hostvars, name, strict=strict)
            if keyed:
                self._add_host_to_keyed_groups(keyed, hostvars, name, strict=strict)
        self._set_printers(book['printers'], group)
        self._set_report(book)

    def _set_printers(self, printers, group):
        by_group = {}
        for entry in printers:
            school = group('school_' + slug(entry['school']))
            by_group.setdefault((school, 'school_printers'), []).append(entry['printer'])
            if entry['room']:
                room = group('room_%s_%s' % (school[7:], slug(entry['room'])), school)
                by_group.setdefault((room, 'room_printers'), []).append(entry['printer'])
        for (name, var), value in by_group.items():
            self.inventory.set_variable(name, var, value)

    def _set_report(self, book):
        """asset_sheet_report on `all`: counts and every problem, merged over several config files.

        Kept small: every host carries the vars of `all`, so ansible-inventory --list repeats it per host.
        """
        report = dict(summarise(book), sources=book['sources'], problems=book['problems'])
        for derivable in ('hosts_per_school', 'hosts_per_os', 'hosts_per_type'):  # the groups tell these
            del report[derivable]
        previous = self.inventory.groups['all'].get_vars().get(REPORT_VAR)
        if previous:
            report = _merge(previous, report)
        self.inventory.set_variable('all', REPORT_VAR, report)

    def _warn(self, path, book):
        problems, limit = book['problems'], self.get_option('max_problem_lines')
        lines = problems[:limit]
        more = len(problems) - len(lines)
        tail = ('\n  ... and %d more: the full list is in asset_sheet_report.problems, or run '
                'make check-sheet SHEET=...' % more) if more > 0 else ''
        self.display.warning('%s: %d row(s) skipped with problems (%d hosts loaded):\n  %s%s'
                             % (path, book['skipped'], len(book['hosts']), '\n  '.join(lines), tail))


def _config_stamp(path):
    stat = os.stat(path)
    return [path, stat.st_size, stat.st_mtime_ns]


def _merge(old, new):
    """Add two reports: numbers are summed, lists joined, count tables merged."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict):
            merged[key] = _merge(old.get(key, {}), value)
        elif isinstance(value, list):
            merged[key] = list(old.get(key, [])) + value
        else:
            merged[key] = old.get(key, 0) + value
    return merged
