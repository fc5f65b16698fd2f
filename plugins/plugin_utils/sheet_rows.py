# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One data row of a sheet, read the way the options say: cells -> a live row with normalised fields and its
problems, or the reason it is left out before any check (a filter, a status that is not managed).

The order, per row: cells cut to MAX_CELL_CHARS, numbers Excel mangled, placeholders blank; derive, then
defaults and the school option fill blank fields; type, OS and status normalised (value_maps first); include
and exclude; the managed statuses. A live row then gets its MAC, IP (host parts through subnets), kind
(host, printer, or what it is left out as), hostname and printer URI checked.
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.plugin_utils import sheet_columns as columns
from ansible_collections.district.standard.plugins.plugin_utils import sheet_text as text
from ansible_collections.district.standard.plugins.plugin_utils import sheet_values as values
from ansible_collections.district.standard.plugins.plugin_utils.sheet_settings import MATCH_CHARS

SHEET_ERRORS = frozenset(('#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!'))
# fields whose text is never read as a number Excel mangled
_NOT_NUMBERS = frozenset(('ip', 'mac', 'os_version', 'printer_uri', 'notes', 'assigned_to'))


def column_letter(index):
    """0 -> 'A', 27 -> 'AB'."""
    letters = ''
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Row(object):
    """One live data row while the book is built."""

    __slots__ = ('order', 'plan', 'number', 'cells', 'problems', 'kind', 'dropped', 'source', 'typed')

    def __init__(self, order, plan, number, cells, source):
        self.order, self.plan, self.number, self.cells, self.source = order, plan, number, cells, source
        self.problems, self.kind, self.dropped, self.typed = [], None, False, True

    @property
    def where(self):
        return '%s:row %d' % (self.plan.label, self.number)

    def column(self, field):
        return self.plan.names.get(field, field)

    def problem(self, field, reason):
        self.problems.append('%s: %s: %s' % (self.where, self.column(field), reason))

    def extra(self):
        """asset_extra of the row: the kept unknown columns that are not blank."""
        source, width, words, out = self.source, len(self.source), self.plan.placeholders, {}
        for index, key in self.plan.extras:
            cell = source[index].strip()[:text.MAX_CELL_CHARS] if index < width else ''
            if cell and not text.is_placeholder(cell, words):
                try:
                    out[key] = text.number_text(cell)
                except ValueError:
                    out[key] = cell
        return out


class Plan(object):
    """How the rows of one table are read: its columns, their names in messages, the filters' columns."""

    __slots__ = ('label', 'fields', 'names', 'extras', 'columns', 'first_row', 'notes', 'placeholders')

    def __init__(self, table, header, settings):
        fields, extras = columns.map_columns(header, settings.lookup, settings.ignore, settings.extra)
        self.label, self.first_row, self.notes = table.label, table.first_row, table.notes
        self.fields = sorted(fields.items(), key=lambda item: item[1])
        self.extras = sorted(extras.items())
        self.names = dict((field, 'column %s (%s)' % (column_letter(index + table.first_col),
                                                      text.shown(header[index].strip())))
                          for field, index in fields.items())
        keys = dict((columns.header_key(cell), index) for index, cell in reversed(list(enumerate(header)))
                    if cell.strip())
        # a filter or derive key that is not a field is a column of its own: its index here, None when absent
        wanted = [test[0] for rule in settings.include + settings.exclude for test in rule.tests]
        wanted += [derive.source for derive in settings.derive]
        self.columns = dict((key, keys.get(columns.header_key(key))) for key in wanted if key not in columns.FIELDS)
        self.placeholders = settings.placeholders

    def missing(self):
        """Filter and derive columns this table does not have."""
        return sorted(key for key, index in self.columns.items() if index is None)


