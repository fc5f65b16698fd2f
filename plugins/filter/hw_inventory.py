# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters that turn what a computer says about itself into the hw_inventory / sw_inventory shape: Ansible's
Linux facts and package_facts, the JSON of the hw_inventory role's Windows script, macOS system_profiler -json.
The work is in plugin_utils/hw_inventory.py (tested in tests/unit/test_hw_inventory.py); each filter's
documentation is the YAML file of its name next to this one."""

from __future__ import annotations

import json

from ansible.errors import AnsibleFilterError

from ansible_collections.district.standard.plugins.plugin_utils import hw_inventory as hw


def _data(value, what):
    """A parsed JSON document: the value itself, its text, or a registered command/script result."""
    if isinstance(value, dict) and 'stdout' in value and isinstance(value.get('stdout'), str):
        value = value['stdout']
    elif isinstance(value, dict) and 'output' in value and isinstance(value.get('output'), list):
        value = value['output'][0] if value['output'] else {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise AnsibleFilterError('%s: not JSON (%s)' % (what, exc)) from None
    if not isinstance(value, dict):
        raise AnsibleFilterError('%s: expected a JSON object, got %s' % (what, type(value).__name__))
    return value


def hw_from_facts(facts, serial='', model='', container_types=None):
    if not isinstance(facts, dict):
        raise AnsibleFilterError('hw_from_facts: expected the ansible_facts dict')
    return hw.hw_from_facts(facts, serial, model, hw.CONTAINER_TYPES if container_types is None else container_types)


def sw_from_package_facts(packages):
    if not isinstance(packages, dict):
        raise AnsibleFilterError('sw_from_package_facts: expected ansible_facts.packages (a dict)')
    return hw.sw_from_package_facts(packages)


def hw_from_windows(value, facts=None):
    return hw.hw_from_windows(_data(value, 'hw_from_windows'), facts)


def sw_from_windows(value):
    return hw.sw_from_windows(_data(value, 'sw_from_windows'))


def hw_from_system_profiler(value):
    return hw.hw_from_system_profiler(_data(value, 'hw_from_system_profiler'))


def sw_from_system_profiler(value):
    return hw.sw_from_system_profiler(_data(value, 'sw_from_system_profiler'))


class FilterModule(object):
    """Hardware and software inventory parsers."""

    def filters(self):
        return dict((f.__name__, f) for f in (hw_from_facts, sw_from_package_facts, hw_from_windows,
                                              sw_from_windows, hw_from_system_profiler, sw_from_system_profiler))
