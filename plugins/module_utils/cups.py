# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure helpers for CUPS queues: parsers of the CUPS tools' output (run with LC_ALL=C) and the planner of
the commands (lists of strings, the tool's name first) that take a queue to the wanted settings. Nothing
here runs a command; tests/unit/test_cups_printer.py checks it on tests/fixtures/cups."""

from __future__ import annotations

import re

URI_SCHEMES = ('ipp', 'ipps', 'socket', 'lpd', 'smb', 'http', 'https', 'dnssd', 'usb')
RAW_MAKE_AND_MODEL = 'Local Raw Printer'
EVERYWHERE_SUFFIX = ' - IPP Everywhere'
SETTINGS = ('name', 'device_uri', 'make_and_model', 'location', 'description', 'shared', 'enabled',
            'accepting', 'default', 'options')

_NAME_RE = re.compile(r'[A-Za-z0-9_.-]{1,127}\Z')
_URI_RE = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*)://\S+\Z')
_KEY_RE = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.-]*\Z')
# lpoptions prints name, name=value or name='value with spaces' (no escaping inside the quotes), so a
# quoted value ends at the quote that is followed by the next option's name or by the end of the line.
_LPOPTIONS_RE = re.compile(r"""([^\s=]+)(?:='(.*?)'(?=\s+[^\s='"]+(?:=|\s|$)|\s*$)|=(\S*))?""")
# lpstat -l -p: a printer's setting lines; other indented lines right after its "printer NAME ..." line
# are its state message (such as the reason it is disabled).
_LPSTAT_KEYS = ('Form mounted', 'Content types', 'Printer types', 'Description', 'Alerts', 'Location',
                'Connection', 'Interface', 'On fault', 'After fault', 'Users allowed', 'Users denied',
                'Forms allowed', 'Banner', 'Charset sets', 'Default pitch', 'Default page size',
                'Default port settings')


def validate_name(name):
    """Return an error message for a queue name CUPS would not take (or that this module refuses)."""
    if not _NAME_RE.match(name or ''):
        return ('invalid queue name %r: use 1 to 127 letters, digits, "-", "_" or "." (no spaces, "/", '
                '"#", "@" or quotes)' % (name,))
    return None


def validate_device_uri(uri):
    """Return an error message for a device URI without a supported scheme."""
    m = _URI_RE.match(uri or '')
    if not m or m.group(1).lower() not in URI_SCHEMES:
        return ('invalid device_uri %r: it must be SCHEME://... with SCHEME one of %s'
                % (uri, ', '.join(URI_SCHEMES)))
    return None


def _split_userinfo(uri):
    """(scheme://, user, password or None, rest after the userinfo) of a URI with a userinfo part, else None.

    The userinfo ends at the last '@' of the URI when it holds a password (user:...), so a password with
    '/' or '@' in it (as people type them, unencoded) is still all of the password."""
    m = re.match(r'([A-Za-z][A-Za-z0-9+.-]*://)([^/@:]*)(:?)(.*)\Z', uri or '', re.S)
    if not m:
        return None
    scheme, user, colon, tail = m.groups()
    if colon:
        password, at, rest = tail.rpartition('@')
        return (scheme, user, password, rest) if at else None
    if tail.startswith('@'):
        return scheme, user, None, tail[1:]
    return None


def strip_userinfo(uri):
    """URI without its user:password@ part; CUPS hides it (lpstat -v shows socket://host for
    socket://user:secret@host), so URIs are compared without it."""
    parts = _split_userinfo(uri)
    return parts[0] + parts[3] if parts else uri


def mask_uri(uri):
    """One URI with its password shown as ******** (smb://tech:********@srv/q), whatever the password holds."""
    parts = _split_userinfo(uri)
    if not parts or parts[2] is None:
        return uri
    return '%s%s:********@%s' % (parts[0], parts[1], parts[3])


def mask_userinfo(text):
    """TEXT with the password of any URI in it shown as ********: the password runs to the last '@' of the
    URI, so one with '/' or '@' in it is masked whole."""
    return re.sub(r'([A-Za-z][A-Za-z0-9+.-]*://[^/@:\s]*):\S*@', r'\1:********@', text)


def driver_kind(driver):
    """everywhere, raw, ppd (an absolute path ending in .ppd or .ppd.gz) or model (as lpinfo -m lists it:
    drv:///sample.drv/generic.ppd, lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd...)."""
    if driver in ('everywhere', 'raw'):
        return driver
    return 'ppd' if driver.startswith('/') and driver.lower().endswith(('.ppd', '.ppd.gz')) else 'model'


def driver_args(driver, creating):
    """The lpadmin arguments that apply a driver."""
    kind = driver_kind(driver)
    if kind == 'raw':  # lpadmin makes a raw queue when it has no driver to apply
        return [] if creating else ['-m', 'raw']
    return ['-P', driver] if kind == 'ppd' else ['-m', driver]


def _norm(text):
    return ' '.join((text or '').split()).casefold()


def driver_differs(driver, make_and_model, expected=None):
    """Whether the queue's printer-make-and-model does not match the driver asked for.

    everywhere: matches a make-and-model ending in " - IPP Everywhere" (what lpadmin -m everywhere makes);
    raw: matches "Local Raw Printer"; model and PPD file: matches EXPECTED, the make-and-model lpinfo -m
    lists for the model or the PPD's *NickName (else *ModelName). Case and runs of spaces are ignored.
    An unknown EXPECTED never differs."""
    kind = driver_kind(driver)
    current = _norm(make_and_model)
    if kind == 'everywhere':
        return not current.endswith(_norm(EVERYWHERE_SUFFIX))
    if kind == 'raw':
        return current != _norm(RAW_MAKE_AND_MODEL)
    return expected is not None and current != _norm(expected)


def parse_lpstat_v(text):
    """lpstat -v: {queue name: device URI}."""
    return dict((m.group(1), m.group(2).strip()) for m in re.finditer(r'^device for (.+?): (.*)$', text, re.M))


def find_queue(name, names):
    """The queue called NAME among NAMES, compared without case as CUPS does, or None."""
    return next((candidate for candidate in names if candidate.casefold() == name.casefold()), None)


def parse_lpstat_l_p(text):
    """lpstat -l -p [NAME]: {queue: {enabled, state, message, description, location, interface, alerts}}.

    make-and-model is not in this output: read it from lpoptions -p (printer-make-and-model)."""
    printers, current, in_head = {}, None, False
    for line in text.splitlines():
        m = re.match(r'^printer (\S+) (.*)$', line)
        if m:
            rest = m.group(2)
            state = 'disabled' if rest.startswith('disabled') else (
                'printing' if rest.startswith('now printing') else 'idle')
            current = printers[m.group(1)] = {'enabled': state != 'disabled', 'state': state, 'message': None,
                                              'description': None, 'location': None, 'interface': None,
                                              'alerts': None}
            in_head = True
            continue
        if current is None or not line.startswith('\t'):
            continue
        body = line[1:]
        key, _sep, value = body.partition(':')
        if key in _LPSTAT_KEYS or body.startswith('Banner '):
            in_head = False
            value = value[1:] if value.startswith(' ') else value
            field = key.lower()
            if field in ('description', 'location', 'interface', 'alerts'):
                current[field] = value
        elif in_head and not body.startswith('\t'):
            current['message'] = body if current['message'] is None else current['message'] + '\n' + body
    return printers


def parse_lpstat_a(text):
    """lpstat -a [NAME]: {queue: {accepting, reason}} (reason: the text under a rejecting queue)."""
    queues, last = {}, None
    for line in text.splitlines():
        m = re.match(r'^(\S+) (not )?accepting requests since ', line)
        if m:
            last = queues[m.group(1)] = {'accepting': not m.group(2), 'reason': None}
        elif last is not None and line.startswith('\t') and not last['accepting']:
            last['reason'] = line.strip()
    return queues


def parse_lpstat_d(text):
    """lpstat -d: the default destination's name, or None when there is none."""
    m = re.search(r'^system default destination: (.+)$', text, re.M)
    return m.group(1).strip() if m else None


def parse_lpoptions(text):
    """lpoptions -p NAME: {option: value}; a bare name (an empty value) gives ''."""
    options = {}
    for line in text.splitlines():
        for m in _LPOPTIONS_RE.finditer(line.strip()):
            value = m.group(2) if m.group(2) is not None else m.group(3)
            options[m.group(1)] = value if value is not None else ''
    return options


def parse_lpoptions_l(text):
    """lpoptions -p NAME -l: {PPD keyword: {label, choices, default}}, default being the marked choice."""
    options = {}
    for line in text.splitlines():
        m = re.match(r'^([^/\s]+)/(.*):(?: (.*))?$', line)
        if not m:
            continue
        choices, default = [], None
        for choice in (m.group(3) or '').split():
            if choice.startswith('*'):
                choice = default = choice[1:]
            choices.append(choice)
        options[m.group(1)] = {'label': m.group(2), 'choices': choices, 'default': default}
    return options


def parse_lpinfo_m(text):
    """lpinfo -m: {model name: make-and-model}."""
    return dict((m.group(1), m.group(2).strip()) for m in re.finditer(r'^(\S+) ?(.*)$', text, re.M))


def ppd_make_and_model(text):
    """The make-and-model cupsd gives a queue made from this PPD text: *NickName, else *ModelName."""
    for keyword in ('NickName', 'ModelName'):
        m = re.search(r'^\*%s:\s*"([^"]*)"' % keyword, text, re.M)
        if m:
            return m.group(1).strip()
    return None


def _bool(value):
    return None if value is None else value.strip().lower() in ('true', 'yes', 'on', '1')


def queue_options(lpoptions):
    """The job defaults among lpoptions -p's output: all but device-uri, printer-* and marker-*."""
    return dict((k, v) for k, v in lpoptions.items()
                if k != 'device-uri' and not k.startswith(('printer-', 'marker-')))


def queue_settings(name, device_uri, printer, accepting, default, lpoptions):
    """The settings of queue NAME from the parsed outputs: DEVICE_URI (lpstat -v), PRINTER (its entry of
    parse_lpstat_l_p), ACCEPTING (its entry of parse_lpstat_a), DEFAULT (parse_lpstat_d), LPOPTIONS."""
    printer = dict((k, v) for k, v in (printer or {}).items() if v is not None)
    return {
        'name': name,
        'device_uri': device_uri if device_uri is not None else lpoptions.get('device-uri'),
        'make_and_model': lpoptions.get('printer-make-and-model'),
        'location': printer.get('location', lpoptions.get('printer-location')),
        'description': printer.get('description', lpoptions.get('printer-info')),
        'shared': _bool(lpoptions.get('printer-is-shared')),
        'enabled': printer.get('enabled'),
        'accepting': (accepting or {}).get('accepting', _bool(lpoptions.get('printer-is-accepting-jobs'))),
        'default': default is not None and default.split('/')[0].casefold() == name.casefold(),
        'options': queue_options(lpoptions),
    }


def option_value(value):
    """An option value as CUPS spells it: booleans as true/false."""
    return ('true' if value else 'false') if isinstance(value, bool) else str(value)


def wanted_options(default_options=None, duplex=None, media=None, color=None):
    """Merge default_options and the duplex/media/color shortcuts into {option: value}.

    Keys lose a trailing -default. Raises ValueError on a bad key or a shortcut that contradicts
    default_options."""
    options = {}
    for key, value in (default_options or {}).items():
        key = str(key)
        key = key[:-len('-default')] if key.endswith('-default') else key
        if not _KEY_RE.match(key) or key == 'device-uri' or key.startswith('printer-'):
            raise ValueError('default_options: %r is not a job default option (use name, device_uri, '
                             'location, description, shared for queue settings)' % key)
        if value is None or '\n' in option_value(value):
            raise ValueError('default_options: %s needs a one-line value' % key)
        options[key] = option_value(value)
    shortcuts = {}
    if duplex is not None:
        shortcuts['sides'] = 'two-sided-long-edge' if duplex else 'one-sided'
    if media is not None:
        shortcuts['media'] = option_value(media)
    if color is not None:
        shortcuts['print-color-mode'] = 'color' if color else 'monochrome'
    for key, value in shortcuts.items():
        if options.get(key, value) != value:
            raise ValueError('default_options sets %s=%s but a shortcut option asks for %s=%s'
                             % (key, options[key], key, value))
        options[key] = value
    return options


def option_args(options):
    """lpadmin -o arguments. An IPP option (lower-case name) is sent as KEY=VALUE (lpadmin maps it onto
    the queue's PPD, if any) and KEY-default=VALUE (the default cupsd keeps); a PPD option (PageSize,
    Duplex, Option1...: it has capitals) only as KEY=VALUE."""
    args = []
    for key in sorted(options):
        args += ['-o', '%s=%s' % (key, options[key])]
        if key == key.lower():
            args += ['-o', '%s-default=%s' % (key, options[key])]
    return args


def current_option(key, options, ppd_options=None):
    """The queue's current value of option KEY: the PPD's marked choice when KEY is one of its options,
    else the value lpoptions -p shows."""
    if ppd_options and key in ppd_options:
        return ppd_options[key]['default']
    return options.get(key)


def option_differs(key, value, options, ppd_options=None):
    """Whether option KEY's current value is not VALUE (PPD choices compare without case, as CUPS does)."""
    got = current_option(key, options, ppd_options)
    if ppd_options and key in ppd_options and got is not None:
        return got.casefold() != value.casefold()
    return got != value


def changed_options(wanted, current, ppd_options=None):
    """The options of WANTED whose current value differs."""
    return dict((k, v) for k, v in wanted.items() if option_differs(k, v, current, ppd_options))


def plan_commands(name, current, wanted, ppd_options=None):
    """The commands that take queue NAME from CURRENT (queue_settings(), None when it does not exist) to
    WANTED: {state, device_uri, driver, apply_driver, location, description, shared, enabled, accepting,
    default, options}; a None value (and default False) leaves that setting alone. An empty list means
    nothing to do."""
    if wanted.get('state', 'present') == 'absent':
        return [['lpadmin', '-x', name]] if current is not None else []
    options = wanted.get('options') or {}
    creating = current is None
    current = current or {}
    args = []
    uri = wanted.get('device_uri')
    if uri is not None and (creating or strip_userinfo(uri) != strip_userinfo(current.get('device_uri'))):
        args += ['-v', uri]
    driver_applied = creating or wanted.get('apply_driver')
    if driver_applied:
        driver = wanted.get('driver') or 'everywhere'
        if driver_kind(driver) == 'everywhere' and '-v' not in args:
            # Without -v, cupsd makes the IPP Everywhere PPD in the background, after lpadmin returns.
            if uri is None:
                raise ValueError('queue %s (%s) must be made an IPP Everywhere queue, which needs device_uri '
                                 '(CUPS hides the credentials of the current one): give device_uri, or the '
                                 'queue\'s driver' % (name, current.get('make_and_model')))
            args += ['-v', uri]
        args += driver_args(driver, creating)
    else:
        options = changed_options(options, current.get('options') or {}, ppd_options)
    for flag, key in (('-L', 'location'), ('-D', 'description')):
        if wanted.get(key) is not None and (creating or wanted[key] != current.get(key)):
            args += [flag, wanted[key]]
    if wanted.get('shared') is not None and (creating or wanted['shared'] != current.get('shared')):
        args += ['-o', 'printer-is-shared=%s' % option_value(bool(wanted['shared']))]
    # Options go after the command that applies a driver: the PPD they are marked in exists only then.
    commands = [['lpadmin', '-p', name] + args] if driver_applied else []
    if options or (args and not driver_applied):
        commands.append(['lpadmin', '-p', name] + ([] if driver_applied else args) + option_args(options))
    for key, on, off in (('enabled', 'cupsenable', 'cupsdisable'), ('accepting', 'cupsaccept', 'cupsreject')):
        if wanted.get(key) is not None and (creating or wanted[key] != current.get(key)):
            commands.append([on if wanted[key] else off, name])
    if wanted.get('default') and not current.get('default'):
        commands.append(['lpadmin', '-d', name])
    return commands


def predict_settings(name, current, wanted, make_and_model=None):
    """The queue's settings once plan_commands' commands have run (for check mode and diffs)."""
    if wanted.get('state', 'present') == 'absent':
        return None
    after = dict(current) if current else dict((k, None) for k in SETTINGS)
    after['name'] = name
    after['options'] = dict(after.get('options') or {})
    after['options'].update((k, v) for k, v in (wanted.get('options') or {}).items() if k == k.lower())
    for key in ('device_uri', 'location', 'description', 'shared', 'enabled', 'accepting'):
        if wanted.get(key) is not None:
            after[key] = strip_userinfo(wanted[key]) if key == 'device_uri' else wanted[key]
    after['default'] = bool(wanted.get('default') or after.get('default'))
    if current is None or wanted.get('apply_driver'):
        after['make_and_model'] = make_and_model
    return after
