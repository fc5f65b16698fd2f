# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sample district's devices, as data: two schools, their header spellings and rows.

make_sample_sheets.py writes them as the sample workbook and CSV.
"""

from __future__ import annotations

import datetime

BLANK = None  # a blank row in the middle of the data, as people leave them


class School(object):
    """One school's sheet: its title rows, its header spellings and its rows."""

    def __init__(self, name, title_rows, headers, tag_base, rows):
        self.name = name
        self.title_rows = title_rows      # rows above the header; '' is a blank row
        self.headers = headers            # (header text, field) in column order
        self.tag_base = tag_base
        self.rows = rows


def row(hostname, room, device_type, os_name, os_version, model, make, status, ip, **more):
    """One device. more: user, uri, notes, bought, funding, warranty, serial, mac, problem, and tag_of
    (the hostname of an earlier row whose asset tag this row repeats). The asset tag is otherwise the
    school's tag_base plus the row's place in the list, so it is unique."""
    cells = dict(hostname=hostname, room=room, type=device_type, os=os_name, os_version=os_version, model=model,
                 manufacturer=make, status=status, ip=ip, assigned_to=more.pop('user', ''),
                 printer_uri=more.pop('uri', ''), notes=more.pop('notes', ''))
    cells.update(more)
    return cells


# -- Lincoln Elementary: 36 devices, 10.10.x.x ------------------------------------------------------------------
W11E, WIN10, W11, W11P = 'Windows 11 Education', 'Win 10', 'W11', 'Windows 11 Pro'
LAB = dict(bought=datetime.date(2023, 8, 14), funding='Title I')
LIB = dict(bought=datetime.date(2022, 7, 1), funding='ESSER III')
OFFICE = dict(bought=datetime.date(2024, 1, 22), funding='General Fund')
SERVER = dict(bought=datetime.date(2024, 6, 3), funding='E-Rate')

