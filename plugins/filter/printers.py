# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the print queues (docs in printer_uri.yml): a printer's device URI with its credentials from the
vault, made only inside the task that creates the queue."""

from __future__ import annotations

import re
from urllib.parse import quote

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.district.standard.plugins.module_utils.cups import URI_SCHEMES, validate_device_uri

_URI_RE = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)\Z', re.S)


def printer_uri(printer, credentials=None):
    """PRINTER's uri with user:password@ from CREDENTIALS[PRINTER.name] (percent-encoded, so that a ':', '/' or
    '@' in them stays inside the user information). A printer without credentials keeps its uri as it is.
    Errors name the printer, never the password."""
    if not isinstance(printer, dict) or 'name' not in printer:
        raise AnsibleFilterError('printer_uri: the input must be a printer (a mapping with name and uri)')
    name, uri = to_text(printer['name']), to_text(printer.get('uri') or '')
    entry = (credentials or {}).get(name)
    if entry is None:
        return uri
    if not isinstance(entry, dict) or not to_text(entry.get('user') or '').strip():
        raise AnsibleFilterError('printer_credentials[%s] must be a mapping with a user (and a password)' % name)
    match = _URI_RE.match(uri)
    if not match or not match.group(2):
        raise AnsibleFilterError('printer %s has credentials in printer_credentials but no network URI '
                                 '(SCHEME://HOST/...) to put them in' % name)
    if '@' in match.group(2):
        raise AnsibleFilterError('printer %s: its URI already holds a user (USER@HOST); give the user and password '
                                 'in printer_credentials (the vault) only, and the URI without them' % name)
    userinfo = quote(to_text(entry['user']), safe='')
    password = to_text(entry.get('password') or '')
    if password:
        userinfo += ':' + quote(password, safe='')
    joined = '%s%s@%s%s' % (match.group(1), userinfo, match.group(2), match.group(3))
    # the module's own rule, checked here: its message would print the URI, and ansible-core 2.19 shows the
    # message of a failed no_log task
    if validate_device_uri(joined):
        raise AnsibleFilterError('printer %s: CUPS does not take its URI (SCHEME://... with no spaces, SCHEME one of '
                                 '%s)' % (name, ', '.join(URI_SCHEMES)))
    return joined


class FilterModule(object):
    def filters(self):
        return {'printer_uri': printer_uri}