class RowReader(object):
    """Reads rows by the settings; counts what it leaves out in counts['excluded'] and ['not_managed']."""

    def __init__(self, settings, counts):
        self.settings, self.counts = settings, counts

    def read(self, plan, source, offset, order):
        """The live Row of SOURCE (a list of cell text), or why it is left out ('excluded by exclude[0]',
        'not in include', 'not managed (retired)')."""
        settings, width, notes = self.settings, len(source), plan.notes
        row = Row(order, plan, plan.first_row + offset, {}, source)
        cells = row.cells
        for field, index in plan.fields:
            cell = source[index].strip() if index < width else ''
            if len(cell) > text.MAX_CELL_CHARS:
                row.problem(field, 'the cell holds %d characters; a cell is read up to %d'
                            % (len(cell), text.MAX_CELL_CHARS))
                cell = cell[:text.MAX_CELL_CHARS]
            if (offset, index) in notes:
                row.problem(field, notes[offset, index])
            if cell and field not in _NOT_NUMBERS:
                try:
                    cell = text.number_text(cell)
                except ValueError as exc:
                    row.problem(field, '%s: %s' % (text.quote(cell), exc))
            if cell and text.is_placeholder(cell, plan.placeholders):
                cell = ''
            cells[field] = cell
        for derive in settings.derive:
            found = derive.value(self._cell(row, derive.source))
            if found:
                cells[derive.field] = found
        for field, value in settings.defaults.items():
            if not cells.get(field):
                cells[field] = value
        if not cells.get('school'):
            cells['school'] = settings.school
        self._normalise_words(row)
        reason = self._filtered(row)
        if reason:
            return reason
        if cells['status'] not in settings.managed:
            counts = self.counts['not_managed']
            counts[cells['status']] = counts.get(cells['status'], 0) + 1
            return 'not managed (%s)' % cells['status']
        self._check(row)
        return row

    def _cell(self, row, key):
        if key in columns.FIELDS:
            return row.cells.get(key, '')
        index = row.plan.columns.get(key)
        return row.source[index].strip() if index is not None and index < len(row.source) else ''

    def _normalise_words(self, row):
        cells, settings = row.cells, self.settings
        status = cells.get('status', '')
        cells['status'] = values.normalise_status(settings.mapped('status', status) or status)
        cell = cells.get('type', '')
        device_type = settings.mapped('type', cell)
        if device_type is None:
            # a blank type, or a word of the sheet's own ('Library PCs' is a desktop, though): the model may say
            device_type = values.normalise_type(cell)
            if device_type in ('', 'other'):
                device_type = values.normalise_type(cells.get('model', '')) or device_type
        cells['type'] = device_type
        row.typed = bool(cell) or device_type not in ('', 'other')
        os_name = cells.get('os', '')
        cells['os'] = settings.mapped('os', os_name) or values.normalise_os(os_name)

    def _filtered(self, row):
        settings, counts = self.settings, self.counts['excluded']
        if settings.include and not any(self._matches(row, rule) for rule in settings.include):
            counts['include'] = counts.get('include', 0) + 1
            return 'not in include'
        for rule in settings.exclude:
            if self._matches(row, rule):
                counts[rule.name] = counts.get(rule.name, 0) + 1
                return 'excluded by %s' % rule.name
        return None

    def _matches(self, row, rule):
        for key, pattern in rule.tests:
            cell = self._cell(row, key)
            if len(cell) > MATCH_CHARS or not pattern.fullmatch(cell):
                return False
        return True

    def _check(self, row):
        cells, settings = row.cells, self.settings
        for field, cell in cells.items():
            if cell in SHEET_ERRORS:
                row.problem(field, 'the cell holds the spreadsheet error %s' % cell)
        self._normalise(row, 'mac', values.normalise_mac)
        self._ip(row)
        device_type, os_name = cells['type'], cells['os']
        if not row.typed:
            row.problem('type', 'the device type is blank; expected one of %s (or set defaults: {type: ...})'
                        % ', '.join(values.DEVICE_TYPES))
        if device_type == 'printer':
            row.kind = 'printer'
        elif device_type in values.COMPUTER_TYPES and os_name in values.MANAGED_OS:
            row.kind = 'host'
        elif device_type in values.COMPUTER_TYPES and not os_name:
            row.kind = 'host'
            row.problem('os', 'the OS is blank; a %s needs windows, macos or linux (or set defaults: {os: ...})'
                        % device_type)
        else:
            row.kind = '%s (%s)' % (device_type, os_name) if device_type in values.COMPUTER_TYPES else device_type
            return
        if not cells['school']:
            row.problem('school', 'the school is blank (or set the school option, or defaults: {school: ...})')
        if cells['ip'] and not settings.lab:
            reason = values.connection_problem(cells['ip'])
            if reason:
                row.problem('ip', reason + ' (only a config with lab: true may use it)')
        self._hostname(row)
        if row.kind == 'host' and cells['hostname'] in settings.reserved:
            row.problem('hostname', self._reserved(cells['hostname']))
        if row.kind == 'printer':
            self._normalise(row, 'printer_uri', values.normalise_printer_uri)

    @staticmethod
    def _reserved(name):
        if name == 'localhost':
            return ("'localhost' is Ansible's name for the controller itself; a row cannot take it (plays and "
                    "tasks meant for the controller would run over SSH on this row's machine)")
        return "'%s' is the name of a group of the inventory; a host cannot take it" % name

    @staticmethod
    def _normalise(row, field, normaliser):
        try:
            row.cells[field] = normaliser(row.cells.get(field, ''))
        except values.ValueProblem as exc:
            row.problem(field, str(exc))
            row.cells[field] = ''

    def _ip(self, row):
        cell = row.cells.get('ip', '')
        if cell and values.is_host_part(cell):
            room = row.cells.get('room', '')
            network = self.settings.subnets.get(columns.header_key(room))
            if network is None:
                row.problem('ip', '%s is not an IP address; if it is the host part of an address in room %s, give '
                            "the room's network in subnets (such as %s: 10.0.72.0/24)"
                            % (text.quote(cell), text.quote(room), room or 'ROOM'))
                row.cells['ip'] = ''
                return
            self._normalise(row, 'ip', lambda value: values.join_host_part(network, value))
            return
        self._normalise(row, 'ip', values.normalise_ip)

    def _hostname(self, row):
        cells = row.cells
        if cells.get('hostname'):
            self._normalise(row, 'hostname', values.normalise_hostname)
            return
        template = self.settings.hostname_template
        blank = [f for f in values.template_fields(template) if not cells.get(f)]
        if blank:
            row.problem('hostname', 'the hostname is blank and the template %s needs %s, blank too'
                        % (template, ', '.join(blank)))
            cells['hostname'] = ''
            return
        name = values.render_hostname(template, cells)
        try:
            cells['hostname'] = values.normalise_hostname(name)
        except values.ValueProblem as exc:
            row.problem('hostname', 'the hostname is blank and the template gave %s' % exc)
            cells['hostname'] = ''
