# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: asset_sheet
short_description: The school asset sheet (CSV, XLSX, ODS or a published URL) as inventory
description:
  - Reads the spreadsheet a school keeps of its devices, or its asset system's export, and turns every
    managed computer into a host.
  - Groups are C(school_<school>) with child groups C(room_<school>_<room>); C(windows), C(macos),
    C(linux); C(desktops), C(laptops), C(servers). C(all) is the district.
  - Printers become data, not hosts, C(room_printers) on room groups and C(school_printers) on each server
    of the school. Chromebooks, tablets, projectors and network gear are counted and left out.
  - Host variables are prefixed C(asset_) (C(asset_tag), C(asset_serial), C(asset_mac), C(asset_ip), ...).
    Every value from the sheet is data, never a template.
  - Rows with problems are skipped and reported once, as one warning naming file, sheet, row and column.
    C(asset_sheet_report) on C(all) holds the counts; the full problem list is written to
    C(<report_dir>/asset-sheet/<config>.problems.txt) and printed by C(make check-sheet).
  - Rows named C(localhost) or after a group are problems, never hosts.
  - Reads config files whose names end in C(asset_sheet.yml) or C(asset_sheet.yaml).
extends_documentation_fragment:
  - district.standard.asset_sheet
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description:
      - Marks this file as an asset_sheet inventory config. The full name is the one to write; the short name
        C(asset_sheet) still works for configs written before the collection.
    required: true
    choices: [district.standard.asset_sheet, asset_sheet]
  strict_rows:
    description:
      - Fail the whole load, listing every problem, when any row has a problem.
      - Off, a problem row is skipped and reported.
    type: bool
    default: false
  max_problem_lines:
    description:
      - How many problem lines the one warning shows; the rest are in the problems file.
    type: int
    default: 25
  report_dir:
    description:
      - Folder of the reports. The full problem list of a config is written to
        C(<report_dir>/asset-sheet/<config name>.problems.txt) (folder 0700, file 0600, removed when the
        sheet has no problem), the same folder the compliance report uses.
    type: path
    default: reports
    env:
      - name: DISTRICT_REPORT_DIR
    ini:
      - section: compliance_report
        key: report_dir
'''

EXAMPLES = r'''
# lincoln.asset_sheet.yml: one school, its sheet exported as CSV
plugin: district.standard.asset_sheet
source: lincoln-assets.csv
dns_suffix: lincoln.district.example.org

---
# college.asset_sheet.yml: a French collège export. Headers of its own (nom, dsit, famille, salle), no OS
# column (all Windows), no School column (one file per school), its own words for types and statuses,
# rooms that hold no managed device, tags such as 11E20427 kept as typed, screens named after their PC.
plugin: district.standard.asset_sheet
source: sheets/college.csv
columns:
  hostname: nom
  asset_tag: dsit
  type: famille
  manufacturer: marque
  model: modele
  room: salle
defaults:
  os: windows
  school: Collège Jean Moulin
value_maps:
  type: {PC: desktop, PORTABLE: laptop, IMPRIMANTE: printer, ECRAN: other, VIDEOPROJECTEUR: projector,
         APN: other, TBI: projector, SCANNER: other}
exclude:
  - room: 'STOCK|PRETS|D3E|MATERIEL VOLE'

---
# dhcp.asset_sheet.yml: a sheet made from the DHCP reservations. A laptop's wired and Wi-Fi rows share its
# inventory number (both are hosts), unknown tags are typed nnnnnnnnnnnn (blank), rooms and the OS are in
# the hostname (IABD-07, W10-A19-01), the IP column holds only the host part.
plugin: district.standard.asset_sheet
source: sheets/dhcp-reservations.xlsx
school: Lycée Victor Hugo
duplicates:
  asset_tag: ignore
derive:
  room: {from: hostname, match: '^(?:W\d+-)?(?P<value>[A-Z]+\d*)-\d+$'}
  os: {from: hostname, match: '^(?P<value>W7|W10|W11)-', map: {W7: windows, W10: windows, W11: windows}}
subnets:
  IABD: 10.0.72.0/24
  SMRD: 10.0.32.0/24

