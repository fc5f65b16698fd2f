# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hardware and software inventory of one computer in one shape, whatever its system.

    hw  {serial, model, manufacturer, ram_mb, disks: [{name, size_gb}], macs (lower-case, colon form, sorted,
         physical NICs only), os ('linux'|'windows'|'macos', the asset sheet's words), os_name, os_version,
         collected_at (ISO 8601 UTC)}
    sw  [{name, version}] sorted by name

Sources: Ansible's Linux facts and package_facts; the JSON of the hw_inventory role's PowerShell script on
Windows; `system_profiler -json` on macOS. Unknown values are '' (or 0), never a placeholder such as 'NA'.
Nothing here knows about Ansible.
"""

from __future__ import annotations

import datetime
import re

from ansible_collections.district.standard.plugins.plugin_utils.sheet_values import ValueProblem, normalise_mac

# What firmware writes when nobody filled the field in.
PLACEHOLDERS = frozenset((
    '', 'na', 'n/a', 'none', 'null', '0', '00000000', '0123456789', '1234567890', 'default string', 'not specified',
    'not applicable', 'not available', 'to be filled by o.e.m.', 'to be filled by oem', 'system serial number',
    'system product name', 'system manufacturer', 'chassis serial number', 'invalid', 'unknown', 'o.e.m.',
    'oem', 'empty', 'sn', 'serial'))
CONTAINER_TYPES = ('container', 'containerd', 'docker', 'lxc', 'openvz', 'podman', 'systemd-nspawn')
# Interfaces that are never a NIC of the machine (bridges, tunnels, container and VM plumbing).
VIRTUAL_NIC = re.compile(r'^(lo|docker|br-|virbr|veth|vnet|tun|tap|wg|zt|lxcbr|lxdbr|cni|flannel|cali|vmnet|'
                         r'vboxnet|podman|bond|team|dummy|ifb|ip6tnl|sit|gre|ppp|wwan|awdl|llw|utun|bridge|anpi|ap\d)')
WINDOWS_VIRTUAL_NIC = re.compile(r'virtual|hyper-v|vpn|tap-|tap adapter|wan miniport|bluetooth|loopback|'
                                 r'teredo|isatap|vmware|virtualbox|zerotier|wireguard|tunnel|kernel debug', re.I)
LINUX_NOT_DISKS = re.compile(r'^(loop|ram|zram|dm-|sr|fd|nbd|md|drbd)')
_SIZE = re.compile(r'^\s*([\d.,]+)\s*([KMGTP]i?B?|bytes)?\s*$', re.I)
_UNIT = {'': 1, 'B': 1, 'BYTES': 1, 'K': 1e3, 'KB': 1e3, 'M': 1e6, 'MB': 1e6, 'G': 1e9, 'GB': 1e9, 'T': 1e12,
         'TB': 1e12, 'P': 1e15, 'PB': 1e15, 'KIB': 1024.0, 'MIB': 1024.0 ** 2, 'GIB': 1024.0 ** 3,
         'TIB': 1024.0 ** 4, 'PIB': 1024.0 ** 5}
# Windows programs that are parts of Windows or of another program, not software someone installed.
_WINDOWS_UPDATE = re.compile(r'^(security update|update|hotfix|service pack) for |\(KB\d+\)|^KB\d+$', re.I)


def utc_now():
    """Now, ISO 8601 UTC to the second: '2025-01-31T14:02:11Z'."""
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def text(value):
    """A value as trimmed text; a firmware placeholder ('To be filled by O.E.M.', 'NA') as ''."""
    if value is None:
        return ''
    value = ' '.join(str(value).split())
    return '' if value.lower() in PLACEHOLDERS else value


def mac(value):
    """'F8-B1-56-01-87-69' -> 'f8:b1:56:01:87:69' (the sheet's own normaliser); not a usable MAC (blank, all
    zeros, broadcast, not a MAC) -> ''."""
    try:
        value = normalise_mac(str(value or ''))
    except ValueProblem:
        return ''
    return '' if value in ('00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff') else value


def size_bytes(value):
    """1e9, '500107862016', '465.76 GB', '16 GB', '8 GiB' -> bytes (0 when unknown)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = _SIZE.match(str(value or ''))
    if not match:
        return 0.0
    unit = (match.group(2) or '').upper()
    try:
        return float(match.group(1).replace(',', '')) * _UNIT.get(unit, 1)
    except ValueError:
        return 0.0


def gb(num_bytes):
    """Bytes -> decimal GB with one decimal, as disks are sold."""
    return round(num_bytes / 1e9, 1)


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _hw(**values):
    hw = {'serial': '', 'model': '', 'manufacturer': '', 'ram_mb': 0, 'disks': [], 'macs': [], 'os': '',
          'os_name': '', 'os_version': '', 'collected_at': ''}
    hw.update(values)
    hw['macs'] = sorted(set(m for m in hw['macs'] if m))
    hw['disks'] = sorted(hw['disks'], key=lambda d: d['name'])
    hw['collected_at'] = hw['collected_at'] or utc_now()
    return hw


def _software(pairs):
    seen = set()
    for name, version in pairs:
        name, version = ' '.join(str(name or '').split()), ' '.join(str(version or '').split())
        if name:
            seen.add((name, version))
    return [{'name': n, 'version': v} for n, v in sorted(seen, key=lambda p: (p[0].lower(), p[0], p[1]))]


# Linux (and other Unix) from Ansible facts


def _fact(facts, name, default=None):
    """A fact by its short name, whether the facts carry the 'ansible_' prefix or not."""
    if name in facts:
        return facts[name]
    return facts.get('ansible_' + name, default)


def in_container(facts, container_types=CONTAINER_TYPES):
    return (_fact(facts, 'virtualization_role') == 'guest'
            and _fact(facts, 'virtualization_type') in tuple(container_types or ()))


def linux_macs(facts, container):
    """MACs of the physical NICs: Ethernet-type interfaces with a device driver (in a container, its own
    Ethernet interfaces, which have none), never bridges, tunnels or container plumbing."""
    macs = []
    for name in _fact(facts, 'interfaces', []) or []:
        info = _fact(facts, name.replace('-', '_').replace(':', '_').replace('.', '_')) or _fact(facts, name) or {}
        if not isinstance(info, dict) or info.get('type', 'ether') != 'ether' or VIRTUAL_NIC.match(name):
            continue
        if not container and not info.get('module'):
            continue
        macs.append(mac(info.get('perm_macaddress') or info.get('macaddress')))
    return macs


def linux_disks(devices):
    disks = []
    for name, info in sorted((devices or {}).items()):
        if LINUX_NOT_DISKS.match(name) or not isinstance(info, dict) or str(info.get('removable', '0')) == '1':
            continue
        try:
            size = float(info.get('sectors') or 0) * float(info.get('sectorsize') or 512)
        except (TypeError, ValueError):
            size = 0.0
        size = size or size_bytes(info.get('size'))
        if size:
            disks.append({'name': name, 'size_gb': gb(size)})
    return disks


def hw_from_facts(facts, serial='', model='', container_types=CONTAINER_TYPES, collected_at=''):
    """hw of a Linux (or other Unix) host from its Ansible facts (setup with the hardware, network and virtual
    subsets). In a container the DMI values describe the machine the container runs on, so serial, model and
    manufacturer are '' there unless an override gives them; SERIAL or MODEL, when given, always wins."""
    facts = facts or {}
    container = in_container(facts, container_types)
    dmi = (lambda name: '') if container else (lambda name: text(_fact(facts, name)))
    system = text(_fact(facts, 'system')) or 'Linux'
    distribution = text(_fact(facts, 'distribution'))
    version = text(_fact(facts, 'distribution_version'))
    return _hw(serial=text(serial) or dmi('product_serial'),
               model=text(model) or dmi('product_name'),
               manufacturer=dmi('system_vendor'),
               ram_mb=int(_fact(facts, 'memtotal_mb', 0) or 0),
               disks=linux_disks(_fact(facts, 'devices', {})),
               macs=linux_macs(facts, container),
               os=system.lower(),
               os_name=' '.join(p for p in (distribution or system, version) if p),
               os_version=version,
               collected_at=collected_at)


def sw_from_package_facts(packages):
    """sw from package_facts' ansible_facts.packages (name -> [{version, release, ...}])."""
    pairs = []
    for name, entries in (packages or {}).items():
        for entry in _as_list(entries):
            version = str(entry.get('version') or '')
            release = str(entry.get('release') or '')
            pairs.append((name, '%s-%s' % (version, release) if version and release else version or release))
    return _software(pairs)


# Windows, from the role's PowerShell script (Win32_* classes and the Uninstall registry keys)


def windows_macs(adapters):
    macs = []
    for adapter in _as_list(adapters):
        pnp = str(adapter.get('PNPDeviceID') or '').upper()
        name = '%s %s' % (adapter.get('Name') or '', adapter.get('Description') or '')
        if adapter.get('PhysicalAdapter') is False or pnp.startswith(('ROOT\\', 'SWD\\', 'BTH')) \
                or WINDOWS_VIRTUAL_NIC.search(name):
            continue
        macs.append(mac(adapter.get('MACAddress')))
    return macs


def hw_from_windows(data, facts=None, collected_at=''):
    """hw of a Windows host from the script's JSON (bios, computer_system, product, os, disks, adapters);
    FACTS (ansible.windows.setup) fill in the OS when the script could not read it."""
    data, facts = data or {}, facts or {}
    bios, system = data.get('bios') or {}, data.get('computer_system') or {}
    product, os_info = data.get('product') or {}, data.get('os') or {}
    manufacturer = text(system.get('Manufacturer')) or text(product.get('Vendor'))
    model = text(system.get('Model'))
    # Lenovo's Model is the machine type (11DT0000US); the name people know is the product Version.
    if manufacturer.lower().startswith('lenovo') and text(product.get('Version')):
        model = text(product.get('Version'))
    disks = []
    for disk in _as_list(data.get('disks')):
        if 'removable' in str(disk.get('MediaType') or '').lower() or str(disk.get('InterfaceType')) == 'USB':
            continue
        size = size_bytes(disk.get('Size'))
        if size:
            disks.append({'name': text(disk.get('Model')) or 'disk %s' % disk.get('Index', len(disks)),
                          'size_gb': gb(size)})
    os_name = text(os_info.get('Caption')) or text(_fact(facts, 'os_name'))
    display = text(os_info.get('DisplayVersion')) or text(os_info.get('ReleaseId'))
    os_version = display or text(os_info.get('Version')) or text(_fact(facts, 'distribution_version'))
    memory = size_bytes(system.get('TotalPhysicalMemory')) or size_bytes(_fact(facts, 'memtotal_mb', 0)) * 1048576
    return _hw(serial=text(bios.get('SerialNumber')) or text(product.get('IdentifyingNumber')),
               model=model, manufacturer=manufacturer, ram_mb=int(round(memory / 1048576)), disks=disks,
               macs=windows_macs(data.get('adapters')), os='windows', os_name=os_name.replace('Microsoft ', '', 1),
               os_version=os_version, collected_at=collected_at)


def sw_from_windows(data):
    """sw of a Windows host: the installed programs of the Uninstall keys (64- and 32-bit, machine and user),
    without Windows updates and system components."""
    pairs = []
    for program in _as_list((data or {}).get('programs')):
        name = program.get('DisplayName')
        if not name or str(program.get('SystemComponent') or '0') == '1' or program.get('ParentKeyName') \
                or str(program.get('ReleaseType') or '').lower() in ('update', 'hotfix', 'security update') \
                or _WINDOWS_UPDATE.search(str(name)):
            continue
        pairs.append((name, program.get('DisplayVersion')))
    return _software(pairs)


# macOS, from system_profiler -json


def _sp(data, kind):
    return _as_list((data or {}).get(kind))


def _ram_mb(value):
    return int(round(size_bytes(str(value or '').replace('GB', 'GiB').replace('MB', 'MiB').replace('TB', 'TiB'))
                     / 1048576))


def mac_disks(storage):
    """Physical drives from SPStorageDataType's volumes: one per drive, its size the largest volume (an APFS
    container's volumes all report the container's size)."""
    drives = {}
    for volume in storage:
        drive = volume.get('physical_drive') or {}
        name = text(drive.get('device_name'))
        if not name or drive.get('is_internal_disk') == 'no':
            continue
        drives[name] = max(drives.get(name, 0.0), size_bytes(volume.get('size_in_bytes')))
    return [{'name': n, 'size_gb': gb(s)} for n, s in drives.items() if s]


def mac_macs(network):
    macs = []
    for service in network:
        interface = str(service.get('interface') or '')
        kind = str(service.get('type') or service.get('hardware') or '')
        if not re.match(r'^en\d+$', interface) or kind.lower() in ('bridge', 'vpn', 'ppp'):
            continue
        macs.append(mac((service.get('Ethernet') or {}).get('MAC Address')))
    return macs


def hw_from_system_profiler(data, collected_at=''):
    """hw of a Mac from `system_profiler -json SPHardwareDataType SPNetworkDataType SPSoftwareDataType
    SPStorageDataType` (SPApplicationsDataType may be there too)."""
    hardware = (_sp(data, 'SPHardwareDataType') or [{}])[0]
    software = (_sp(data, 'SPSoftwareDataType') or [{}])[0]
    os_name = text(software.get('os_version'))          # 'macOS 14.6.1 (23G93)'
    match = re.search(r'(\d+(?:\.\d+)*)', os_name)
    return _hw(serial=text(hardware.get('serial_number')),
               model=text(hardware.get('machine_name')) or text(hardware.get('machine_model')),
               manufacturer='Apple', ram_mb=_ram_mb(hardware.get('physical_memory')),
               disks=mac_disks(_sp(data, 'SPStorageDataType')), macs=mac_macs(_sp(data, 'SPNetworkDataType')),
               os='macos', os_name=os_name, os_version=match.group(1) if match else '', collected_at=collected_at)


def sw_from_system_profiler(data):
    """sw of a Mac: the applications of SPApplicationsDataType (name and version)."""
    return _software((app.get('_name'), app.get('version')) for app in _sp(data, 'SPApplicationsDataType'))
