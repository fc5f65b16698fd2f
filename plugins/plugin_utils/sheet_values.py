# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisers for single asset-sheet cells.

Each function takes the text of one cell and returns the normalised value, or
raises ValueProblem with a reason a technician can act on (the cell quoted by
sheet_text.quote: at most 80 characters, control characters escaped). Nothing
here knows about rows, files or Ansible.
"""

from __future__ import annotations

import ipaddress
import re

# the URI rule of the cups_printer module, applied to the sheet before any queue is made
from ansible_collections.district.standard.plugins.module_utils.cups import URI_SCHEMES, mask_uri, validate_device_uri
from ansible_collections.district.standard.plugins.plugin_utils.sheet_text import fold, quote

OS_NAMES = ('windows', 'macos', 'linux', 'chromeos', 'ios', 'other')
DEVICE_TYPES = ('desktop', 'laptop', 'server', 'printer', 'projector', 'tablet', 'network', 'other')
COMPUTER_TYPES = ('desktop', 'laptop', 'server')
MANAGED_OS = ('windows', 'macos', 'linux')
DEFAULT_MANAGED_STATUSES = ('active', 'deployed', 'in use', 'in service', 'ready to deploy', 'assigned')
NO_FIXED_ADDRESS = ('', 'dhcp', 'dynamic', 'auto')


class ValueProblem(ValueError):
    """A cell value that cannot be normalised; str() is the reason."""


_MAC_FORMS = (
    re.compile(r'^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$'),
    re.compile(r'^([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})$'),
    re.compile(r'^([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$'),
)


def normalise_mac(text):
    """'AA-BB-CC-DD-EE-FF', 'aabb.ccdd.eeff', 'aabbccddeeff' -> 'aa:bb:cc:dd:ee:ff'."""
    value = text.strip().lower()
    if not value:
        return ''
    for form in _MAC_FORMS:
        match = form.match(value)
        if match:
            # the colon/dash form must not mix separators
            if len({c for c in value if c in ':-'}) > 1:
                break
            return ':'.join(match.groups())
    raise ValueProblem('%s is not a MAC address' % quote(text.strip()))


def normalise_ip(text):
    """A valid IPv4/IPv6 address; DHCP, dynamic, auto or blank -> ''."""
    value = text.strip()
    if value.lower() in NO_FIXED_ADDRESS:
        return ''
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ValueProblem('%s is not an IP address (write DHCP or leave it blank for no fixed address)'
                           % quote(value)) from None


_HOST_PART = re.compile(r'^\d{1,3}(\.\d{1,3}){0,2}$')


def is_host_part(text):
    """'120' or '72.120': only the host part of an IPv4 address, the network being known elsewhere."""
    return bool(_HOST_PART.match(text.strip()))


def join_host_part(network, text):
    """The address of host part TEXT ('120', '72.120') in NETWORK (an ipaddress.IPv4Network)."""
    parts = [int(part) for part in text.strip().split('.')]
    if any(part > 255 for part in parts):
        raise ValueProblem('%s is not the host part of an address' % quote(text.strip()))
    octets = list(network.network_address.packed[:4 - len(parts)]) + parts
    address = ipaddress.IPv4Address(bytes(octets))
    if address not in network or address in (network.network_address, network.broadcast_address):
        raise ValueProblem('%s gives %s, which is not a host address of %s' % (quote(text.strip()), address, network))
    return str(address)


def connection_problem(ip):
    """Why IP cannot be the address Ansible connects to (0.0.0.0, ::, loopback, link-local), or None."""
    address = ipaddress.ip_address(ip)
    if address.is_unspecified:
        return "%s is the 'any' address, not a machine" % quote(ip)
    if address.is_loopback:
        return '%s is a loopback address: Ansible would reach the controller itself' % quote(ip)
    if address.is_link_local:
        return ('%s is a link-local address (the machine found no DHCP server): it changes and cannot be '
                'reached from another network' % quote(ip))
    return None


_OS_PATTERNS = (
    ('chromeos', re.compile(r'chrome\s*(os|book)|chromeos|chromebook')),
    ('ios', re.compile(r'ipad\s*os|ipados|\bios\b|iphone\s*os')),
    ('macos', re.compile(r'mac\s*os|macos|\bos\s*x\b|osx|sonoma|sequoia|ventura|monterey|big\s*sur|catalina|tahoe')),
    ('windows', re.compile(r'\bwin(dows)?\s*\d*\b|windows|^w\s*1[01]\b|\bw1[01]\b')),
    ('linux', re.compile(r'linux|ubuntu|debian|mint|fedora|red\s*hat|rhel|centos|rocky|alma|suse|raspbian|raspberry')),
)


def _first_match(text, patterns):
    """The name of the first pattern that TEXT matches (lower-cased), 'other' when none, '' when blank."""
    value = text.strip().lower()
    if not value:
        return ''
    return next((name for name, pattern in patterns if pattern.search(value)), 'other')


def normalise_os(text):
    """Free-text operating system -> windows, macos, linux, chromeos, ios, other ('' when blank)."""
    return _first_match(text, _OS_PATTERNS)


_TYPE_PATTERNS = (
    ('printer', re.compile(r'printer|\bmfp\b|copier|multi\s*-?function|plotter|laserjet|officejet|imagerunner')),
    ('laptop', re.compile(r'laptop|notebook|macbook|ultrabook|2\s*-?in\s*-?1|chromebook|latitude|thinkpad|elitebook'
                          r'|probook|zbook|travelmate|surface\s*(laptop|pro|book|go)')),
    ('server', re.compile(r'server|poweredge|proliant')),
    ('desktop', re.compile(r'desktop|\bpcs?\b|workstation|all\s*-?in\s*-?one|\baio\b|imac|mac\s*mini|mac\s*studio'
                           r'|mac\s*pro|tower|optiplex|thinkcentre|elitedesk|prodesk|veriton')),
    ('tablet', re.compile(r'tablet|ipad')),
    ('projector', re.compile(r'projector|interactive\s*(display|panel|board)|smart\s*board')),
    ('network', re.compile(r'^ap$|\bap\b|access\s*point|switch|router|firewall|network|wireless\s*controller')),
)


def normalise_type(text):
    """Free-text device type -> desktop, laptop, server, printer, projector, tablet, network, other ('' when blank)."""
    return _first_match(text, _TYPE_PATTERNS)


def normalise_status(text):
    """'  In  Use ' -> 'in use' (blank means active)."""
    value = ' '.join(text.strip().lower().replace('_', ' ').replace('-', ' ').split())
    return value or 'active'


_LABEL = re.compile(r'^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')


def normalise_hostname(text):
    """Lower-cased, spaces/underscores -> '-', must then be a valid DNS label."""
    value = re.sub(r'[\s_]+', '-', text.strip().lower())
    if not value:
        return ''
    if not _LABEL.match(value):
        raise ValueProblem("%s is not a valid hostname (letters, digits and '-', at most 63)" % quote(text.strip()))
    return value


def slug(text, sep='_'):
    """'Lincoln Elementary / Lab 101' -> 'lincoln_elementary_lab_101'; 'Collège' -> 'college'."""
    return re.sub(r'[^a-z0-9]+', sep, fold(text)).strip(sep)


_PLACEHOLDER = re.compile(r'\{\{\s*(\w+)\s*\}\}')


def template_fields(template):
    """The field names a hostname template uses."""
    return _PLACEHOLDER.findall(template)


def render_hostname(template, fields):
    """Fill '{{ school }}-{{ room }}-{{ asset_tag }}' with plain text (never Jinja) and slug it."""
    text = _PLACEHOLDER.sub(lambda m: fields.get(m.group(1), ''), template)
    return slug(text, '-')[:63].strip('-')


def normalise_printer_uri(text):
    """A CUPS device URI such as ipp://10.1.2.3/ipp/print or socket://host:9100, by the cups_printer rule.

    A URI with a space or a scheme CUPS does not take is a problem; its password is never shown.
    """
    value = text.strip()
    if not value:
        return ''
    if validate_device_uri(value):
        raise ValueProblem('%s is not a printer URI: it must be SCHEME://... with no spaces, SCHEME one of %s'
                           % (quote(mask_uri(value)), ', '.join(URI_SCHEMES)))
    scheme, _sep, rest = value.partition('://')
    return scheme.lower() + '://' + rest
