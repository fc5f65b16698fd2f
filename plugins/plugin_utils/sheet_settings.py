# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sheet options (shared by the inventory plugin, `make check-sheet` and the reconcile report), checked
once: a wrong option is one SheetError naming the option, before any sheet is read."""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.district.standard.plugins.plugin_utils import sheet_columns as columns
from ansible_collections.district.standard.plugins.plugin_utils import sheet_text as text
from ansible_collections.district.standard.plugins.plugin_utils import sheet_values as values
from ansible_collections.district.standard.plugins.plugin_utils.sheet_presets import PRESET_NAMES, PRESETS
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError

DEFAULT_HOSTNAME_TEMPLATE = '{{ school }}-{{ room }}-{{ asset_tag }}'
DUPLICATE_POLICIES = ('keep_first', 'skip', 'warn', 'ignore')
DEFAULT_DUPLICATES = {'hostname': 'keep_first', 'ip': 'skip', 'mac': 'warn', 'asset_tag': 'warn', 'serial': 'warn'}
MAPPED_VALUES = {'type': values.DEVICE_TYPES, 'os': values.OS_NAMES, 'status': None}
# groups every asset_sheet inventory makes, and Ansible's own names: no host may be called so
RESERVED_NAMES = frozenset(('localhost', 'all', 'ungrouped', 'windows', 'macos', 'linux', 'desktops', 'laptops',
                            'servers'))
MATCH_CHARS = 255  # a cell longer than this never matches an include, exclude or derive pattern


class Rule(object):
    """One include/exclude entry: every key (a field, or any header) must full-match its pattern."""

    __slots__ = ('name', 'tests')

    def __init__(self, name, entry):
        if not isinstance(entry, dict) or not entry:
            raise SheetError('%s: expected a mapping of field or column to a pattern, got %r' % (name, entry))
        self.name = name
        self.tests = [(field_or_column(key), _pattern('%s.%s' % (name, key), value)) for key, value in entry.items()]


class Derive(object):
    """A field taken from another cell by a regex with one named group (?P<value>...), then a map."""

    __slots__ = ('field', 'source', 'pattern', 'mapping')

    def __init__(self, field, spec):
        where = 'derive.%s' % field
        if not isinstance(spec, dict) or set(spec) - {'from', 'match', 'map'} or not spec.get('from') \
                or not spec.get('match'):
            raise SheetError("%s: expected {from: field or column, match: regex with (?P<value>...), map: {...}}"
                             % where)
        self.field, self.source = field, field_or_column(spec['from'])
        self.pattern = _pattern('%s.match' % where, spec['match'])
        if 'value' not in self.pattern.groupindex:
            raise SheetError('%s.match: the pattern needs a named group (?P<value>...)' % where)
        self.mapping = _word_map('%s.map' % where, spec.get('map') or {}, None)

    def value(self, cell):
        match = self.pattern.search(cell) if cell and len(cell) <= MATCH_CHARS else None
        found = (match.group('value') or '').strip() if match else ''
        if found and self.mapping:
            return self.mapping.get(columns.header_key(found), '')
        return found


def field_or_column(key):
    """A filter or derive key: a field name ('room', 'Room') or, when it is none, a column's header text."""
    key = str(key).strip()
    return key.lower() if key.lower() in columns.FIELDS else key


def _pattern(where, value):
    try:
        return re.compile(str(value), re.I)
    except re.error as exc:
        raise SheetError('%s: %s is not a regular expression (%s)' % (where, text.quote(value), exc)) from exc


def _field(where, field):
    if field not in columns.FIELDS:
        raise SheetError("%s: unknown field '%s'; fields are: %s" % (where, field, ', '.join(columns.FIELDS)))
    return field


def _word_map(where, mapping, allowed):
    if not isinstance(mapping, dict):
        raise SheetError('%s: expected a mapping of sheet word to value, got %r' % (where, mapping))
    out = {}
    for word, value in mapping.items():
        value = str(value).strip().lower()
        if allowed is not None and value not in allowed:
            raise SheetError("%s: %s maps to '%s'; expected one of %s" % (where, text.quote(word), value,
                                                                          ', '.join(allowed)))
        out[columns.header_key(str(word))] = value
    return out


def _strings(value):
    """A list option as a list of strings (a lone string is a list of one)."""
    if value in (None, ''):
        return []
    return [str(item) for item in ([value] if isinstance(value, (str, int, float)) else value)]


def _mapping(where, value):
    if value in (None, ''):
        return {}
    if not isinstance(value, dict):
        raise SheetError('%s: expected a mapping, got %r' % (where, value))
    return value


