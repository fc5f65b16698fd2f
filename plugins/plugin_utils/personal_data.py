# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Personal data of a sheet row, and its removal from text that reaches reports (diffs, error messages).

Personal here: who the device is assigned to (asset_assigned_to: student and teacher names), the row's notes
(free text, often "loaned to ..."), and the extra columns whose header names a person or a way to reach one
(asset_extra: "Student ID", "Teacher email", "Phone"...). A host's own values are replaced wherever they
occur, whole and in any case, by "[assigned_to]", "[notes]" or "[<extra column>]".
"""

from __future__ import annotations

import re

PERSONAL_FIELDS = ('asset_assigned_to', 'asset_notes')
PERSONAL_EXTRA_RE = re.compile(r'(^|_)(user(name)?|owner|student|teacher|staff|pupil|parent|guardian|e?mail|'
                               r'phone|mobile|name|person|contact|login|account|id_number|badge)(_|$)')
MIN_LENGTH = 3  # shorter values ("A", "-") would blank out unrelated text


def personal_values(host_vars):
    """((value, label), ...) of HOST_VARS (an inventory host's variables), longest first."""
    found = {}
    for field in PERSONAL_FIELDS:
        _add(found, host_vars.get(field), field[len('asset_'):])
    extra = host_vars.get('asset_extra')
    if isinstance(extra, dict):
        for key, value in extra.items():
            if PERSONAL_EXTRA_RE.search(str(key).lower()):
                _add(found, value, str(key))
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def _add(found, value, label):
    text = ' '.join(str(value).split()) if value is not None else ''
    if len(text) >= MIN_LENGTH and text.lower() not in ('none', 'n/a', 'nobody', 'unassigned', 'spare'):
        found.setdefault(text, label)


def redact(text, values):
    """TEXT with each of VALUES (personal_values) replaced by its label in brackets, matched whatever the case
    and however the spaces inside it are written."""
    if not text or not values:
        return text
    for value, label in values:
        text = text.replace(value, '[%s]' % label)  # as written in the sheet: quick
        if value.split()[0].lower() in text.lower():  # in another case or spacing: a pattern
            pattern = r'\s+'.join(re.escape(part) for part in value.split())
            text = re.sub(pattern, '[%s]' % label, text, flags=re.IGNORECASE)
    return text
