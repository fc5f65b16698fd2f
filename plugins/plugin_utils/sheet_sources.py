# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resolve the `source` option and read every source into tables.

A local file is named by its file name; a URL by its `name:` or a short hash, never by the URL itself (a
published link is a secret). https:// only, unless the config says allow_http: true (a lab).
"""

from __future__ import annotations

import os

from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError, read_bytes, read_path
from ansible_collections.district.standard.plugins.plugin_utils.sheet_url import fetch_url, url_hash, url_label

URL_SCHEMES = ('http://', 'https://')


class FetchOptions(object):
    """How a URL is fetched: seconds per read, seconds in all, bytes at most, certificate checked."""

    __slots__ = ('timeout', 'deadline', 'max_bytes', 'validate_certs')

    def __init__(self, timeout=30, deadline=60, max_bytes=50000000, validate_certs=True):
        self.timeout, self.deadline, self.max_bytes = int(timeout), float(deadline), int(max_bytes)
        self.validate_certs = validate_certs is not False

    @classmethod
    def from_options(cls, get):
        def value(name, default):
            found = get(name)
            return default if found is None else found
        return cls(value('url_timeout', 30), value('url_deadline', 60), value('url_max_bytes', 50000000),
                   value('validate_certs', True))


class Source(object):
    """One place to read: a local path or a URL, with the sheets wanted from it, and its label."""

    __slots__ = ('location', 'sheets', 'is_url', 'label')

    def __init__(self, location, sheets=None, name=None):
        self.location = location
        self.sheets = sheets
        self.is_url = location.lower().startswith(URL_SCHEMES)
        self.label = url_label(location, name) if self.is_url else (str(name) if name else os.path.basename(location))

    def fingerprint(self):
        """What tells whether a cached reading is still this source's content.

        A local file is identified by its size and modification time; a URL by its label and a hash of it
        (never the URL: the cache is no place for a secret), the cache timeout deciding when it is fetched again.
        """
        if self.is_url:
            return [self.label, url_hash(self.location)]
        try:
            stat = os.stat(self.location)
        except OSError:
            return [self.location, None]
        return [self.location, stat.st_size, stat.st_mtime_ns]

    def read(self, data=None):
        """The tables of this source: of DATA (a URL's body) or of the file."""
        if not self.is_url:
            return read_path(self.location, self.sheets)
        path_part = self.location.split('?', 1)[0].split('#', 1)[0]
        return read_bytes(data, self.label, self.sheets, extension=os.path.splitext(path_part)[1].lower())


def parse_sources(value, sheets=None, base_dir='', allow_http=False):
    """The `source` option (a string, or a list of strings / {path|url, sheet, name}) as Source objects."""
    items = value if isinstance(value, list) else [value]
    sources = []
    for number, item in enumerate(items):
        item_sheets, name = sheets, None
        if isinstance(item, dict):
            unknown = set(item) - {'path', 'url', 'sheet', 'name'}
            location = item.get('path') or item.get('url')
            if unknown or not location:
                raise SheetError("source[%d]: each mapping needs 'path' or 'url' and may have 'sheet' and 'name'; "
                                 "it has %s" % (number, ', '.join(sorted(map(str, item))) or 'nothing'))
            item_sheets, name = item.get('sheet', sheets), item.get('name')
        elif isinstance(item, str) and item.strip():
            location = item.strip()
        else:
            raise SheetError('source[%d]: expected a file path or URL, got %s' % (number, type(item).__name__))
        location = str(location)
        if location.lower().startswith('http://') and not allow_http:
            raise SheetError('source %s: http:// is refused, since anyone on the network could read or change the '
                             'sheet on its way; use https://, or set allow_http: true for a lab'
                             % url_label(location, name))
        if not location.lower().startswith(URL_SCHEMES):
            location = os.path.join(base_dir, os.path.expanduser(location))
        sources.append(Source(location, item_sheets, name))
    if not sources:
        raise SheetError('source: no asset sheet given')
    return sources


def fetch_source(source, options):
    """The body of a URL source, by FetchOptions."""
    return fetch_url(source.location, source.label, options.timeout, options.deadline, options.max_bytes,
                     options.validate_certs)


def read_sources(sources, options=None, fetch=None):
    """Every table of every source, in order; fetch(source, options) gets a URL's body (default: fetch_source)."""
    options = options or FetchOptions()
    fetch = fetch or fetch_source
    tables = []
    for source in sources:
        tables.extend(source.read(fetch(source, options) if source.is_url else None))
    return tables
