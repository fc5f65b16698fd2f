# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the Windows build (docs in windows_edition.yml and windows_support.yml)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError
from ansible_collections.district.standard.plugins.plugin_utils import windows_lifecycle


def windows_edition(edition_id):
    return windows_lifecycle.edition_family(edition_id)


def windows_support(build, edition_id, table, today):
    try:
        return windows_lifecycle.support(build, edition_id, table, today)
    except (windows_lifecycle.LifecycleError, KeyError) as error:
        raise AnsibleFilterError('windows_support: %s' % error) from None


class FilterModule(object):
    def filters(self):
        return {'windows_edition': windows_edition, 'windows_support': windows_support}
