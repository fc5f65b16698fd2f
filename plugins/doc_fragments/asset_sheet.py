# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options shared by everything that reads the school asset sheet."""

from __future__ import annotations


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  source:
    description:
      - Where the asset sheet is. A CSV, XLSX or ODS file (relative paths are relative to the
        config file), or an C(http://) / C(https://) URL of a published sheet that returns CSV
        (Google Sheets "publish to the web", a SharePoint export link).
      - A list reads several sources into one district; hosts merge and duplicates are checked
        across all of them.
      - A list item may be a mapping with C(path) or C(url) and its own C(sheet).
    type: list
    elements: raw
    required: true
  sheet:
    description:
      - Workbook sheet(s) to read. A name, a list of names, or C(*) for every sheet (sheets that
        are empty are skipped; sheets with no header row are reported and left out).
      - Default is the first sheet. Ignored for CSV.
    type: raw
  columns:
    description:
      - Header overrides, for headers the built-in vocabulary does not know. Maps a field
        (hostname, asset_tag, serial, mac, ip, school, room, type, os, os_version, model,
        manufacturer, status, assigned_to, printer_uri, notes) to a header text or a list of them.
    type: dict
    default: {}
  school:
    description:
      - School of the rows whose School cell is blank, or of a sheet with no School column.
    type: str
    default: ''
  managed_statuses:
    description:
      - Status values of devices that are managed. Rows with any other status are counted, not hosts.
      - Compared ignoring case, repeated spaces, C(-) and C(_). A blank status counts as C(active).
    type: list
    elements: str
    default: [active, deployed, in use, in service, ready to deploy, assigned]
  hostname_template:
    description:
      - Hostname of rows whose hostname cell is blank. C({{ field }}) placeholders are filled with the
        row's plain text (never evaluated as Jinja) and the result is slugged to a DNS label.
      - When not set, C({{ school }}-{{ room }}-{{ asset_tag }}). (It has no default here because Ansible
        would render a default that looks like a template before the plugin sees it.)
    type: str
  dns_suffix:
    description:
      - Domain added to a hostname for C(ansible_host) when the row has no fixed IP.
      - Empty means hosts without a fixed IP are reached by their inventory name.
    type: str
    default: ''
  url_timeout:
    description: Seconds to wait for a published-sheet URL.
    type: int
    default: 30
  validate_certs:
    description: Check the TLS certificate of an C(https://) sheet URL.
    type: bool
    default: true
'''
