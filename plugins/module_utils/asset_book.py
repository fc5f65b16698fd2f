# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn the tables of one or more asset sheets into an asset book.

The book is plain JSON-able data, built once and shared by everything that
needs the sheet (the inventory plugin, `make check-sheet`, reports):

    hosts     [{'name': hostname, 'vars': {asset_* ..., ansible_host}}]
    printers  [{'school', 'room', 'printer': {name, uri, ip, mac, model, location, asset_tag}}]
    problems  ['file:sheet:row N: column D (MAC Address): reason', ...] in sheet order
    left_out  {'laptop (chromeos)': 3, 'projector': 2, ...}  live rows that are not hosts
    not_managed {'retired': 1, 'lost': 1}                   rows whose status is not managed
    sources, rows (data rows read), skipped (rows with a problem)
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.module_utils import sheet_columns as columns
from ansible_collections.district.standard.plugins.module_utils import sheet_values as values
from ansible_collections.district.standard.plugins.module_utils.sheet_read import SheetError
from ansible_collections.district.standard.plugins.module_utils.sheet_sources import parse_sources, read_sources

DEFAULT_HOSTNAME_TEMPLATE = '{{ school }}-{{ room }}-{{ asset_tag }}'
SHEET_ERRORS = frozenset(('#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!'))
# fields whose text is never an Excel-mangled number
_NOT_NUMBERS = frozenset(('ip', 'mac', 'os_version', 'printer_uri'))
_UNIQUE = (('asset_tag', 'asset tag'), ('mac', 'MAC'), ('ip', 'IP'))
# host variable -> sheet field
HOST_VARS = (('asset_tag', 'asset_tag'), ('asset_serial', 'serial'), ('asset_mac', 'mac'), ('asset_ip', 'ip'),
             ('asset_school', 'school'), ('asset_room', 'room'), ('asset_type', 'type'), ('asset_os', 'os'),
             ('asset_os_version', 'os_version'), ('asset_model', 'model'), ('asset_manufacturer', 'manufacturer'),
             ('asset_status', 'status'), ('asset_assigned_to', 'assigned_to'), ('asset_notes', 'notes'))


class Settings(object):
    """The sheet options shared by the inventory plugin and the sheet check."""

    def __init__(self, columns_map=None, school='', managed_statuses=None, hostname_template=None, dns_suffix=''):
        self.lookup = columns.header_lookup(columns_map)
        self.school = school or ''
        statuses = values.DEFAULT_MANAGED_STATUSES if managed_statuses is None else managed_statuses
        self.managed = frozenset(values.normalise_status(str(s)) for s in statuses)
        self.hostname_template = hostname_template or DEFAULT_HOSTNAME_TEMPLATE
        unknown = set(values.template_fields(self.hostname_template)) - set(columns.FIELDS)
        if unknown:
            raise SheetError("hostname_template: unknown field(s) %s; fields are: %s"
                             % (', '.join(sorted(unknown)), ', '.join(columns.FIELDS)))
        self.dns_suffix = (dns_suffix or '').strip('.')

    @classmethod
    def from_options(cls, get):
        """Settings from option values; get is plugin.get_option or dict.get."""
        return cls(get('columns'), get('school'), get('managed_statuses'), get('hostname_template'), get('dns_suffix'))


def column_letter(index):
    """0 -> 'A', 27 -> 'AB'."""
    letters = ''
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Row(object):
    """One live data row while the book is built."""

    __slots__ = ('order', 'where', 'cells', 'names', 'problems', 'kind', 'extra')

    def __init__(self, order, where, names):
        self.order, self.where, self.names = order, where, names
        self.cells, self.problems, self.kind, self.extra = {}, [], None, {}

    def problem(self, field, reason):
        self.problems.append('%s: %s: %s' % (self.where, self.names.get(field, field), reason))


