# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsing what softwareupdate prints (--list, --history) and choosing what a patch run may install:
only updates of the macOS major version the Mac runs, never a major upgrade, which --list shows as one more
label. Used by the district.standard.macos_softwareupdate module on the Mac (Python 3.9). Lines softwareupdate
(or a framework it loads) logs through NSLog are noise and are kept apart; any other line it does not know is a
ValueError naming the line."""

from __future__ import annotations

import re

from ansible_collections.district.standard.plugins.module_utils.macos import output_lines
from ansible_collections.district.standard.plugins.module_utils.macos_system import NSLOG_PREFIX

# The lines of softwareupdate --list other than the updates themselves (macOS 10.15 and later).
_LIST_NOTES = ('Software Update Tool', 'Finding available software',
               'Software Update found the following new or updated software:', 'No new software available.')
_LABEL_RE = re.compile(r'^\* Label: (?P<label>.+?)\s*$')
_TITLE_RE = re.compile(r'^\s*Title: (?P<title>.*?), Version: (?P<version>[^,]*), Size: (?P<size>[^,]*),'
                       r'(?P<rest>.*)$')
_FIELD_RE = re.compile(r'^\s*(?P<name>[A-Za-z ]+): (?P<value>[^,]*)$')


def parse_list(text):
    """`softwareupdate --list` (its standard output and error together): {'updates': [{label, title, version,
    size, recommended, restart, fields}], 'noise': [lines logged through NSLog]}. No update is an empty list."""
    updates, noise = [], []
    for line in output_lines(text, 'softwareupdate --list'):
        stripped = line.strip()
        if NSLOG_PREFIX.match(stripped):
            noise.append(stripped)
            continue
        if stripped in _LIST_NOTES:
            continue
        m = _LABEL_RE.match(stripped)
        if m:
            updates.append({'label': m.group('label'), 'title': None})
            continue
        m = _TITLE_RE.match(line)
        if not m or not updates or updates[-1]['title'] is not None:
            raise ValueError('softwareupdate --list: unrecognised line %r' % stripped)
        fields = {}
        for part in (p for p in m.group('rest').split(',') if p.strip()):
            f = _FIELD_RE.match(part)
            if not f:
                raise ValueError('softwareupdate --list: unrecognised field %r in %r' % (part.strip(), stripped))
            fields[f.group('name').strip()] = f.group('value').strip()
        updates[-1].update(title=m.group('title'), version=m.group('version').strip(), size=m.group('size').strip(),
                           recommended=fields.get('Recommended') == 'YES',
                           restart=fields.get('Action') in ('restart', 'shut down'), fields=fields)
    missing = [u['label'] for u in updates if u['title'] is None]
    if missing:
        raise ValueError('softwareupdate --list: no Title line for %s' % ', '.join(missing))
    return {'updates': updates, 'noise': noise}


def major_of(version):
    m = re.match(r'^\s*(\d+)', str(version or ''))
    if not m:
        raise ValueError('not a macOS version: %r' % (version,))
    return int(m.group(1))


def current_major_only(updates, os_version):
    """(updates a patch run may install, major upgrades it must leave alone) for a Mac on OS_VERSION
    (sw_vers -productVersion): a macOS update whose version is of another major version is an upgrade."""
    major = major_of(os_version)
    keep, upgrades = [], []
    for update in updates:
        is_macos = update['title'].startswith('macOS ')
        (upgrades if is_macos and major_of(update['version']) != major else keep).append(update)
    return keep, upgrades


def parse_history(text):
    """`softwareupdate --history`: [{'name', 'version', 'date'}], oldest first as it prints them. The columns
    are separated by two spaces or more; the first line is the header (Display Name, Version, Date)."""
    entries, header = [], False
    for line in output_lines(text, 'softwareupdate --history'):
        stripped = line.strip()
        if NSLOG_PREFIX.match(stripped):
            continue
        columns = re.split(r'\s{2,}', stripped)
        if columns[:3] == ['Display Name', 'Version', 'Date']:
            header = True
            continue
        if not header or len(columns) != 3:
            raise ValueError('softwareupdate --history: unrecognised line %r' % stripped)
        entries.append({'name': columns[0], 'version': columns[1], 'date': columns[2]})
    if not header:
        raise ValueError('softwareupdate --history: no "Display Name  Version  Date" header in the output')
    return entries


def newly_installed(updates, before, after):
    """The UPDATES (parse_list items) that --history shows once more AFTER the install than BEFORE it, matched
    on title and version: what softwareupdate really installed, whatever it printed."""
    def count(history, update):
        return sum(1 for e in history if e['name'] == update['title'] and e['version'] == update['version'])
    return [u for u in updates if count(after, u) > count(before, u)]
