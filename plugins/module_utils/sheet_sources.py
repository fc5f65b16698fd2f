# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resolve the `source` option and read every source into tables."""

from __future__ import annotations

import os

from ansible_collections.district.standard.plugins.module_utils.sheet_read import SheetError, read_bytes, read_path

URL_SCHEMES = ('http://', 'https://')


class Source(object):
    """One place to read: a local path or a URL, with the sheets wanted from it."""

    __slots__ = ('location', 'sheets', 'is_url')

    def __init__(self, location, sheets=None):
        self.location = location
        self.sheets = sheets
        self.is_url = location.lower().startswith(URL_SCHEMES)

    def fingerprint(self):
        """What tells whether a cached reading is still this source's content.

        A local file is identified by its size and modification time; a URL
        only by itself (the cache timeout decides when it is fetched again).
        """
        if self.is_url:
            return [self.location]
        try:
            stat = os.stat(self.location)
        except OSError:
            return [self.location, None]
        return [self.location, stat.st_size, stat.st_mtime_ns]


def parse_sources(value, sheets=None, base_dir=''):
    """The `source` option (a string, or a list of strings / {path|url, sheet}) as Source objects."""
    items = value if isinstance(value, list) else [value]
    sources = []
    for item in items:
        item_sheets = sheets
        if isinstance(item, dict):
            unknown = set(item) - {'path', 'url', 'sheet'}
            location = item.get('path') or item.get('url')
            if unknown or not location:
                raise SheetError("source: each mapping needs 'path' or 'url' and may have 'sheet'; got %s" % item)
            item_sheets = item.get('sheet', sheets)
        elif isinstance(item, str) and item.strip():
            location = item.strip()
        else:
            raise SheetError('source: expected a file path or URL, got %r' % (item,))
        location = str(location)
        if not location.lower().startswith(URL_SCHEMES):
            location = os.path.join(base_dir, os.path.expanduser(location))
        sources.append(Source(location, item_sheets))
    if not sources:
        raise SheetError('source: no asset sheet given')
    return sources


def fetch_url(url, timeout=30, validate_certs=True):
    """The body of a published sheet URL."""
    from ansible.module_utils.urls import open_url

    try:
        response = open_url(url, timeout=timeout, validate_certs=validate_certs,
                            http_agent='district-standard asset_sheet')
        return response.read()
    except Exception as exc:
        reason = getattr(exc, 'reason', None) or exc
        code = getattr(exc, 'code', None)
        raise SheetError('%s: cannot fetch the published sheet (%s%s); expected a URL that returns the sheet '
                         'as CSV' % (url, 'HTTP %s ' % code if code else '', reason))


def read_sources(sources, timeout=30, validate_certs=True):
    """Every table of every source, in order."""
    tables = []
    for source in sources:
        if source.is_url:
            data = fetch_url(source.location, timeout, validate_certs)
            path_part = source.location.split('?', 1)[0]
            tables.extend(read_bytes(data, source.location, source.sheets,
                                     extension=os.path.splitext(path_part)[1].lower()))
        else:
            tables.extend(read_path(source.location, source.sheets))
    return tables
