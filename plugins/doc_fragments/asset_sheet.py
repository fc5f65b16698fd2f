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
      - Where the asset sheet is. A CSV, XLSX, XLS or ODS file (relative paths are relative to the config
        file), or an C(https://) URL of a published sheet that returns CSV (Google Sheets "publish to the
        web", a SharePoint export link).
      - A list reads several sources into one district; hosts merge and duplicates are checked across all.
      - A list item may be a mapping with C(path) or C(url), its own C(sheet), and a C(name). A URL source is
        named by its C(name) (else C(url-) and a short hash) in host variables, problems, warnings, errors,
        the cache and reports; the URL itself is a secret and appears only in the config.
    type: list
    elements: raw
    required: true
  sheet:
    description:
      - Workbook sheet(s) to read. A name, a list of names, or C(*) for every sheet (sheets that are empty
        are skipped; sheets with no header row are reported and left out). Default the first sheet.
    type: raw
  preset:
    description:
      - The header and value vocabulary of the asset system the sheet was exported from, on top of the
        built-in one. The config's own C(columns), C(value_maps), C(defaults) and C(derive) win over it.
      - C(snipeit) Snipe-IT asset export; C(jamf) Jamf Pro computer search export (its IP columns are not
        read, a blank OS is macos); C(glpi) GLPI computer list, French or English, C(;) separated
        (C(Lieu)/C(Entité) trees give their last part); C(google_admin) Google Admin Chrome devices (all
        counted, none a host); C(intune) Intune All devices export.
    type: str
    choices: [snipeit, jamf, glpi, google_admin, intune]
  columns:
    description:
      - Header overrides. Maps a field (hostname, asset_tag, serial, mac, ip, school, room, type, os,
        os_version, model, manufacturer, status, assigned_to, printer_uri, notes) to a header text or a list.
      - Wins over the built-in synonyms and the preset. A field named here is found only by the headers
        named here; a header named here is never matched to another field.
    type: dict
    default: {}
  ignore_columns:
    description: Headers never read, never a field and never in C(asset_extra).
    type: list
    elements: str
    default: []
  extra_columns:
    description:
      - Columns that match no field, kept per host in C(asset_extra) (keys lower_snake_cased). C(*) keeps
        them all. Default none, since sheets carry personal data (e-mails, pupils' names) that must not
        spread into host variables, caches and reports.
    type: raw
    default: []
  defaults:
    description:
      - Values of blank cells, and of whole missing columns, per field (after C(derive)).
      - For example a sheet with no OS column that is all Windows, or one file per school with no School
        column.
    type: dict
    default: {}
  value_maps:
    description:
      - Sheet words mapped to built-in values, for C(type) (desktop, laptop, server, printer, projector,
        tablet, network, other), C(os) (windows, macos, linux, chromeos, ios, other) and C(status) (any
        status word; C(managed_statuses) decides). Words match like headers (case, spaces, punctuation
        and accents ignored). A word the map does not hold is normalised as usual.
    type: dict
    default: {}
  include:
    description:
      - When set, only rows matching one entry are read; the others are counted (C(not in include)).
      - An entry maps a field, or any column's header, to a regular expression that must match the whole
        cell, ignoring case. C(type), C(os) and C(status) match their normalised value. Every key of an
        entry must match.
    type: list
    elements: dict
    default: []
  exclude:
    description:
      - Rows matching an entry are left out and counted by entry (C(excluded by exclude[0])), before any
        check. Entries as for C(include).
    type: list
    elements: dict
    default: []
  derive:
    description:
      - A field taken from another cell (C(from), a field or a header) by a regular expression (C(match),
        searched ignoring case) with one named group C((?P<value>...)), then an optional C(map) of values.
      - When the pattern matches, the field takes the value (over its own cell); when it does not, the
        field keeps its own cell, or C(defaults).
    type: dict
    default: {}
  subnets:
    description:
      - Room to IPv4 network, for IP cells that hold only the host part (C(120) in a room mapped to
        C(10.0.72.0/24) is C(10.0.72.120)). Rooms match like headers.
    type: dict
    default: {}
  placeholders:
    description:
      - Cell texts that mean blank (an unknown tag typed as C(N/A)); compared ignoring case. Any one
        character typed 4 or more times (C(nnnnnnnnnnnn), C(000000)) is a placeholder too. A placeholder is
        never a duplicate.
    type: list
    elements: str
    default: [N/A, TBD, '-', '?', unknown, none]
  duplicates:
    description:
      - What a value on several rows does, per field (C(hostname), C(ip), C(mac), C(asset_tag), C(serial)).
        C(keep_first) (the first row stays, the others are skipped), C(skip) (every row involved is
        skipped), C(warn) (every row stays, it is reported), C(ignore).
      - Defaults hostname keep_first, ip skip, mac, asset_tag and serial warn. Each duplicated value is one
        problem line naming its first ten rows and how many more.
      - Hostnames are unique among hosts, printer names among printers; tags, serials, MACs and IPs across
        every live row, host or not.
    type: dict
    default: {}
  school:
    description: School of the rows whose School cell is blank, or of a sheet with no School column.
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
      - Hostname of host and printer rows whose hostname cell is blank. C({{ field }}) placeholders are
        filled with the row's plain text (never evaluated as Jinja) and the result is slugged to a DNS label.
      - When not set, C({{ school }}-{{ room }}-{{ asset_tag }}). (It has no default here because Ansible
        would render a default that looks like a template before the plugin sees it.)
    type: str
  dns_suffix:
    description:
      - Domain added to a hostname for C(ansible_host) when the row has no fixed IP.
    type: str
    default: ''
  lab:
    description:
      - This inventory is a lab, so loopback, link-local and C(0.0.0.0)/C(::) addresses may be connection
        addresses (elsewhere they are row problems, since Ansible would reach the wrong machine).
    type: bool
    default: false
  allow_http:
    description: Accept C(http://) source URLs (a lab). Otherwise C(https://) only.
    type: bool
    default: false
  url_timeout:
    description: Seconds to wait for the server at each step of fetching a URL.
    type: int
    default: 30
  url_deadline:
    description:
      - Seconds in all for one URL, however slowly the server sends it. When a URL fails, the last good copy
        in the inventory cache is used, with a warning saying how old it is; with no copy the load fails.
    type: int
    default: 60
  url_max_bytes:
    description: A URL sending more bytes than this fails (a wrong link, or not a sheet).
    type: int
    default: 50000000
  validate_certs:
    description: Check the TLS certificate of an C(https://) sheet URL.
    type: bool
    default: true
'''
