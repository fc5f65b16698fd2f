# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of district.standard.asset_reconcile: hardware, software and reconcile reports on the
controller, from the devices of a run and the asset sheet (documentation: plugins/modules/asset_reconcile.py)."""

from __future__ import annotations

import datetime
import json
import os

import yaml

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.district.standard.plugins.plugin_utils import reconcile as rc
from ansible_collections.district.standard.plugins.plugin_utils import report_files
from ansible_collections.district.standard.plugins.plugin_utils.asset_book import load_book
from ansible_collections.district.standard.plugins.plugin_utils.private_files import report_folder
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError
from ansible_collections.district.standard.plugins.plugin_utils.sheet_sources import parse_sources

CONFIG_ENDINGS = ('asset_sheet.yml', 'asset_sheet.yaml')


def find_configs(path):
    """The asset_sheet configs: PATH itself, or every *asset_sheet.yml in the folder PATH."""
    if not os.path.isdir(path):
        if not os.path.isfile(path):
            raise AnsibleActionFail("sheet_config: '%s' does not exist" % path)
        return [path]
    found = sorted(f for f in os.listdir(path) if f.endswith(CONFIG_ENDINGS))
    if not found:
        raise AnsibleActionFail("sheet_config: no *asset_sheet.yml in '%s'" % path)
    return [os.path.join(path, name) for name in found]


def load_books(configs):
    """One book of the hosts of every config (sheets read as the inventory reads them), and their sources."""
    book, sources = {'hosts': [], 'sources': []}, []
    for config in configs:
        options = read_config(config)
        base_dir = os.path.dirname(os.path.abspath(config))
        try:
            part = load_book(options, base_dir)
            sources.extend(parse_sources(options.get('source'), options.get('sheet'), base_dir, options.get('allow_http')))
        except (SheetError, ValueError) as exc:
            raise AnsibleActionFail('%s: %s' % (config, exc)) from None
        book['hosts'].extend(part['hosts'])
        book['sources'].extend(part['sources'])
        book.setdefault('columns', options.get('columns'))
    return book, sources


def read_config(path):
    try:
        with open(path) as handle:
            options = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise AnsibleActionFail("sheet_config: cannot read '%s': %s" % (path, exc)) from None
    if not isinstance(options, dict) or not options.get('source'):
        raise AnsibleActionFail("sheet_config: '%s' is not an asset_sheet config (it has no source)" % path)
    return options


def table_files(sources):
    """[(file name, path)] of the local files among the sources (a URL has no file to copy)."""
    places = []
    for source in sources:
        if not source.is_url:
            places.append((os.path.basename(source.location), source.location))
    return places


def locate(label, places):
    """(path, sheet or None) of a table label such as 'district-assets.xlsx:Lincoln Elementary'."""
    for name, path in places:
        if label == name:
            return path, None
        if label.startswith(name + ':'):
            return path, label[len(name) + 1:]
    return None, None


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _VALID_ARGS = frozenset(('sheet_config', 'devices', 'report_dir', 'compliance_json', 'write_back', 'scope'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        _unused, args = self.validate_argument_spec(argument_spec={
            'sheet_config': {'type': 'path', 'required': True},
            'devices': {'type': 'dict', 'required': True},
            'report_dir': {'type': 'path'},
            'compliance_json': {'type': 'path'},
            'write_back': {'type': 'bool', 'default': False},
            'scope': {'type': 'str', 'default': 'devices', 'choices': ['devices', 'sheet']},
        })
        configs = find_configs(args['sheet_config'])
        book, sources = load_books(configs)
        devices = self._devices(args['devices'])
        compliance = self._compliance(args.get('compliance_json'))

        differences = rc.reconcile(book, devices, args['scope'])
        base = args.get('report_dir') or os.environ.get('DISTRICT_REPORT_DIR') or 'reports'
        folder = report_folder(os.path.abspath(base), datetime.datetime.now())
        try:
            files = {
                'hardware': report_files.write_table(folder, 'hardware', rc.HARDWARE_HEADERS,
                                                     rc.hardware_rows(book, devices)),
                'software': report_files.write_table(folder, 'software', rc.SOFTWARE_HEADERS,
                                                     rc.software_rows(book, devices)),
                'reconcile': report_files.write_table(folder, 'reconcile', rc.HEADERS, differences),
            }
            copies, skipped = [], []
            if args['write_back']:
                copies, skipped = self._write_back(book, devices, compliance, sources, folder, book.get('columns'))
        except (SheetError, OSError) as exc:
            raise AnsibleActionFail('writing the reports in %s: %s' % (folder, exc)) from None
        answered = rc.reached(devices)
        result.update(
            changed=False, report_dir=folder, files=files, write_back=copies, sheet_configs=configs,
            differences=differences, counts=dict(rc.counts(differences), devices=len(devices),
                                                 reached=len(answered), sheet_hosts=len(book['hosts'])),
            msg='%d device(s), %d answered; differences with the asset sheet: %s'
                % (len(devices), len(answered), ', '.join(
                    '%s %d' % (kind, n) for kind, n in rc.counts(differences).items() if n) or 'none'))
        if skipped:
            result['warnings'] = ['write_back: %s is not a local file; no copy of it is written' % label
                                  for label in skipped]
        return result

    @staticmethod
    def _devices(value):
        devices = {}
        for name, device in value.items():
            if not isinstance(device, dict):
                raise AnsibleActionFail("devices: %s: expected {reached, hw, sw}, got %r" % (name, device))
            hw = device.get('hw')
            if hw is not None and not isinstance(hw, dict):
                raise AnsibleActionFail("devices: %s: hw must be the hw_inventory fact (a dict)" % name)
            devices[to_text(name)] = {'reached': bool(device.get('reached')) and bool(hw), 'hw': hw or None,
                                      'sw': device.get('sw') or [], 'error': to_text(device.get('error') or '')}
        return devices

    @staticmethod
    def _compliance(path):
        if not path:
            return None
        try:
            with open(path, encoding='utf-8') as handle:
                return rc.compliance_by_host(json.load(handle))
        except (OSError, ValueError) as exc:
            raise AnsibleActionFail("compliance_json: cannot read '%s': %s" % (path, exc)) from None

    @staticmethod
    def _write_back(book, devices, compliance, sources, folder, column_map):
        places = table_files(sources)
        per_file, skipped = {}, []
        for label, updates in rc.write_back_updates(book, devices, compliance).items():
            path, sheet = locate(label, places)
            if path is None:
                skipped.append(label)
                continue
            per_file.setdefault(path, {})[sheet] = updates
        copies = []
        for path, sheet_updates in sorted(per_file.items()):
            out = report_files.write_back_path(path, folder)
            copies.append({'source': path, 'copy': report_files.write_back_all(path, sheet_updates, out, column_map)})
        return copies, skipped
