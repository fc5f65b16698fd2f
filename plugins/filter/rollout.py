# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the staged rollout (docs in rollout_batches.yml, rollout_plan.yml and in_maintenance_window.yml)."""

from __future__ import annotations

import datetime

from ansible.errors import AnsibleFilterError
from ansible_collections.district.standard.plugins.plugin_utils import rollout


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except rollout.RolloutError as error:
        raise AnsibleFilterError(str(error)) from None


def rollout_batches(groups, exclude=None, limit='', max_batch=0, prefix='school_'):
    return _call(rollout.batches, groups, exclude, limit, max_batch, prefix)


def rollout_plan(groups, exclude=None, limit='', max_batch=0, prefix='school_'):
    return _call(rollout.plan, groups, exclude, limit, max_batch, prefix)


def in_maintenance_window(when, window):
    if isinstance(when, str):
        try:
            when = datetime.datetime.fromisoformat(when)
        except ValueError as error:
            raise AnsibleFilterError('in_maintenance_window: %s' % error) from None
    return _call(rollout.in_window, window, when)


class FilterModule(object):
    def filters(self):
        return {'rollout_batches': rollout_batches, 'rollout_plan': rollout_plan,
                'in_maintenance_window': in_maintenance_window}
