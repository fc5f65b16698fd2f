# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over macOS command output (pmset, systemsetup, fdesetup, softwareupdate, dscl) and the pmset
arguments that bring a Mac to the district's power profile. The work is in module_utils/macos.py (tested in
tests/unit/test_macos.py); each filter's documentation is the YAML file of its name next to this one."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.district.standard.plugins.module_utils import macos


def _wrap(func):
    def run(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValueError as exc:
            raise AnsibleFilterError(str(exc))
    run.__name__ = func.__name__
    run.__doc__ = func.__doc__
    return run


def _output(value):
    """The text of a registered command result, or the text itself."""
    if isinstance(value, dict) and 'stdout' in value:
        return value['stdout']
    return value


def macos_pmset(value):
    return macos.parse_pmset_g(_output(value))


def macos_pmset_custom(value):
    return macos.parse_pmset_custom(_output(value))


def macos_pmset_sched(value):
    return macos.parse_pmset_sched(_output(value))


def macos_systemsetup(value):
    return macos.parse_systemsetup(_output(value))


def macos_fdesetup(value):
    return macos.parse_fdesetup(_output(value))


def macos_softwareupdate_schedule(value):
    return macos.parse_softwareupdate_schedule(_output(value))


def macos_dscl_list(value):
    return macos.parse_dscl_list(_output(value))


def macos_pmset_profile(profile, laptop=False, wake_on_lan=True, disk_sleep_minutes=10):
    return macos.pmset_profile(profile, laptop=laptop, wake_on_lan=wake_on_lan,
                               disk_sleep_minutes=disk_sleep_minutes)


def macos_pmset_schedule(profile, days='MTWRF'):
    return macos.pmset_schedule(profile, days=days)


def macos_pmset_args(wanted, current):
    return macos.pmset_args(wanted, current)


def macos_pmset_repeat_args(wanted, current):
    return macos.pmset_repeat_args(wanted, current)


class FilterModule(object):
    """macOS output parsers and pmset argument builders."""

    def filters(self):
        return dict((f.__name__, _wrap(f)) for f in (
            macos_pmset, macos_pmset_custom, macos_pmset_sched, macos_systemsetup, macos_fdesetup,
            macos_softwareupdate_schedule, macos_dscl_list, macos_pmset_profile, macos_pmset_schedule,
            macos_pmset_args, macos_pmset_repeat_args))
