# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn the tables of one or more asset sheets into an asset book.

The book is plain JSON-able data, built once and shared by everything that
needs the sheet (the inventory plugin, `make check-sheet`, reports):

    hosts       [{'name': hostname, 'vars': {asset_* ..., ansible_host}}]
    printers    [{'school', 'room', 'printer': {name, uri, ip, mac, model, location, asset_tag}}]
    problems    ['file:sheet:row N: column D (MAC Address): reason', ...] in sheet order
    left_out    {'laptop (chromeos)': 3, 'projector': 2, ...}  live rows that are not hosts
    not_managed {'retired': 1, 'lost': 1}                   rows whose status is not managed
    excluded    {'exclude[0]': 143, 'include': 2}           rows an include/exclude filter left out
    no_hosts    ['college.csv: 0 hosts from 56 rows: 56 left out by type other']  sources with rows, no host
    sources, rows (data rows read), skipped (live rows with a problem, or skipped as a duplicate)
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.plugin_utils import sheet_columns as columns
from ansible_collections.district.standard.plugins.plugin_utils.sheet_duplicates import duplicates
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError
from ansible_collections.district.standard.plugins.plugin_utils.sheet_rows import Plan, RowReader, column_letter
from ansible_collections.district.standard.plugins.plugin_utils.sheet_settings import Settings
from ansible_collections.district.standard.plugins.plugin_utils.sheet_sources import (
    FetchOptions, parse_sources, read_sources)

__all__ = ('HOST_VARS', 'Settings', 'build_book', 'column_letter', 'load_book', 'summarise')

# host variable -> sheet field
HOST_VARS = (('asset_tag', 'asset_tag'), ('asset_serial', 'serial'), ('asset_mac', 'mac'), ('asset_ip', 'ip'),
             ('asset_school', 'school'), ('asset_room', 'room'), ('asset_type', 'type'), ('asset_os', 'os'),
             ('asset_os_version', 'os_version'), ('asset_model', 'model'), ('asset_manufacturer', 'manufacturer'),
             ('asset_status', 'status'), ('asset_assigned_to', 'assigned_to'), ('asset_notes', 'notes'))


class _Builder(object):
    def __init__(self, settings):
        self.settings = settings
        self.rows = []
        self.book = {'sources': [], 'hosts': [], 'printers': [], 'problems': [], 'left_out': {}, 'not_managed': {},
                     'excluded': {}, 'no_hosts': [], 'rows': 0, 'skipped': 0}
        self.reader = RowReader(settings, self.book)
        self._sheet_problems = []
        self._per_table = []  # (label, rows read, {reason: count}) in order

    def add_table(self, table):
        self.book['sources'].append(table.label)
        header_at = columns.find_header(table.rows, self.settings.lookup)
        if header_at is None:
            message = ('%s: no header row found in the first %d rows; expected a row naming at least two of: %s'
                       % (table.label, columns.HEADER_SEARCH_ROWS,
                          ', '.join(h[0] for h in columns.HEADER_SYNONYMS.values())))
            if not table.optional:
                raise SheetError(message)
            self._sheet_problems.append(message + ' (sheet left out)')
            return
        plan = Plan(table, table.rows[header_at], self.settings)
        for key in plan.missing():
            self._sheet_problems.append("%s: no column %s for the include/exclude/derive key of that name; it "
                                        "matches nothing there" % (table.label, key))
        counts = {}
        read = 0
        for offset in range(header_at + 1, len(table.rows)):
            cells = table.rows[offset]
            if not any(cell.strip() for cell in cells):
                continue
            read += 1
            result = self.reader.read(plan, cells, offset, len(self.rows))
            if isinstance(result, str):
                counts[result] = counts.get(result, 0) + 1
            else:
                self.rows.append(result)
        self.book['rows'] += read
        self._per_table.append((table.label, read, counts))

    def finish(self):
        book, dns_suffix = self.book, self.settings.dns_suffix
        lines = duplicates(self.rows, self.settings.duplicates)
        per_label = {}
        for row in self.rows:
            tally = per_label.setdefault(row.plan.label, {})
            if row.problems or row.dropped:
                book['skipped'] += 1
                lines.extend((row.order, line) for line in row.problems)
                tally['skipped with problems'] = tally.get('skipped with problems', 0) + 1
            elif row.kind == 'host':
                book['hosts'].append(_host(row, dns_suffix))
                tally['hosts'] = tally.get('hosts', 0) + 1
            elif row.kind == 'printer':
                book['printers'].append(_printer(row))
                tally['printers'] = tally.get('printers', 0) + 1
            else:
                book['left_out'][row.kind] = book['left_out'].get(row.kind, 0) + 1
                reason = 'left out by type %s' % row.kind
                tally[reason] = tally.get(reason, 0) + 1
        lines.sort(key=lambda item: item[0])
        book['problems'] = self._sheet_problems + [line for _order, line in lines]
        for label, read, counts in self._per_table:
            tally = dict(per_label.get(label, {}), **counts)
            if read and not tally.get('hosts'):
                book['no_hosts'].append(no_host_line(label, read, tally))
        return book