class Settings(object):
    """Every option that changes how rows are read. get is plugin.get_option or dict.get (from_options)."""

    def __init__(self, columns_map=None, school='', managed_statuses=None, hostname_template=None, dns_suffix='',
                 **options):
        preset = options.get('preset') or None
        if preset is not None and preset not in PRESETS:
            raise SheetError("preset: unknown preset '%s'; presets are: %s" % (preset, ', '.join(PRESET_NAMES)))
        base = PRESETS.get(preset, {})
        self.preset = preset
        ignore = list(base.get('ignore_columns', [])) + _strings(options.get('ignore_columns'))
        self.ignore = frozenset(columns.header_key(header) for header in ignore)
        try:
            self.lookup = columns.header_lookup(_mapping('columns', columns_map), base.get('columns'), ignore)
        except columns.ColumnError as exc:
            raise SheetError(str(exc)) from exc
        extra = options.get('extra_columns')
        self.extra = frozenset() if extra in (None, '', []) else columns.column_keys(extra)
        self.school = str(school or '')
        statuses = values.DEFAULT_MANAGED_STATUSES if managed_statuses is None else managed_statuses
        self.managed = frozenset(values.normalise_status(str(s)) for s in statuses)
        self.hostname_template = hostname_template or base.get('hostname_template') or DEFAULT_HOSTNAME_TEMPLATE
        unknown = set(values.template_fields(self.hostname_template)) - set(columns.FIELDS)
        if unknown:
            raise SheetError("hostname_template: unknown field(s) %s; fields are: %s"
                             % (', '.join(sorted(unknown)), ', '.join(columns.FIELDS)))
        self.dns_suffix = (dns_suffix or '').strip('.')
        self.defaults = self._defaults(base.get('defaults', {}), _mapping('defaults', options.get('defaults')))
        self.value_maps = self._value_maps(base.get('value_maps', {}), _mapping('value_maps', options.get('value_maps')))
        self.include = self._rules('include', options.get('include'))
        self.exclude = self._rules('exclude', options.get('exclude'))
        placeholders = options.get('placeholders')
        self.placeholders = text.placeholder_set(None if placeholders is None else _strings(placeholders))
        self.duplicates = self._duplicates(_mapping('duplicates', options.get('duplicates')))
        derive = dict(base.get('derive', {}), **_mapping('derive', options.get('derive')))
        self.derive = [Derive(_field('derive', field), spec) for field, spec in derive.items()]
        self.subnets = self._subnets(_mapping('subnets', options.get('subnets')))
        self.lab = bool(options.get('lab'))
        self.reserved = RESERVED_NAMES | frozenset(str(name) for name in options.get('groups') or ())

    @classmethod
    def from_options(cls, get):
        """Settings from option values; get is plugin.get_option or dict.get."""
        names = ('ignore_columns', 'defaults', 'value_maps', 'include', 'exclude', 'placeholders', 'duplicates',
                 'preset', 'derive', 'subnets', 'extra_columns', 'lab', 'groups')
        return cls(get('columns'), get('school'), get('managed_statuses'), get('hostname_template'), get('dns_suffix'),
                   **dict((name, get(name)) for name in names))

    @staticmethod
    def _defaults(preset, configured):
        out = {}
        for field, value in list(preset.items()) + list(configured.items()):
            out[_field('defaults', field)] = '' if value is None else str(value).strip()
        return out

    @staticmethod
    def _value_maps(preset, configured):
        out = {}
        for source in (preset, configured):
            for field, mapping in source.items():
                if field not in MAPPED_VALUES:
                    raise SheetError("value_maps: '%s' cannot be mapped; value_maps takes %s"
                                     % (field, ', '.join(MAPPED_VALUES)))
                out.setdefault(field, {}).update(_word_map('value_maps.%s' % field, mapping, MAPPED_VALUES[field]))
        return out

    @staticmethod
    def _rules(name, entries):
        if entries in (None, '', []):
            return []
        if not isinstance(entries, list):
            raise SheetError('%s: expected a list of mappings such as [{room: STOCK}], got %r' % (name, entries))
        return [Rule('%s[%d]' % (name, index), entry) for index, entry in enumerate(entries)]

    @staticmethod
    def _duplicates(configured):
        policies = dict(DEFAULT_DUPLICATES)
        for field, policy in configured.items():
            if field not in DEFAULT_DUPLICATES:
                raise SheetError("duplicates: '%s' is not checked; duplicates takes %s"
                                 % (field, ', '.join(DEFAULT_DUPLICATES)))
            if policy not in DUPLICATE_POLICIES:
                raise SheetError("duplicates.%s: '%s' is not a policy; expected one of %s"
                                 % (field, policy, ', '.join(DUPLICATE_POLICIES)))
            policies[field] = policy
        return policies

    @staticmethod
    def _subnets(configured):
        out = {}
        for room, network in configured.items():
            try:
                net = ipaddress.ip_network(str(network).strip())
            except ValueError as exc:
                raise SheetError('subnets.%s: %s is not a network such as 10.0.72.0/24 (%s)'
                                 % (room, text.quote(network), exc)) from exc
            if net.version != 4:
                raise SheetError('subnets.%s: host parts are read for IPv4 networks only, not %s' % (room, net))
            out[columns.header_key(str(room))] = net
        return out

    def mapped(self, field, cell):
        """A sheet word through value_maps (matched like headers), or None when the map has no such word."""
        mapping = self.value_maps.get(field)
        return mapping.get(columns.header_key(cell)) if mapping and cell else None