---
# glpi.asset_sheet.yml: a GLPI computer export (';', French headers); its trees of places give the room
plugin: district.standard.asset_sheet
source: sheets/glpi-ordinateurs.csv
preset: glpi
value_maps:
  status: {EN SERVICE: active, REFORME: retired}

---
# snipeit.asset_sheet.yml: Snipe-IT's export; the district's Snipe-IT keeps the hostname in Asset Name and
# has an "Operating System" custom field. Unknown columns stay out of host variables, but Funding is kept.
plugin: district.standard.asset_sheet
source: sheets/snipeit-assets.csv
preset: snipeit
extra_columns: [Funding]
ignore_columns: [Purchase Cost]

---
# district.asset_sheet.yml: every sheet of a workbook, plus a published Google sheet named by a label
plugin: district.standard.asset_sheet
source:
  - path: sheets/district-assets.xlsx
    sheet: "*"
  - url: https://docs.google.com/spreadsheets/d/e/EXAMPLE/pub?output=csv
    name: roosevelt sheet
columns:
  asset_tag: District Barcode
include:
  - type: desktop|laptop|server|printer
managed_statuses: [active, deployed, in use]
url_deadline: 60
url_max_bytes: 20000000
cache: true
cache_plugin: district.standard.jsonfile
cache_connection: .cache/inventory
cache_timeout: 900
# constructed: a group per model, and a variable for a room's lab profile
keyed_groups:
  - key: asset_model
    prefix: model
compose:
  lab_profile: "'lab' if asset_room is match('(?i)lab') else 'classroom'"

