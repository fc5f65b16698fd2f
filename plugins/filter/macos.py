# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the macOS build's data layer, on the controller: the pmset settings and events of a district
power profile, the configuration profiles and declarations made from the district standard, and the verdict of
a profile-delivered control from what the Mac reports. The work is in module_utils/macos.py and
macos_profiles.py (tested in tests/unit/test_macos*.py); each filter's documentation is the YAML file of its
name next to this one. Reading a Mac is the district.standard.macos_* modules' job."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.district.standard.plugins.module_utils import macos
from ansible_collections.district.standard.plugins.plugin_utils import macos_profiles as profiles_lib
from ansible_collections.district.standard.plugins.plugin_utils.report_csv import csv_text


def _wrap(func):
    def run(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValueError as exc:
            raise AnsibleFilterError(str(exc)) from None
    run.__name__ = func.__name__
    run.__doc__ = func.__doc__
    return run


def macos_pmset_profile(profile, laptop=False, wake_on_lan=True, disk_sleep_minutes=10):
    return macos.pmset_profile(profile, laptop=laptop, wake_on_lan=wake_on_lan,
                               disk_sleep_minutes=disk_sleep_minutes)


def macos_pmset_schedule(profile, days='MTWRF'):
    return macos.pmset_schedule(profile, days=days)


def macos_profiles(settings, prefix, organization):
    """Every file the MDM gets for a Mac: [{file, kind (mobileconfig or declaration), name, content}]."""
    out = []
    for profile in profiles_lib.profiles(settings):
        out.append({'file': profiles_lib.profile_file(profile, prefix), 'kind': 'mobileconfig',
                    'name': profile['display_name'],
                    'content': profiles_lib.mobileconfig(profile, prefix, organization).decode('utf-8')})
    for item in profiles_lib.declarations(settings):
        out.append({'file': '%s.%s.json' % (prefix, item['name']), 'kind': 'declaration', 'name': item['type'],
                    'content': profiles_lib.declaration(item, prefix)})
    return out


def macos_profile_keys(settings, prefix):
    return profiles_lib.managed_keys(settings, prefix)


def macos_control_verdict(state, keys, control):
    """{status, msg, error} of CONTROL from STATE (the registered result of district.standard.macos_state_info):
    error is true when the Mac's managed preferences could not be read (status is then drift, msg says why)."""
    if not isinstance(state, dict) or state.get('failed') or state.get('skipped') or 'prefs' not in state:
        why = state.get('msg') if isinstance(state, dict) else None
        return {'status': 'drift', 'msg': 'the managed preferences were not read: %s' % (why or 'no result'),
                'error': True}
    if (state.get('errors') or {}).get('prefs'):
        return {'status': 'drift', 'msg': state['errors']['prefs'], 'error': True}
    return dict(profiles_lib.control_verdict(keys, state['prefs'], control), error=False)


def macos_profiles_index(hosts):
    """CSV text: one row per Mac and file it must get, from the Macs' variables (inventory_hostname, asset_school,
    asset_room and macos_profiles_files, what macos_profiles gave)."""
    rows = [[h['inventory_hostname'], h.get('asset_school', ''), h.get('asset_room', ''), f['file']]
            for h in sorted(hosts, key=lambda h: h['inventory_hostname']) for f in h['macos_profiles_files']]
    return csv_text(['host', 'school', 'room', 'file'], rows)


class FilterModule(object):
    """macOS data-layer filters."""

    def filters(self):
        return dict((f.__name__, _wrap(f)) for f in (
            macos_pmset_profile, macos_pmset_schedule, macos_profiles, macos_profile_keys, macos_control_verdict,
            macos_profiles_index))
