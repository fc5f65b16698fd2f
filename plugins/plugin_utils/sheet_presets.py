# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The `preset` option: header and value vocabulary of the asset systems schools export from.

Each preset is built from the columns and values its exporter documents (sources named per preset). It adds
to the built-in vocabulary and the config's own options win over it: `columns` over a preset's headers,
`value_maps`, `defaults` and `derive` entries over the preset's for the same field or word, and
`ignore_columns` adds to the preset's.
"""

from __future__ import annotations

# the last part of a tree path as GLPI writes it: 'Collège Jean Moulin > Bâtiment A > Salle 101' -> 'Salle 101'
LAST_PART = r'(?:^|>)\s*(?P<value>[^>]*[^>\s])\s*$'

PRESETS = {
    # Snipe-IT: the asset list export (app/Presenters/AssetPresenter.php column titles) and the importer's
    # sample (sample_csvs/assets-sample.csv: Company, Name, Asset Tag, Category, ..., Checked Out To:
    # Username); status labels of its seeders (Ready to Deploy, Pending, Archived, Out for Diagnostics,
    # Out for Repair, Broken - Not Fixable, Lost/Stolen) and 'Deployed' for a checked-out asset;
    # categories Laptops, Desktops, Tablets, Mobile Phones, Displays, VOIP Phones, Conference Phones;
    # MAC Address, the custom field of its computer fieldset.
    'snipeit': {
        'columns': {
            'hostname': ['Asset Name', 'Name'],
            'school': ['Company'],
            'assigned_to': ['Checked Out To: Username', 'Checked Out To'],
            'notes': ['Asset Notes', 'Notes'],
        },
        'value_maps': {
            'status': {'Ready to Deploy': 'ready to deploy', 'Deployed': 'deployed', 'Pending': 'pending',
                       'Archived': 'archived', 'Out for Diagnostics': 'in repair', 'Out for Repair': 'in repair',
                       'Broken - Not Fixable': 'broken', 'Lost/Stolen': 'lost'},
            'type': {'Laptops': 'laptop', 'Desktops': 'desktop', 'Tablets': 'tablet', 'Mobile Phones': 'other',
                     'Displays': 'other', 'VOIP Phones': 'other', 'Conference Phones': 'other',
                     'Printers': 'printer'},
        },
    },
    # Jamf Pro: computer inventory attributes as an advanced computer search exports them (General:
    # Computer Name, IP Address, Reported IP Address; Hardware: Make, Model, Serial Number, MAC Address;
    # Operating System, Operating System Version; User and Location: Username, Building, Room; Purchasing:
    # Asset Tag, Bar Code 1; Managed). Its IP columns say where a Mac last checked in from, not a fixed
    # address, so they are never read. Jamf manages Macs: a blank OS is macOS.
    'jamf': {
        'columns': {
            'asset_tag': ['Asset Tag', 'Bar Code 1', 'Barcode 1'],
            'status': ['Managed'],
        },
        'ignore_columns': ['IP Address', 'Reported IP Address', 'Last Reported IP Address'],
        'value_maps': {'status': {'Managed': 'active', 'Unmanaged': 'unmanaged', 'true': 'active', 'false': 'unmanaged'}},
        'defaults': {'os': 'macos'},
    },
    # GLPI: the computer list as its CSV export writes it (';', UTF-8), French and English column titles
    # (Nom/Name, Entité/Entity, Statut/Status, Fabricant/Manufacturer, Numéro de série/Serial number, Type,
    # Modèle/Model, Système d'exploitation - Nom/Operating system - Name, Lieu/Location, Numéro
    # d'inventaire/Inventory number, Usager/Utilisateur/User). Entities and locations are trees written
    # 'Parent > Child': the school and the room are their last part.
    'glpi': {
        'columns': {
            'hostname': ['Nom', 'Name'],
            'asset_tag': ["Numéro d'inventaire", 'Inventory number'],
            'serial': ['Numéro de série', 'Serial number'],
            'school': ['Entité', 'Entity'],
            'room': ['Lieu', 'Location'],
            'os': ["Système d'exploitation - Nom", 'Operating system - Name'],
            'os_version': ["Système d'exploitation - Version", 'Operating system - Version'],
            'model': ['Modèle', 'Model'],
            'manufacturer': ['Fabricant', 'Manufacturer'],
            'status': ['Statut', 'Status'],
            'assigned_to': ['Usager', 'Utilisateur', 'User'],
            'mac': ['Adresse MAC', 'MAC address'],
            'notes': ['Commentaires', 'Comments'],
        },
        'derive': {
            'school': {'from': 'school', 'match': LAST_PART},
            'room': {'from': 'room', 'match': LAST_PART},
        },
        'value_maps': {
            'status': {'En service': 'active', 'En production': 'active', 'En stock': 'in stock',
                       'En réparation': 'in repair', 'En panne': 'broken', 'Réformé': 'retired',
                       'Rebut': 'retired', 'Volé': 'stolen', 'Perdu': 'lost', 'Prêté': 'on loan'},
            'type': {'Portable': 'laptop', 'Ordinateur portable': 'laptop', 'Ordinateur de bureau': 'desktop',
                     'Poste fixe': 'desktop', 'Fixe': 'desktop', 'Tout-en-un': 'desktop', 'Serveur': 'server',
                     'Tablette': 'tablet'},
        },
    },
    # Google Admin: the Chrome devices list as the Admin console downloads it, in the Directory API's field
    # names (deviceId, serialNumber, status, annotatedAssetId, annotatedLocation, annotatedUser, notes,
    # model, osVersion, macAddress, ethernetMacAddress, orgUnitPath, recentUsers.N.email...). Every row is
    # a ChromeOS device: counted, never a host. Statuses ACTIVE, DEPROVISIONED, DISABLED, INACTIVE,
    # PRE_PROVISIONED; only ACTIVE is managed.
    'google_admin': {
        'columns': {
            'asset_tag': ['annotatedAssetId', 'Asset ID'],
            'serial': ['serialNumber'],
            'room': ['annotatedLocation'],
            'assigned_to': ['annotatedUser'],
            'os_version': ['osVersion', 'platformVersion'],
            'mac': ['macAddress', 'ethernetMacAddress'],
        },
        'value_maps': {'status': {'ACTIVE': 'active', 'DEPROVISIONED': 'deprovisioned', 'DISABLED': 'disabled',
                                  'INACTIVE': 'inactive', 'PRE_PROVISIONED': 'pre provisioned'}},
        'defaults': {'os': 'chromeos', 'type': 'laptop'},
    },
    # Intune: the All devices export of the Intune admin center (Device name, Managed by, Ownership,
    # Compliance, OS, OS version, Last check-in, Primary user UPN, Primary user display name, Serial
    # number, Manufacturer, Model, Wi-Fi MAC, Ethernet MAC, Category...). The user is the display name (the
    # UPN, an e-mail address, is not read); the MAC the first of Wi-Fi MAC and Ethernet MAC in the sheet.
    # It has no device type: the model names it when it can (Surface Laptop, Latitude, OptiPlex...), else
    # defaults: {type: ...}.
    'intune': {
        'columns': {
            'assigned_to': ['Primary user display name'],
            'mac': ['Wi-Fi MAC', 'Ethernet MAC'],
            'type': ['Category', 'Device category'],
        },
    },
}
PRESET_NAMES = tuple(sorted(PRESETS))