---
# lab.asset_sheet.yml: containers on loopback addresses, the sheet served over plain HTTP
plugin: district.standard.asset_sheet
source: [{url: 'http://127.0.0.1:8000/lab.csv', name: lab sheet}]
lab: true
allow_http: true
'''

import base64
import datetime
import os
import time

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import Settings, build_book
from ansible_collections.district.standard.plugins.plugin_utils.private_files import private_dir, private_open
from ansible_collections.district.standard.plugins.plugin_utils.sheet_inventory import populate, set_report
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError
from ansible_collections.district.standard.plugins.plugin_utils.sheet_sources import (
    FetchOptions, fetch_source, parse_sources, read_sources)
from ansible_collections.district.standard.plugins.plugin_utils.sheet_url import url_hash

CONFIG_ENDINGS = ('asset_sheet.yml', 'asset_sheet.yaml')
NAMES = ('district.standard.asset_sheet', 'asset_sheet')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'district.standard.asset_sheet'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(CONFIG_ENDINGS)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        # `plugin:` may say the short name or the FQCN, whichever name the plugin was enabled by
        self._redirected_names = list(getattr(self, '_redirected_names', None) or [self.NAME]) + list(NAMES)
        self._read_config_data(path)
        try:
            sources = parse_sources(self.get_option('source'), self.get_option('sheet'), os.path.dirname(path),
                                    self.get_option('allow_http'))
            settings = Settings.from_options(self.get_option)
            fetch_options = FetchOptions.from_options(self.get_option)
        except (SheetError, ValueError) as exc:
            raise AnsibleParserError('%s: %s' % (path, exc)) from None
        book = self._book(path, sources, settings, fetch_options, cache)
        if book['problems'] and self.get_option('strict_rows'):
            raise AnsibleParserError('%s: strict_rows is on and %d row problem(s) were found:\n  %s'
                                     % (path, len(book['problems']), '\n  '.join(book['problems'])))
        extra = populate(self, book)
        problems = book['problems'] + extra
        problems_file = self._write_problems(path, problems)
        set_report(self.inventory, book, extra, problems_file)
        if problems or book['no_hosts']:
            self._warn(path, book, problems, problems_file)

    def _book(self, path, sources, settings, fetch_options, cache):
        """The asset book: from the inventory cache when its sources did not change, else read."""
        use_cache = self.get_option('cache')
        key = self.get_cache_key(path)
        stamp = [source.fingerprint() for source in sources] + [_config_stamp(path)]
        if use_cache and cache:
            cached = self._cache.get(key)
            if cached and cached.get('stamp') == stamp:
                return cached['book']
        try:
            tables = read_sources(sources, fetch_options, self._fetcher(key, use_cache))
            book = build_book(tables, settings)
        except SheetError as exc:
            raise AnsibleParserError('%s: %s' % (path, exc)) from None
        if use_cache:
            self._cache[key] = {'stamp': stamp, 'book': book}
        return book

    def _fetcher(self, key, use_cache):
        """fetch(source, options) that keeps the last good copy of each URL in the inventory cache and falls
        back on it, saying how old it is, when the URL fails."""
        def fetch(source, options):
            copy_key = '%s_url_%s' % (key, url_hash(source.location)[:16])
            try:
                data = fetch_source(source, options)
            except SheetError as exc:
                copy = self._last_good(copy_key) if use_cache else None
                if not copy:
                    raise SheetError('%s; no good copy of it is in the inventory cache%s' % (
                        exc, '' if use_cache else ' (cache: true keeps one for a day like this)')) from exc
                fetched = float(copy['fetched'])
                self.display.warning('%s; using the last good copy, fetched %s ago (%s)' % (
                    exc, _age(time.time() - fetched), datetime.datetime.fromtimestamp(fetched).strftime('%Y-%m-%d %H:%M')))
                return base64.b64decode(copy['data'])
            if use_cache:
                self._cache[copy_key] = {'fetched': time.time(), 'data': base64.b64encode(data).decode('ascii')}
            return data
        return fetch

    def _last_good(self, copy_key):
        """The cached copy, even past cache_timeout: an old copy of the sheet beats no inventory when the URL is
        down. A file cache keeps it on disk; it is read with its expiry off (timeout 0: never expires)."""
        copy = self._cache.get(copy_key)
        plugin = getattr(self._cache, '_plugin', None)
        inner = getattr(plugin, '__wrapped__', plugin)
        if copy is None and hasattr(inner, '_timeout'):
            timeout = inner._timeout
            inner._timeout = 0
            try:
                copy = plugin.get(copy_key)
            except (KeyError, ValueError, OSError):
                copy = None
            finally:
                inner._timeout = timeout
        return copy if isinstance(copy, dict) and copy.get('data') else None

    def _write_problems(self, path, problems):
        """The full problem list in <report_dir>/asset-sheet/<config>.problems.txt (0600), or no file."""
        name = os.path.basename(path)
        for ending in CONFIG_ENDINGS:
            if name.endswith(ending):
                name = name[:-len(ending)].rstrip('.') or 'asset_sheet'
                break
        folder = os.path.join(os.path.abspath(self.get_option('report_dir')), 'asset-sheet')
        target = os.path.join(folder, name + '.problems.txt')
        try:
            if not problems:
                if os.path.exists(target):
                    os.remove(target)
                return ''
            private_dir(folder)
            temporary = target + '.tmp'
            with private_open(temporary, 'w', encoding='utf-8') as out:
                out.write('# %s: %d problem(s)\n%s\n' % (path, len(problems), '\n'.join(problems)))
            os.replace(temporary, target)
        except OSError as exc:
            self.display.warning('%s: cannot write the problem list to %s: %s' % (path, target, exc.strerror or exc))
            return ''
        return target

    def _warn(self, path, book, problems, problems_file):
        lines, limit = [], self.get_option('max_problem_lines')
        if problems:
            shown = problems[:limit]
            lines.append('%d problem(s), %d row(s) skipped (%d hosts loaded):' % (
                len(problems), book['skipped'], len(book['hosts'])))
            lines.extend('  ' + line for line in shown)
            if len(problems) > len(shown):
                lines.append('  ... and %d more: the full list is in %s, or run make check-sheet SHEET=%s'
                             % (len(problems) - len(shown), problems_file or 'the problems file', path))
        lines.extend(book['no_hosts'])
        self.display.warning('%s: %s' % (path, '\n'.join(lines)))


def _config_stamp(path):
    stat = os.stat(path)
    return [path, stat.st_size, stat.st_mtime_ns]


def _age(seconds):
    """'2 d 3 h', '3 h 12 min', '5 min'."""
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    if days:
        return '%d d %d h' % (days, hours)
    return '%d h %d min' % (hours, minutes) if hours else '%d min' % minutes