def no_host_line(label, read, tally):
    """'college.csv: 0 hosts from 56 rows: 40 left out by type other, 16 not managed'."""
    reasons = sorted(((n, why) for why, n in tally.items() if why != 'hosts' and n), key=lambda item: (-item[0], item[1]))
    return '%s: 0 hosts from %d rows: %s' % (label, read, ', '.join('%d %s' % item for item in reasons))


def _host(row, dns_suffix):
    cells = row.cells
    hostvars = dict((var, cells.get(field, '')) for var, field in HOST_VARS)
    hostvars.update(asset_extra=row.extra(), asset_source=row.where)
    if cells['ip']:
        hostvars['ansible_host'] = cells['ip']
    elif dns_suffix:
        hostvars['ansible_host'] = '%s.%s' % (cells['hostname'], dns_suffix)
    return {'name': cells['hostname'], 'vars': hostvars}


def _printer(row):
    cells = row.cells
    printer = {'name': cells['hostname'], 'uri': cells.get('printer_uri', ''), 'ip': cells['ip'],
               'mac': cells['mac'], 'model': cells.get('model', ''),
               'location': cells.get('room') or cells['school'], 'asset_tag': cells.get('asset_tag', '')}
    return {'school': cells['school'], 'room': cells.get('room', ''), 'printer': printer}


def build_book(tables, settings):
    """The asset book of these tables (see the module docstring)."""
    builder = _Builder(settings)
    for table in tables:
        builder.add_table(table)
    return builder.finish()


def load_book(options, base_dir=''):
    """The asset book of an asset_sheet config's options (a dict), relative paths from base_dir."""
    settings = Settings.from_options(options.get)
    sources = parse_sources(options.get('source'), options.get('sheet'), base_dir, options.get('allow_http'))
    return build_book(read_sources(sources, FetchOptions.from_options(options.get)), settings)


def counts(book):
    """The book's counts (rows, hosts, printers; left out, not managed, excluded, skipped; problems), without a
    walk over the hosts."""
    return {'rows': book['rows'], 'hosts': len(book['hosts']), 'printers': len(book['printers']),
            'left_out_by_type': book['left_out'], 'not_managed_by_status': book['not_managed'],
            'excluded_by_filter': book['excluded'], 'skipped_rows': book['skipped'],
            'problem_count': len(book['problems'])}


def summarise(book):
    """Counts for people: the book's counts, and hosts per school, OS and type."""
    per = {'school': {}, 'os': {}, 'type': {}}
    for host in book['hosts']:
        for key in per:
            value = host['vars']['asset_' + key]
            per[key][value] = per[key].get(value, 0) + 1
    return dict(counts(book), hosts_per_school=per['school'], hosts_per_os=per['os'], hosts_per_type=per['type'])
