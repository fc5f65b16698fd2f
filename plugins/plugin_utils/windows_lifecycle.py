# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a Windows computer is, from what it says about itself: its edition family (the EditionID of
HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion) and whether its build still gets security updates (the
support table is role data, windows_desktop_support, with Microsoft's lifecycle pages as its source)."""

from __future__ import annotations

import datetime

# EditionID -> the family Microsoft's edition tables use. Sources: the EditionID values Windows writes
# (Get-WindowsEdition, HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\EditionID) and
# https://learn.microsoft.com/en-us/windows/whats-new/windows-licensing (the families).
FAMILIES = (
    ('Home', ('Core', 'CoreN', 'CoreSingleLanguage', 'CoreCountrySpecific')),
    ('Pro', ('Professional', 'ProfessionalN', 'ProfessionalEducation', 'ProfessionalEducationN',
             'ProfessionalWorkstation', 'ProfessionalWorkstationN')),
    ('Education', ('Education', 'EducationN')),
    ('Enterprise', ('Enterprise', 'EnterpriseN', 'EnterpriseS', 'EnterpriseSN', 'IoTEnterprise', 'IoTEnterpriseS')),
    ('SE', ('CloudEdition', 'CloudEditionN')),
)


class LifecycleError(ValueError):
    """Support data this module cannot read."""


def edition_family(edition_id):
    """'Home', 'Pro', 'Education', 'Enterprise', 'SE', 'Server' or 'Unknown' for an EditionID."""
    text = str(edition_id or '').strip()
    for family, ids in FAMILIES:
        if text in ids:
            return family
    if text.startswith('Server'):
        return 'Server'
    return 'Unknown'


def _date(value, where):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise LifecycleError('%s: %r is not a date (YYYY-MM-DD)' % (where, value)) from None


def support(build, edition_id, table, today):
    """{release, family, ends, supported, msg} for a Windows BUILD (CurrentBuildNumber) and EDITION_ID on TODAY.

    TABLE is a list of {build, release, ends: {family or 'default': YYYY-MM-DD}}: the newest entry whose build is
    at most BUILD applies (a build older than every entry is out of support)."""
    family = edition_family(edition_id)
    today = _date(today, 'today')
    try:
        build = int(build)
    except (TypeError, ValueError):
        raise LifecycleError('build %r is not a number' % (build,)) from None
    rows = sorted(table or [], key=lambda row: int(row['build']))
    known = [row for row in rows if int(row['build']) <= build]
    if not known:
        return {'release': 'unknown', 'family': family, 'ends': None, 'supported': False,
                'msg': 'build %d is older than every release in the support table: out of support' % build}
    row = known[-1]
    ends_by_family = row.get('ends') or {}
    ends = ends_by_family.get(family, ends_by_family.get('default'))
    if ends is None:
        raise LifecycleError('release %s: no end of support for %s (and no default)' % (row['release'], family))
    ends = _date(ends, 'release %s' % row['release'])
    name = '%s (build %d, %s)' % (row['release'], build, family)
    if today > ends:
        return {'release': row['release'], 'family': family, 'ends': ends.isoformat(), 'supported': False,
                'msg': '%s is out of support since %s: no more security updates; upgrade it' % (name, ends.isoformat())}
    return {'release': row['release'], 'family': family, 'ends': ends.isoformat(), 'supported': True,
            'msg': '%s is supported until %s' % (name, ends.isoformat())}