LINCOLN = School(
    'Lincoln Elementary',
    ['Lincoln Elementary \u2014 Device Inventory 2026-27', ''],
    [('Computer Name', 'hostname'), ('Asset Tag', 'asset_tag'), ('Serial Number', 'serial'),
     ('MAC Address', 'mac'), ('IP Address', 'ip'), ('School', 'school'), ('Room', 'room'),
     ('Device Type', 'type'), ('Operating System', 'os'), ('OS Version', 'os_version'), ('Model', 'model'),
     ('Manufacturer', 'manufacturer'), ('Status', 'status'), ('Assigned To', 'assigned_to'),
     ('Printer URI', 'printer_uri'), ('Notes', 'notes'), ('Purchase Date', 'bought'),
     ('Funding Source', 'funding')],
    100201,
    [
        row('LAB101-PC01', 'Lab 101', 'Desktop', W11E, '23H2', 'OptiPlex 7010', 'Dell', 'Active', '10.10.101.11',
            **LAB),
        row('lab101-pc02', 'Lab 101', 'Desktop', WIN10, '22H2', 'OptiPlex 7010', 'Dell', 'active', '10.10.101.12',
            notes='Windows 11 upgrade pending', **LAB),
        row('lab101-pc03', 'Lab 101', 'PC', W11, '23H2', 'OptiPlex 7010', 'Dell', 'Deployed', '10.10.101.13', **LAB),
        row('lab101-pc04', 'Lab 101', 'Desktop', W11P, '23H2', 'OptiPlex 7010', 'Dell', 'Active', '10.10.101.14',
            **LAB),
        row('Lab101 PC05', 'Lab 101', 'Desktop', W11E, '23H2', 'OptiPlex 7010', 'Dell', 'Active', '10.10.101.15',
            notes='name typed from the label', **LAB),
        row('lab101-pc06', 'Lab 101', 'Desktop', W11E, '23H2', 'OptiPlex 7010', 'Dell', 'Active', '10.10.101.16',
            mac='GG:12:34:56:78:9A', problem="MAC 'GG:12:34:56:78:9A' is not a MAC address", **LAB),
        row('lab101-pc07', 'Lab 101', 'Desktop', W11E, '23H2', 'OptiPlex 7010', 'Dell', 'Active', '10.10.101.17',
            **LAB),
        row('lab101-pc08', 'Lab 101', 'Workstation', W11E, '23H2', 'OptiPlex 7010', 'Dell', 'In Use', '10.10.101.18',
            **LAB),
        row('lab101-pc09', 'Lab 101', 'Desktop', 'Windows 10 Education', '22H2', 'OptiPlex 7000', 'Dell', 'In Repair',
            '10.10.101.19', notes='power supply on order', **LAB),
        row('lab101-pc10', 'Lab 101', 'All-in-One', W11E, '23H2', 'OptiPlex 7410 All-in-One', 'Dell', 'Active',
            '10.10.101.20', **LAB),
        row('lab101-teacher', 'Lab 101', 'iMac', 'macOS Sonoma', '14.6', 'iMac 24-inch M3', 'Apple', 'Assigned', 'DHCP',
            user='Ana Pe\u00f1a', **LAB),
        row('lab101-prn01', 'Lab 101', 'Printer', '', '', 'LaserJet Pro M404dn', 'HP', 'Active', '10.10.101.250',
            uri='ipp://10.10.101.250/ipp/print', **LAB),
        row('lab101-proj01', 'Lab 101', 'Projector', '', '', 'PowerLite 1795F', 'Epson', 'Active', '', **LAB),
        row('lib-pc01', 'Library', 'Desktop', WIN10, '22H2', 'ThinkCentre M70q', 'Lenovo', 'Active', 'DHCP', **LIB),
        row('lib-pc02', 'Library', 'Desktop', W11E, '23H2', 'ThinkCentre M70q', 'Lenovo', 'deployed', 'dynamic', **LIB),
        row('lib-mac01', 'Library', 'Mac mini', 'Mac OS X', '13.6', 'Mac mini M2', 'Apple', 'Active', '', **LIB),
        row('lib-cb01', 'Library', 'Chromebook', 'Chrome OS', '126', 'Chromebook 3110', 'Dell', 'Active', 'DHCP',
            notes='cart A', **LIB),
        BLANK,
        row('lib-cb02', 'Library', 'Chromebook', 'Chromebook', '126', 'Chromebook 3110', 'Dell', 'Active', 'DHCP',
            notes='cart A', **LIB),
        row('lib-ipad01', 'Library', 'Tablet', 'iPadOS', '17.5', 'iPad (10th generation)', 'Apple', 'Assigned', 'DHCP',
            user='Zo\u00eb Lindqvist', **LIB),
        row('lib-prn01', 'Library', 'Printer', '', '', 'HL-L5200DW', 'Brother', 'Active', '10.10.20.250',
            uri='socket://10.10.20.250:9100', **LIB),
        row('lib-ap01', 'Library', 'AP', '', '', 'AP-515', 'HPE Aruba', 'Active', '10.10.0.21', **SERVER),
        row('office-pc01', 'Office', 'Desktop', W11P, '23H2', 'OptiPlex 7010', 'Dell', 'Active', '10.10.1.21',
            user='Margaret Olsen', **OFFICE),
        row('office-pc02', 'Office', 'Desktop', W11P, '23H2', 'OptiPlex 7010', 'Dell', 'In Use', '10.10.1.22',
            user='front desk', **OFFICE),
        row('office-lt01', 'Office', 'Laptop', W11P, '23H2', 'Latitude 5440', 'Dell', 'Assigned', 'DHCP',
            user='David Whitaker', notes='principal', **OFFICE),
        row('office-mba01', 'Office', 'MacBook', 'macOS Sonoma', '14.6', 'MacBook Air 13-inch M2', 'Apple', 'Assigned',
            '', user='Ren\u00e9 Castillo', **OFFICE),
        row('office-mfp01', 'Office', 'MFP', '', '', 'IM C3000', 'Ricoh', 'Active', '10.10.1.250',
            uri='ipps://10.10.1.250/ipp/print', **OFFICE),
        row('office-copier01', 'Office', 'Copier', '', '', 'bizhub C300i', 'Konica Minolta', 'Active', '10.10.1.251',
            uri='lpd://office-copier01.district.example.org/print', **OFFICE),
        row('rm12-teacher', 'Room 12', 'Laptop', W11E, '23H2', 'Latitude 3440', 'Dell', 'Assigned', 'DHCP',
            user='Ana Pe\u00f1a', **OFFICE),
        row('rm12-pc01', 'Room 12', 'Desktop', 'Windows 10 Pro', '22H2', 'Veriton X2690G', 'Acer', 'Active', '',
            serial=123450, notes='PTA donation', bought=datetime.date(2021, 9, 20), funding='PTA Donation'),
        row('', 'Room 12', 'Desktop', W11E, '23H2', 'OptiPlex 3000', 'Dell', 'Ready to Deploy', '',
            notes='new: name comes from the template', **OFFICE),
        row('rm12-proj01', 'Room 12', 'Projector', '', '', 'BrightLink 725Wi', 'Epson', 'Active', '', **LIB),
        row('rm12-cb01', 'Room 12', 'Chromebook', 'Chrome OS', '126', '100e Chromebook Gen 4', 'Lenovo',
            'Active', 'DHCP', **LIB),
        row('rm12-pc00', 'Room 12', 'Desktop', 'Windows 7 Pro', 'SP1', 'OptiPlex 790', 'Dell', 'Retired', '',
            notes='recycled June 2025', bought=datetime.date(2012, 8, 1), funding='General Fund'),
        row('linc-app01', 'Server Room', 'Server', 'Debian 12', '12.7', 'PowerEdge R250', 'Dell', 'In Service',
            '10.10.0.10', notes='library catalogue and sign-in apps', **SERVER),
        row('linc-print01', 'Server Room', 'Server', 'Ubuntu 22.04', '22.04', 'PowerEdge T150', 'Dell', 'in service',
            '10.10.0.11', notes='CUPS print server', **SERVER),
        row('linc-sw01', 'Server Room', 'Switch', '', '', 'CBS350-48P', 'Cisco', 'Active', '10.10.0.2', **SERVER),
    ])

