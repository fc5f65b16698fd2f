# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: waivers
short_description: The baseline waivers of a host, from every inventory level at once
description:
  - C(baseline_waivers) may be set at any inventory level (C(group_vars/all) for the district, a school group, a
    room group, C(host_vars)). Ansible's precedence would let the narrowest level hide the others; this lookup
    adds them up instead, reading C(baseline_waivers) from each C(group_vars/<group>) and C(host_vars/<host>)
    (file or folder, vault allowed) of the host's groups, next to each inventory source and the playbook.
  - When two levels waive the same control, the narrowest wins (host, room, school, other groups, district).
  - The host's own value of C(baseline_waivers), when it is set somewhere else (an inline inventory, an
    inventory plugin, extra vars), adds the controls that no file waives, with level C(inventory).
  - Each waiver is checked; a malformed one is an error naming its file and position.
options:
  today:
    description: The day waivers are compared with (YYYY-MM-DD); today by default. For tests and planning.
    type: str
'''

EXAMPLES = r'''
- name: The host's waivers
  ansible.builtin.set_fact:
    host_waivers: "{{ lookup('district.standard.waivers') }}"
'''

RETURN = r'''
_raw:
  description: The waivers, sorted by control; each has C(control), C(reason), C(owner), C(expires)
    (YYYY-MM-DD), C(expired) (true when C(expires) is before today), C(level) (C(district), C(school),
    C(room), C(group), C(host) or C(inventory)) and C(source) (the file it is set in).
  type: list
  elements: dict
'''

import datetime
import os
import re

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

CONTROL_RE = re.compile(r'[A-Z]+(?:-[A-Z0-9]+)*-\d\d\Z')
FIELDS = ('control', 'reason', 'owner', 'expires')


RANK = {'district': 0, 'group': 1, 'school': 2, 'room': 3, 'host': 4, 'inventory': 4}


def group_level(group):
    """The level of a group's waivers: district (all), school, room, or group (any other group)."""
    if group == 'all':
        return 'district'
    kind = group.split('_', 1)[0]
    return kind if kind in ('school', 'room') else 'group'


def check_waiver(entry, where, today):
    """The waiver ENTRY (from WHERE) with its expiry decided; AnsibleError naming WHERE when it is malformed."""
    if not isinstance(entry, dict):
        raise AnsibleError('%s: a waiver must be a mapping with %s' % (where, ', '.join(FIELDS)))
    unknown = sorted(set(entry) - set(FIELDS))
    missing = [f for f in FIELDS if not str(entry.get(f) or '').strip()]
    if unknown or missing:
        raise AnsibleError('%s: %s' % (where, '; '.join(
            (['missing ' + ', '.join(missing)] if missing else []) + (['unknown ' + ', '.join(unknown)] if unknown else []))))
    control = str(entry['control']).strip()
    if not CONTROL_RE.match(control):
        raise AnsibleError('%s: control %r is not a control ID such as APP-SSH-02' % (where, control))
    expires = entry['expires']
    if not isinstance(expires, datetime.date):
        try:
            expires = datetime.date.fromisoformat(str(expires).strip())
        except ValueError:
            raise AnsibleError('%s: expires %r is not a date (YYYY-MM-DD)' % (where, str(expires))) from None
    return {'control': control, 'reason': str(entry['reason']).strip(), 'owner': str(entry['owner']).strip(),
            'expires': expires.isoformat(), 'expired': expires < today}


class LookupModule(LookupBase):

    def _levels(self, variables):
        """(level, source, value) of every baseline_waivers found in the inventory's files, widest first."""
        host = variables.get('inventory_hostname')
        folders = []
        sources = [variables.get('inventory_dir')] + list(variables.get('ansible_inventory_sources') or [])
        for source in sources + [variables.get('playbook_dir')]:
            if source and ',' not in str(source):
                folder = source if os.path.isdir(source) else os.path.dirname(source)
                folder = os.path.abspath(folder)
                if folder not in folders:
                    folders.append(folder)
        names = [('district', 'group_vars', 'all')] + [
            (group_level(g), 'group_vars', g) for g in variables.get('group_names') or []] + [('host', 'host_vars', host)]
        found = []
        for folder in folders:
            for level, kind, name in names:
                for path in self._loader.find_vars_files(os.path.join(folder, kind), name) or []:
                    data = self._loader.load_from_file(path, cache='all', unsafe=True) or {}
                    if isinstance(data, dict) and data.get('baseline_waivers') is not None:
                        found.append((level, os.path.relpath(str(path), folder), data['baseline_waivers']))
        return found

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        variables = variables or {}
        today = self.get_option('today')
        try:
            today = datetime.date.fromisoformat(today) if today else datetime.date.today()
        except ValueError:
            raise AnsibleError('waivers: today %r is not a date (YYYY-MM-DD)' % today) from None
        levels = self._levels(variables)
        effective = variables.get('baseline_waivers')
        if effective is not None:  # set outside group_vars/host_vars files: adds only controls they do not waive
            levels.append(('inventory', 'baseline_waivers of the inventory or extra vars', effective))
        chosen = {}
        for level, source, value in levels:
            if not isinstance(value, list):
                raise AnsibleError('%s: baseline_waivers must be a list of waivers' % source)
            for index, entry in enumerate(value):
                waiver = check_waiver(entry, '%s: baseline_waivers[%d]' % (source, index), today)
                waiver.update(level=level, source=source)
                old = chosen.get(waiver['control'])
                if old is None or (level != 'inventory' and RANK[level] > RANK[old['level']]):
                    chosen[waiver['control']] = waiver
        return [[chosen[c] for c in sorted(chosen)]]
