# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reports' one CSV writer as a filter, for reports a playbook writes (doc in csv_text.yml)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence
from ansible_collections.district.standard.plugins.plugin_utils.report_csv import csv_text as _csv_text


def csv_text(rows, headers):
    if not is_sequence(headers) or not all(isinstance(h, str) for h in headers):
        raise AnsibleFilterError('csv_text: headers must be a list of column names')
    if not is_sequence(rows):
        raise AnsibleFilterError('csv_text: the input must be a list of rows (dicts or lists)')
    return _csv_text(list(headers), [dict(r) if isinstance(r, dict) else list(r) for r in rows])


class FilterModule(object):
    def filters(self):
        return {'csv_text': csv_text}
