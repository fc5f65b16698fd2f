# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Header vocabulary of the school asset sheet and header-row detection."""

from __future__ import annotations

import re

from ansible_collections.district.standard.plugins.plugin_utils.sheet_text import fold
from ansible_collections.district.standard.plugins.plugin_utils.sheet_values import slug

# field -> headers seen in the wild (matched by header_key, so case,
# spaces, punctuation and a trailing '#'/'No' do not matter)
HEADER_SYNONYMS = {
    'hostname': ('Hostname', 'Host Name', 'Computer Name', 'Device Name', 'Machine Name', 'Asset Name', 'Name'),
    'asset_tag': ('Asset Tag', 'Tag', 'Tag #', 'Asset #', 'Asset ID', 'Asset Number', 'Property Tag',
                  'Inventory Number', 'Annotated Asset ID'),
    'serial': ('Serial', 'Serial Number', 'Serial No', 'S/N', 'SN', 'Service Tag'),
    'mac': ('MAC', 'MAC Address', 'Ethernet MAC', 'Wired MAC', 'Wi-Fi MAC', 'WiFi MAC Address'),
    'ip': ('IP', 'IP Address', 'IPv4', 'IPv4 Address', 'Static IP'),
    'school': ('School', 'School Name', 'Site', 'Campus', 'Building'),
    'room': ('Room', 'Room #', 'Room Number', 'Lab', 'Classroom', 'Location', 'Annotated Location'),
    'type': ('Type', 'Device Type', 'Category', 'Asset Type', 'Class'),
    'os': ('OS', 'Operating System', 'Platform', 'OS Name'),
    'os_version': ('OS Version', 'Operating System Version', 'Build'),
    'model': ('Model', 'Model Name', 'Product'),
    'manufacturer': ('Manufacturer', 'Make', 'Vendor', 'Brand'),
    'status': ('Status', 'State', 'Asset Status', 'Condition'),
    'assigned_to': ('Assigned To', 'User', 'Username', 'Checked Out To', 'Owner', 'Annotated User'),
    'printer_uri': ('Printer URI', 'Queue URI', 'Device URI'),
    'notes': ('Notes', 'Comments', 'Asset Notes'),
}
FIELDS = tuple(HEADER_SYNONYMS)
HEADER_SEARCH_ROWS = 10
ALL_COLUMNS = '*'

_TRAILING_NUMBER_MARK = re.compile(r'(\s*#|[\s_.\-/]+no\.?|[\s_.\-/]+number)\s*$')
_NOT_ALNUM = re.compile(r'[^a-z0-9]+')


def header_key(text):
    """'Room #' -> 'room', 'Serial No.' -> 'serial', 'S/N' -> 'sn', 'Wi-Fi MAC' -> 'wifimac', 'Modèle' -> 'modele'."""
    value = fold(text)
    value = _TRAILING_NUMBER_MARK.sub('', value) or value
    return _NOT_ALNUM.sub('', value)


_KNOWN = {}
for _field, _headers in HEADER_SYNONYMS.items():
    for _header in _headers:
        _KNOWN.setdefault(header_key(_header), _field)


def extra_key(text):
    """An unknown header as a lower_snake key for asset_extra: 'Purchase Date' -> 'purchase_date'."""
    return slug(str(text))


class ColumnError(ValueError):
    """The columns option names an unknown field."""


def _headers(value):
    return [value] if isinstance(value, str) else list(value or [])


def header_lookup(overrides=None, preset=None, ignore=()):
    """Map header_key -> field.

    overrides is the columns option (field -> header text or list); it wins: a field named there is found
    only by the headers named there, and a header named there is never another field. preset (same shape)
    comes next, then the built-in vocabulary. Headers in ignore are never a field.
    """
    overrides = overrides or {}
    for field in overrides:
        if field not in HEADER_SYNONYMS:
            raise ColumnError("columns: unknown field '%s'; fields are: %s" % (field, ', '.join(FIELDS)))
    lookup = dict((key, field) for key, field in _KNOWN.items() if field not in overrides)
    for source in (preset or {}, overrides):
        for field, headers in source.items():
            if source is preset and field in overrides:
                continue
            for header in _headers(headers):
                lookup[header_key(str(header))] = field
    for header in ignore:
        lookup.pop(header_key(str(header)), None)
    return lookup


def find_header(rows, lookup):
    """Index of the header row among the first rows, or None.

    The header is the first row whose cells match at least two known column
    names (two different fields).
    """
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = {lookup.get(header_key(cell)) for cell in row if cell.strip()}
        fields.discard(None)
        if len(fields) >= 2:
            return index
    return None


def column_keys(names):
    """The extra_columns or ignore_columns option as a set of header keys ('*' stays '*')."""
    if names == ALL_COLUMNS or names == [ALL_COLUMNS]:
        return ALL_COLUMNS
    return frozenset(header_key(str(name)) for name in _headers(names))


def map_columns(header, lookup, ignore=frozenset(), extra=ALL_COLUMNS):
    """Column plan for a header row: (fields, extras).

    fields maps field -> column index; extras maps column index -> asset_extra key for the headers that
    match no field, and for a second column of a field already taken (Ethernet MAC then Wi-Fi MAC: the
    first is asset_mac, the second asset_extra.wi_fi_mac), kept only when extra (header keys, or '*')
    names them. Columns in ignore (header keys) are neither.
    """
    fields, extras = {}, {}
    for index, cell in enumerate(header):
        if not cell.strip():
            continue
        key = header_key(cell)
        if key in ignore:
            continue
        field = lookup.get(key)
        if field is not None and field not in fields:
            fields[field] = index
        elif extra == ALL_COLUMNS or key in extra:
            extras[index] = extra_key(cell) or 'column_%d' % (index + 1)
    return fields, extras
