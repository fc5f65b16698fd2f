# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the computers say about themselves against what the asset sheet says about them.

Input: the asset book (asset_book.load_book/build_book) and the devices of a run,
    {hostname: {'reached': bool, 'hw': hw_inventory or None, 'sw': [...]}}
(the hw shape is plugin_utils/hw_inventory.py's).

Matching: a reached device is the book host of its hostname, else the one book host with its serial, else
the one book host whose MAC is among its MACs (a book host is matched once).

Rows, one per difference (kind):
  serial, mac, os, model   the sheet and the device disagree (both have a value)
  missing_in_sheet         the sheet cell is blank and the device has a value (field names which cell)
  hostname                 the device matched a row by serial or MAC but answers under another name
  not_seen                 a book host no reached device matched
  unlisted                 a reached device that matches no book host
A value the device does not know (a container's serial, a Mac without a wired MAC) is never a difference.
Comparisons: serial case- and space-insensitive; MAC in any separator form; OS by the sheet's words
(windows, macos, linux); model case- and space-insensitive, either containing the other ('ProDesk 400 G9'
matches 'HP ProDesk 400 G9 Desktop Mini PC', 'iMac' matches 'iMac 24-inch M3').
"""

from __future__ import annotations

from ansible_collections.district.standard.plugins.plugin_utils import compliance as cp
from ansible_collections.district.standard.plugins.plugin_utils.hw_inventory import mac as normalise_mac
from ansible_collections.district.standard.plugins.plugin_utils.sheet_values import normalise_os

FIELDS = ('serial', 'mac', 'os', 'model')
KINDS = FIELDS + ('missing_in_sheet', 'hostname', 'not_seen', 'unlisted')
HEADERS = ('kind', 'field', 'hostname', 'asset_tag', 'school', 'room', 'sheet_value', 'device_value',
           'asset_source', 'note')
HARDWARE_HEADERS = ('hostname', 'reached', 'asset_tag', 'school', 'room', 'serial', 'manufacturer', 'model',
                    'ram_mb', 'disks', 'macs', 'os', 'os_name', 'os_version', 'collected_at', 'asset_source')
SOFTWARE_HEADERS = ('hostname', 'asset_tag', 'school', 'room', 'name', 'version')


def serial_key(value):
    return ''.join(str(value or '').split()).upper()


def model_key(value):
    return ' '.join(str(value or '').lower().replace('-', ' ').replace('_', ' ').split())


def same_model(sheet, device):
    a, b = model_key(sheet), model_key(device)
    return a in b or b in a


def _hw(device):
    return (device or {}).get('hw') or {}


def reached(devices):
    """The hostnames of the devices that answered, sorted."""
    return sorted(name for name, device in (devices or {}).items()
                  if (device or {}).get('reached') and (device or {}).get('hw'))


def match_devices(book, devices):
    """{device hostname: (book host, 'hostname'|'serial'|'mac')} for the reached devices that match a host."""
    hosts = dict((host['name'], host) for host in book.get('hosts', []))
    answered = reached(devices)
    matched, used = {}, set()
    for name in answered:
        if name in hosts:
            matched[name] = (hosts[name], 'hostname')
            used.add(name)

    def single(predicate):
        found = [host for host in hosts.values() if host['name'] not in used and predicate(host['vars'])]
        return found[0] if len(found) == 1 else None

    for how in ('serial', 'mac'):
        for name in answered:
            if name in matched:
                continue
            hw = _hw(devices[name])
            serial = serial_key(hw.get('serial'))
            if how == 'serial' and serial:
                host = single(lambda v, serial=serial: serial_key(v.get('asset_serial')) == serial)
            elif how == 'mac' and hw.get('macs'):
                macs = set(normalise_mac(m) for m in hw['macs'])
                host = single(lambda v, macs=macs: normalise_mac(v.get('asset_mac')) in macs)
            else:
                host = None
            if host:
                matched[name] = (host, how)
                used.add(host['name'])
    return matched


def _row(kind, hostname, hostvars=None, field='', sheet='', device='', note=''):
    hostvars = hostvars or {}
    return {'kind': kind, 'field': field, 'hostname': hostname, 'asset_tag': hostvars.get('asset_tag', ''),
            'school': hostvars.get('asset_school', ''), 'room': hostvars.get('asset_room', ''),
            'sheet_value': sheet, 'device_value': device, 'asset_source': hostvars.get('asset_source', ''),
            'note': note}


def compare(name, host, hw, how='hostname'):
    """The difference rows of one matched device."""
    hostvars, rows = host['vars'], []
    note = '' if how == 'hostname' else 'matched by %s' % how
    if how != 'hostname':
        rows.append(_row('hostname', name, hostvars, 'hostname', host['name'], name, note))

    def check(field, sheet, device, differs, shown=None):
        if not device:
            return
        if not sheet:
            rows.append(_row('missing_in_sheet', name, hostvars, field, '', shown or device, note))
        elif differs:
            rows.append(_row(field, name, hostvars, field, sheet, shown or device, note))

    serial = hw.get('serial') or ''
    sheet_serial = hostvars.get('asset_serial', '')
    check('serial', sheet_serial, serial, serial_key(sheet_serial) != serial_key(serial))
    macs = sorted(set(normalise_mac(m) for m in hw.get('macs') or []) - {''})
    sheet_mac = normalise_mac(hostvars.get('asset_mac')) or hostvars.get('asset_mac', '')
    check('mac', sheet_mac, macs, sheet_mac not in macs, ', '.join(macs))
    device_os = normalise_os(hw.get('os') or '')
    check('os', hostvars.get('asset_os', ''), device_os, normalise_os(hostvars.get('asset_os', '')) != device_os)
    model = hw.get('model') or ''
    check('model', hostvars.get('asset_model', ''), model, not same_model(hostvars.get('asset_model', ''), model))
    return rows


def reconcile(book, devices, scope='devices'):
    """Every difference between the devices and the book (see the module docstring).

    SCOPE 'devices': only book hosts that are keys of DEVICES (the hosts the run targeted, so a --limit run
    does not call the rest of the district unseen) can be not_seen; 'sheet': every book host can.
    """
    devices = devices or {}
    matched = match_devices(book, devices)
    rows = []
    for name in reached(devices):
        if name in matched:
            host, how = matched[name]
            rows.extend(compare(name, host, _hw(devices[name]), how))
        else:
            hw = _hw(devices[name])
            seen = '; '.join('%s %s' % (label, value) for label, value in (
                ('serial', hw.get('serial')), ('model', hw.get('model')), ('os', hw.get('os_name') or hw.get('os')),
                ('MAC', ', '.join(hw.get('macs') or []))) if value)
            rows.append(_row('unlisted', name, device=seen,
                             note='no sheet row has this hostname, serial or MAC'))
    taken = set(host['name'] for host, _how in matched.values())
    for host in book.get('hosts', []):
        name = host['name']
        if name in taken or (scope == 'devices' and name not in devices):
            continue
        note = 'not part of this run'
        if name in devices:
            note = (devices[name] or {}).get('error') or 'did not answer'
        rows.append(_row('not_seen', name, host['vars'], note=note))
    return sorted(rows, key=lambda r: (r['school'], r['room'], r['hostname'], KINDS.index(r['kind']), r['field']))


def counts(rows):
    """{kind: number of rows} for every kind."""
    out = {kind: 0 for kind in KINDS}
    for row in rows:
        out[row['kind']] += 1
    return out


def hardware_rows(book, devices):
    """One row per device of the run (reached or not), with its sheet row's tag, school and room."""
    matched = match_devices(book, devices)
    hosts = dict((host['name'], host) for host in book.get('hosts', []))
    rows = []
    for name in sorted(devices or {}):
        host = matched.get(name, (hosts.get(name), ''))[0] or {'vars': {}}
        hw = _hw(devices[name])
        rows.append({
            'hostname': name, 'reached': bool(devices[name].get('reached') and hw),
            'asset_tag': host['vars'].get('asset_tag', ''), 'school': host['vars'].get('asset_school', ''),
            'room': host['vars'].get('asset_room', ''), 'serial': hw.get('serial', ''),
            'manufacturer': hw.get('manufacturer', ''), 'model': hw.get('model', ''), 'ram_mb': hw.get('ram_mb', ''),
            'disks': '; '.join('%s %s GB' % (d.get('name', ''), d.get('size_gb', '')) for d in hw.get('disks') or []),
            'macs': ', '.join(hw.get('macs') or []), 'os': hw.get('os', ''), 'os_name': hw.get('os_name', ''),
            'os_version': hw.get('os_version', ''), 'collected_at': hw.get('collected_at', ''),
            'asset_source': host['vars'].get('asset_source', '')})
    return rows


def software_rows(book, devices):
    """One row per device and program."""
    hosts = dict((row['hostname'], row) for row in hardware_rows(book, devices))
    rows = []
    for name in reached(devices):
        info = hosts[name]
        for item in devices[name].get('sw') or []:
            rows.append({'hostname': name, 'asset_tag': info['asset_tag'], 'school': info['school'],
                         'room': info['room'], 'name': item.get('name', ''), 'version': item.get('version', '')})
    return rows


def compliance_by_host(report):
    """{host: 'NN.N% (N drift, N error)'} from a compliance.json (the compliance_report callback's)."""
    per = {}
    for result in (report or {}).get('results', []):
        numbers = per.setdefault(result.get('host'), dict.fromkeys(cp.STATUSES, 0))
        if result.get('status') in numbers:
            numbers[result['status']] += 1
    started = ((report or {}).get('run') or {}).get('started', '')[:10]
    out = {}
    for host, numbers in per.items():
        pct = cp.pct(numbers)
        bad = ', '.join('%d %s' % (numbers[s], s) for s in ('drift', 'error', 'unreachable') if numbers.get(s))
        text = 'not checked' if pct is None else '%s%%' % pct
        out[host] = ' '.join(p for p in (text, '(%s)' % bad if bad else '', started) if p)
    return out


def split_source(asset_source):
    """'district-assets.xlsx:Lincoln Elementary:row 4' -> ('district-assets.xlsx:Lincoln Elementary', 4)."""
    label, sep, number = (asset_source or '').rpartition(':row ')
    if not sep or not number.isdigit():
        return None, None
    return label, int(number)


def write_back_updates(book, devices, compliance=None):
    """{table label: {row number: {'Last seen', 'OS version', 'Compliance'}}} for the matched book hosts."""
    updates = {}
    for name, (host, _how) in match_devices(book, devices).items():
        label, number = split_source(host['vars'].get('asset_source'))
        if label is None:
            continue
        hw = _hw(devices[name])
        values = {'Last seen': hw.get('collected_at', ''), 'OS version': hw.get('os_version', '')}
        if compliance is not None:
            values['Compliance'] = compliance.get(name, compliance.get(host['name'], ''))
        updates.setdefault(label, {})[number] = values
    return updates