# -- Washington Middle School: 36 devices, 10.20.x.x ------------------------------------------------------------
WLAB = dict(warranty=datetime.date(2028, 8, 31))
WLIB = dict(warranty=datetime.date(2027, 6, 30))
WOFF = dict(warranty=datetime.date(2029, 1, 31))
WSRV = dict(warranty=datetime.date(2029, 6, 30))

WASHINGTON = School(
    'Washington Middle School',
    ['Washington Middle School \u2014 Device Inventory 2026-27',
     'Exported from the district asset system; edit there, not here.', ''],
    [('Hostname', 'hostname'), ('Tag #', 'asset_tag'), ('S/N', 'serial'), ('Ethernet MAC', 'mac'),
     ('IPv4', 'ip'), ('Site', 'school'), ('Room #', 'room'), ('Category', 'type'), ('Platform', 'os'),
     ('Build', 'os_version'), ('Model Name', 'model'), ('Make', 'manufacturer'), ('State', 'status'),
     ('User', 'assigned_to'), ('Device URI', 'printer_uri'), ('Comments', 'notes'), ('Warranty End', 'warranty')],
    200301,
    [
        row('wms-lab2-pc01', 'Lab 2', 'Workstation', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'Deployed', 'DHCP', **WLAB),
        row('wms-lab2-pc02', 'Lab 2', 'Workstation', W11, '23H2', 'ProDesk 400 G9', 'HP', 'deployed', 'DHCP', **WLAB),
        row('wms-lab2-pc03', 'Lab 2', 'Workstation', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'Deployed', 'dynamic',
            **WLAB),
        row('wms-lab2-pc04', 'Lab 2', 'Workstation', WIN10, '22H2', 'ProDesk 400 G7', 'HP', 'Deployed', 'DHCP', **WLAB),
        row('wms-lab2-pc05', 'Lab 2', 'Workstation', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'Deployed', 'DHCP', **WLAB),
        row('wms-lab2-pc06', 'Lab 2', 'Workstation', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'Deployed', '10.20.300.5',
            notes='static for the exam software', problem="IP '10.20.300.5' is not an IP address", **WLAB),
        row('wms-lab2-pc07', 'Lab 2', 'Workstation', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'Deployed', '', **WLAB),
        row('wms-lab2-pc08', 'Lab 2', 'Workstation', W11P, '23H2', 'ProDesk 400 G9', 'HP', 'Deployed', '', **WLAB),
        row('wms-lab2-pc09', 'Lab 2', 'Workstation', W11E, '24H2', 'ProDesk 400 G9', 'HP', 'Ready to Deploy', 'DHCP',
            **WLAB),
        row('wms-lab2-imac01', 'Lab 2', 'iMac', 'macOS Sonoma', '14.6', 'iMac 24-inch M3', 'Apple', 'Deployed', 'DHCP',
            notes='music and video editing', **WLAB),
        row('wms-lab2-imac02', 'Lab 2', 'iMac', 'OS X', '14.5', 'iMac 24-inch M3', 'Apple', 'Deployed', 'DHCP',
            notes='music and video editing', **WLAB),
        row('wms-lab2-prn01', 'Lab 2', 'Printer', '', '', 'LaserJet Enterprise M507', 'HP', 'Active', '10.20.2.250',
            uri='ipp://wms-lab2-prn01.district.example.org/ipp/print', **WLAB),
        row('wms-lab2-ap01', 'Lab 2', 'Access Point', '', '', 'Meraki MR36', 'Cisco', 'Active', '10.20.0.22', **WSRV),
        row('wms-lib-pc01', 'Library', 'Desktop', W11E, '23H2', 'EliteDesk 800 G6 Mini', 'HP', 'In Use', 'DHCP',
            **WLIB),
        row('wms-lib-pc02', 'Library', 'Desktop', W11P, '23H2', 'EliteDesk 800 G6 Mini', 'HP', 'In Use', 'DHCP',
            **WLIB),
        row('wms-lib-pc03', 'Library', 'Desktop', 'Linux Mint 21.3', '21.3', 'EliteDesk 800 G4 Mini', 'HP', 'In Use',
            'DHCP', notes='catalogue kiosk', **WLIB),
        row('wms-lib-mini01', 'Library', 'Mac mini', 'OS X', '13.6', 'Mac mini M2', 'Apple', 'Active', '', **WLIB),
        row('wms-lib-prn01', 'Library', 'Printer', '', '', 'HL-L6200DW', 'Brother', 'Active', '10.20.3.250',
            notes='queue not set up yet', **WLIB),
        row('wms-cb-0001', 'Library', 'Chromebook', 'Chrome OS', '126', 'Chromebook 3110', 'Dell', 'Active', 'DHCP',
            notes='cart 1', problem='asset tag also on the wms-cb-0002 row (both rows kept, reported once)', **WLIB),
        row('wms-cb-0002', 'Library', 'Chromebook', 'Chromebook', '126', 'Chromebook 3110', 'Dell', 'Active', 'DHCP',
            tag_of='wms-cb-0001', notes='cart 1',
            problem='asset tag also on the wms-cb-0001 row (both rows kept, reported once)', **WLIB),
        BLANK,
        row('wms-office-pc01', 'Main Office', 'Desktop', W11P, '23H2', 'EliteDesk 800 G9', 'HP',
            'Assigned', '10.20.1.21', user='Ren\u00e9e Dubois', **WOFF),
        row('wms-office-pc02', 'Main Office', 'Desktop', WIN10, '22H2', 'EliteDesk 800 G6', 'HP', 'Assigned',
            '10.20.1.22', user='attendance desk', **WOFF),
        row('wms-office-lt01', 'Main Office', 'Notebook', W11P, '23H2', 'Latitude 7440', 'Dell', 'Assigned', 'DHCP',
            user='Jos\u00e9 Mart\u00ednez', notes='principal', **WOFF),
        row('wms-office-lt02', 'Main Office', 'Notebook', W11P, '23H2', 'Latitude 7440', 'Dell', 'Lost', 'DHCP',
            user='substitute pool', notes='reported lost 2026-03-02', **WOFF),
        row('wms-office-mbp01', 'Main Office', 'MacBook', 'macOS Sonoma', '14.6', 'MacBook Pro 14-inch M3', 'Apple',
            'Assigned', '', user='Grace Okafor', notes='assistant principal', **WOFF),
        row('wms-office-copier01', 'Main Office', 'Copier', '', '', 'AltaLink C8130', 'Xerox', 'Active', '10.20.1.250',
            uri='socket://10.20.1.250:9100', **WOFF),
        row('wms-rm204-teacher', 'Room 204', 'Notebook', W11E, '23H2', 'ThinkPad L14 Gen 4', 'Lenovo', 'In Use', 'DHCP',
            user='Tom Becker', **WOFF),
        row('wms-rm204-mba01', 'Room 204', 'MacBook', 'Mac OS X', '14.5', 'MacBook Air 13-inch M2', 'Apple',
            'In Use', '', user='Lena Novak', **WOFF),
        row('wms-rm204-pc01', 'Room 204', 'Desktop', 'Windows 11 Education', '23H2', 'ProDesk 400 G7', 'HP', 'Assigned',
            'dynamic', user='Tom Becker', **WLAB),
        row('', 'Room 204', 'Desktop', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'ready to deploy', '',
            notes='new: name comes from the template', **WLAB),
        row('wms-rm204-proj01', 'Room 204', 'Projector', '', '', 'BrightLink 735Fi', 'Epson', 'Active', '10.20.4.40',
            **WLIB),
        row('wms-cb-0003', 'Room 204', 'Chromebook', 'Chrome OS', '126', '100e Chromebook Gen 4', 'Lenovo', 'Active',
            'DHCP', notes='cart 2', **WLIB),
        row('wms-lab2-pc03', 'Room 204', 'Desktop', W11E, '23H2', 'ProDesk 400 G9', 'HP', 'In Use', '10.20.4.31',
            notes='moved from Lab 2', problem="hostname 'wms-lab2-pc03' is already used (the first row is kept)",
            **WLAB),
        row('wms-print01', 'Server Room', 'Server', 'Ubuntu 22.04', '22.04', 'ProLiant DL20 Gen10 Plus', 'HPE',
            'In Service', '10.20.0.11', notes='CUPS print server', **WSRV),
        row('wms-files01', 'Server Room', 'Server', 'Debian 12', '12.7', 'ProLiant ML30 Gen10 Plus', 'HPE',
            'in service', '10.20.0.10', notes='staff file shares', **WSRV),
        row('wms-sw01', 'Server Room', 'Switch', '', '', 'Catalyst 9200L-48P', 'Cisco', 'Active', '10.20.0.2', **WSRV),
    ])

SCHOOLS = (LINCOLN, WASHINGTON)
