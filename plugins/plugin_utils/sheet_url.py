# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fetch a published sheet URL within a deadline and a size limit, never naming the URL.

A "publish to the web" link is a secret (whoever has it reads the sheet): every message here names the
source by its label and has the URL, its path and its query scrubbed out of whatever the network said.
"""

from __future__ import annotations

import hashlib
import threading
import time

from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError

CHUNK = 65536


def url_label(url, name=None):
    """What a URL source is called everywhere but the config: its name, else 'url-' and a short hash."""
    if name:
        return str(name)
    return 'url-' + url_hash(url)[:10]


def url_hash(url):
    return hashlib.sha256(url.encode('utf-8')).hexdigest()


def scrub(message, url, label):
    """MESSAGE with the URL, and its path and query, replaced by the label."""
    text = str(message)
    rest = url.split('://', 1)[-1]
    path = rest[rest.find('/'):] if '/' in rest else ''
    query = url.split('?', 1)[1] if '?' in url else ''
    for secret in sorted({url, rest, path, query} - {'', '/'}, key=len, reverse=True):
        text = text.replace(secret, '<%s>' % label)
    return text


class _Download(object):
    """One download in a worker thread, so the whole of it, however slow the server, has a deadline."""

    def __init__(self, url, timeout, max_bytes, validate_certs):
        self.url, self.timeout, self.max_bytes, self.validate_certs = url, timeout, max_bytes, validate_certs
        self.data, self.error, self.too_big, self.cancelled = None, None, False, False

    def run(self):
        from ansible.module_utils.urls import open_url

        try:
            response = open_url(self.url, timeout=self.timeout, validate_certs=self.validate_certs,
                                http_agent='district-standard asset_sheet')
            length = response.headers.get('Content-Length')
            if length and length.isdigit() and int(length) > self.max_bytes:
                self.too_big = True
                return
            read = getattr(response, 'read1', response.read)
            parts, size = [], 0
            while not self.cancelled:
                part = read(CHUNK)
                if not part:
                    break
                size += len(part)
                if size > self.max_bytes:
                    self.too_big = True
                    return
                parts.append(part)
            self.data = b''.join(parts)
        except Exception as exc:  # every failure is reported by the caller, by label
            self.error = exc


def fetch_url(url, label, timeout=30, deadline=60, max_bytes=50000000, validate_certs=True):
    """The body of a published sheet URL, in url_deadline seconds all told and at most url_max_bytes."""
    download = _Download(url, max(1, min(timeout, deadline)), max_bytes, validate_certs)
    worker = threading.Thread(target=download.run, name='asset-sheet-url', daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        download.cancelled = True
        raise SheetError('%s: the published sheet did not arrive within url_deadline (%g s); the server is slow '
                         'or stalled' % (label, deadline))
    if download.too_big:
        raise SheetError('%s: the published sheet is larger than url_max_bytes (%d bytes); check the link, or '
                         'raise url_max_bytes' % (label, max_bytes))
    if download.error is not None:
        exc = download.error
        reason = getattr(exc, 'reason', None) or exc
        code = getattr(exc, 'code', None)
        raise SheetError(scrub('%s: cannot fetch the published sheet (%s%s) after %.0f s; expected a URL that '
                               'returns the sheet as CSV' % (label, 'HTTP %s ' % code if code else '', reason,
                                                             time.monotonic() - started), url, label))
    return download.data