class _Builder(object):
    def __init__(self, settings):
        self.settings = settings
        self.rows = []
        self.book = {'sources': [], 'hosts': [], 'printers': [], 'problems': [],
                     'left_out': {}, 'not_managed': {}, 'rows': 0, 'skipped': 0}
        self._sheet_problems = []

    def add_table(self, table):
        self.book['sources'].append(table.label)
        header_at = columns.find_header(table.rows, self.settings.lookup)
        if header_at is None:
            message = ('%s: no header row found in the first %d rows; expected a row naming at least two of: %s'
                       % (table.label, columns.HEADER_SEARCH_ROWS, ', '.join(h[0] for h in columns.HEADER_SYNONYMS.values())))
            if not table.optional:
                raise SheetError(message)
            self._sheet_problems.append(message + ' (sheet left out)')
            return
        header = table.rows[header_at]
        fields, extras = columns.map_columns(header, self.settings.lookup)
        names = dict((field, 'column %s (%s)' % (column_letter(index + table.first_col), header[index].strip()))
                     for field, index in fields.items())
        plan = list(fields.items())
        extra_plan = list(extras.items())
        for offset, cells in enumerate(table.rows[header_at + 1:], start=header_at + 1):
            if not any(cell.strip() for cell in cells):
                continue
            self.book['rows'] += 1
            width = len(cells)
            where = '%s:row %d' % (table.label, table.first_row + offset)
            row = _Row(len(self.rows), where, names)
            for field, index in plan:
                text = cells[index].strip() if index < width else ''
                if text and field not in _NOT_NUMBERS:
                    text = values.repair_number(text)
                row.cells[field] = text
            for index, key in extra_plan:
                text = cells[index].strip() if index < width else ''
                if text:
                    row.extra[key] = values.repair_number(text)
            self._read_row(row)

    def _read_row(self, row):
        cells = row.cells
        status = values.normalise_status(cells.get('status', ''))
        if status not in self.settings.managed:
            counts = self.book['not_managed']
            counts[status] = counts.get(status, 0) + 1
            return
        for field, text in cells.items():
            if text in SHEET_ERRORS:
                row.problem(field, "the cell holds the spreadsheet error %s" % text)
        cells['status'] = status
        self._normalise(row, 'mac', values.normalise_mac)
        self._normalise(row, 'ip', values.normalise_ip)
        cells['os'] = values.normalise_os(cells.get('os', ''))
        device_type = values.normalise_type(cells.get('type', '')) or values.normalise_type(cells.get('model', ''))
        if device_type in ('', 'other') and not cells.get('type'):
            row.problem('type', 'the device type is blank; expected one of %s' % ', '.join(values.DEVICE_TYPES))
        cells['type'] = device_type
        if not cells.get('school'):
            cells['school'] = self.settings.school
            if not cells['school']:
                row.problem('school', 'the school is blank (or set the school option for this sheet)')
        if device_type in values.COMPUTER_TYPES and not cells['os']:
            row.problem('os', 'the OS is blank; a %s needs windows, macos or linux' % device_type)
        if device_type == 'printer':
            self._normalise(row, 'printer_uri', values.normalise_printer_uri)
            row.kind = 'printer'
        elif device_type in values.COMPUTER_TYPES and cells['os'] in values.MANAGED_OS:
            row.kind = 'host'
        else:
            row.kind = '%s (%s)' % (device_type, cells['os']) if device_type in values.COMPUTER_TYPES else device_type
        self._hostname(row)
        self.rows.append(row)

    @staticmethod
    def _normalise(row, field, normaliser):
        try:
            row.cells[field] = normaliser(row.cells.get(field, ''))
        except values.ValueProblem as exc:
            row.problem(field, str(exc))
            row.cells[field] = ''

    def _hostname(self, row):
        if row.cells.get('hostname'):
            self._normalise(row, 'hostname', values.normalise_hostname)
            return
        template = self.settings.hostname_template
        blank = [f for f in values.template_fields(template) if not row.cells.get(f)]
        if blank:
            row.problem('hostname', 'the hostname is blank and the template %s needs %s, blank too'
                        % (template, ', '.join(blank)))
            return
        name = values.render_hostname(template, row.cells)
        try:
            row.cells['hostname'] = values.normalise_hostname(name)
        except values.ValueProblem as exc:
            row.problem('hostname', 'the hostname is blank and the template gave %s' % exc)

    def _duplicates(self):
        first = {}
        for row in self.rows:
            name = row.cells.get('hostname')
            if not name:
                continue
            if name in first:
                row.problem('hostname', "hostname '%s' is already used by %s (the first row is kept)"
                            % (name, first[name].where))
            else:
                first[name] = row
        for field, title in _UNIQUE:
            seen = {}
            for row in self.rows:
                value = row.cells.get(field)
                if value:
                    seen.setdefault(value, []).append(row)
            for value, rows in seen.items():
                if len(rows) < 2:
                    continue
                for row in rows:
                    others = ', '.join(other.where for other in rows if other is not row)
                    row.problem(field, "%s '%s' is also on %s" % (title, value, others))

    def finish(self):
        self._duplicates()
        book, dns_suffix = self.book, self.settings.dns_suffix
        for row in self.rows:
            if row.problems:
                book['skipped'] += 1
                book['problems'].extend(row.problems)
            elif row.kind == 'host':
                book['hosts'].append(_host(row, dns_suffix))
            elif row.kind == 'printer':
                book['printers'].append(_printer(row))
            else:
                book['left_out'][row.kind] = book['left_out'].get(row.kind, 0) + 1
        book['problems'] = self._sheet_problems + book['problems']
        return book


def _host(row, dns_suffix):
    cells = row.cells
    hostvars = dict((var, cells.get(field, '')) for var, field in HOST_VARS)
    hostvars.update(asset_extra=row.extra, asset_source=row.where)
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
    sources = parse_sources(options.get('source'), options.get('sheet'), base_dir)
    return build_book(read_sources(sources, options.get('url_timeout', 30), options.get('validate_certs', True)),
                      settings)


def summarise(book):
    """Counts for people: hosts per school, OS and type; printers; left out; problems."""
    per = {'school': {}, 'os': {}, 'type': {}}
    for host in book['hosts']:
        for key in per:
            value = host['vars']['asset_' + key]
            per[key][value] = per[key].get(value, 0) + 1
    return {'rows': book['rows'], 'hosts': len(book['hosts']), 'printers': len(book['printers']),
            'hosts_per_school': per['school'], 'hosts_per_os': per['os'], 'hosts_per_type': per['type'],
            'left_out_by_type': book['left_out'], 'not_managed_by_status': book['not_managed'],
            'skipped_rows': book['skipped'], 'problem_count': len(book['problems'])}
