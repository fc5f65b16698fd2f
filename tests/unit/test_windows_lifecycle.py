"""What a Windows computer is: its edition family from EditionID, and whether its build still gets security
updates on a given day (windows_desktop_support, from Microsoft's lifecycle pages)."""

import os

import pytest
import yaml

from ansible_collections.district.standard.plugins.plugin_utils import windows_lifecycle as wl
from conftest import ROOT

with open(os.path.join(ROOT, 'roles', 'windows_desktop', 'defaults', 'main.yml')) as _handle:
    TABLE = yaml.safe_load(_handle)['windows_desktop_support']


@pytest.mark.parametrize('edition_id, family', [
    ('Professional', 'Pro'), ('ProfessionalEducation', 'Pro'), ('Education', 'Education'), ('Core', 'Home'),
    ('Enterprise', 'Enterprise'), ('EnterpriseS', 'Enterprise'), ('CloudEdition', 'SE'), ('ServerStandard', 'Server'),
    ('', 'Unknown'), (None, 'Unknown'), ('Starter', 'Unknown'),
])
def test_edition_family(edition_id, family):
    assert wl.edition_family(edition_id) == family


@pytest.mark.parametrize('build, edition, today, supported, release', [
    (19045, 'Education', '2025-10-14', True, 'Windows 10 22H2'),     # the last day of updates
    (19045, 'Education', '2025-10-15', False, 'Windows 10 22H2'),    # out of support since 14 Oct 2025
    (19045, 'Professional', '2026-03-01', False, 'Windows 10 22H2'),
    (22631, 'Education', '2026-06-01', True, 'Windows 11 23H2'),     # Education keeps 23H2 a year longer
    (22631, 'Professional', '2026-06-01', False, 'Windows 11 23H2'),
    (26100, 'Professional', '2026-06-01', True, 'Windows 11 24H2'),
    (26200, 'Education', '2028-10-10', True, 'Windows 11 25H2'),
])
def test_support_of_a_build(build, edition, today, supported, release):
    found = wl.support(build, edition, TABLE, today)
    assert (found['supported'], found['release']) == (supported, release)
    assert ('out of support since' in found['msg']) == (not supported)


def test_a_build_older_than_the_table_is_out_of_support():
    found = wl.support(18363, 'Professional', TABLE, '2020-01-01')
    assert not found['supported'] and found['release'] == 'unknown'


def test_bad_support_data_is_an_error():
    with pytest.raises(wl.LifecycleError, match='no end of support for Pro'):
        wl.support(19045, 'Professional', [{'build': 19045, 'release': 'x', 'ends': {'Education': '2025-10-14'}}],
                   '2025-01-01')
    with pytest.raises(wl.LifecycleError, match='not a date'):
        wl.support(19045, 'Professional', [{'build': 19045, 'release': 'x', 'ends': {'default': '14.10.2025'}}],
                   '2025-01-01')
    with pytest.raises(wl.LifecycleError, match='not a number'):
        wl.support('22H2', 'Professional', TABLE, '2025-01-01')


def test_every_end_of_servicing_is_a_patch_tuesday():
    """Microsoft ends servicing on a second Tuesday: a date typed one day off is caught here."""
    import datetime
    for row in TABLE:
        for family, ends in row['ends'].items():
            day = datetime.date.fromisoformat(str(ends))
            assert day.weekday() == 1 and 8 <= day.day <= 14, (row['release'], family, ends)
