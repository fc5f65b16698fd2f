"""softwareupdate --list and --history parsing, and what a patch run may install (module_utils/
macos_softwareupdate.py), on two public recordings of real Macs and outputs written from the format."""

import os

import pytest

from ansible_collections.district.standard.plugins.module_utils import macos_softwareupdate as su

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'macos')


def recorded(name):
    with open(os.path.join(FIXTURES, name)) as handle:
        return handle.read()


def test_list_recorded_with_a_major_upgrade_as_one_more_label():
    found = su.parse_list(recorded('softwareupdate_list_recorded_ventura_major_offered.txt'))
    assert [u['label'] for u in found['updates']] == [
        'Safari17.0VenturaAuto-17.0', 'macOS Ventura 13.6-22G120', 'macOS Sonoma 14.0-23A344']
    sonoma = found['updates'][2]
    assert (sonoma['title'], sonoma['version'], sonoma['restart'], sonoma['recommended']) == (
        'macOS Sonoma 14.0', '14.0', True, True)
    assert found['updates'][0]['restart'] is False and found['noise'] == []


def test_only_the_current_major_version_is_installed():
    updates = su.parse_list(recorded('softwareupdate_list_recorded_ventura_major_offered.txt'))['updates']
    keep, upgrades = su.current_major_only(updates, '13.5.2')
    assert [u['label'] for u in keep] == ['Safari17.0VenturaAuto-17.0', 'macOS Ventura 13.6-22G120']
    assert [u['label'] for u in upgrades] == ['macOS Sonoma 14.0-23A344']
    keep, upgrades = su.current_major_only(updates, '14.0')  # on Sonoma, the Ventura update is the other major
    assert [u['label'] for u in upgrades] == ['macOS Ventura 13.6-22G120']
    with pytest.raises(ValueError, match='not a macOS version'):
        su.current_major_only(updates, '')


def test_list_noise_lines_are_kept_apart():
    found = su.parse_list(recorded('softwareupdate_list_recorded_xtype_noise.txt'))
    assert [u['label'] for u in found['updates']] == ['Safari17.3.1VenturaAuto-17.3.1']
    assert len(found['noise']) == 1 and 'XType: Using static font registry.' in found['noise'][0]
    assert su.parse_list(recorded('softwareupdate_list_none.txt')) == {'updates': [], 'noise': []}


@pytest.mark.parametrize('text, message', [
    ('Software Update Tool\nSomething new happened\n', 'unrecognised line'),
    ('* Label: X-1\n', 'no Title line for X-1'),
    ('\tTitle: X, Version: 1, Size: 1KiB, Recommended: YES, \n', 'unrecognised line'),
    ('* Label: X-1\n\tTitle: X, Version: 1, Size: 1KiB, Recommended YES, \n', 'unrecognised field'),
])
def test_list_unknown_output_is_an_error(text, message):
    with pytest.raises(ValueError, match=message):
        su.parse_list(text)


def test_history_and_what_was_really_installed():
    before = su.parse_history(recorded('softwareupdate_history.txt'))
    assert before[2] == {'name': 'macOS Sonoma 14.4.1', 'version': '14.4.1', 'date': '04/01/2024, 18:42:10'}
    updates = [{'label': 'macOS Sonoma 14.5-23F79', 'title': 'macOS Sonoma 14.5', 'version': '14.5'},
               {'label': 'Safari17.3.1VenturaAuto-17.3.1', 'title': 'Safari', 'version': '17.3.1'}]
    after = before + [{'name': 'macOS Sonoma 14.5', 'version': '14.5', 'date': '05/14/2024, 19:30:00'}]
    # Safari 17.3.1 was in the history already: installing it again is not shown, so it does not count
    assert su.newly_installed(updates, before, after) == [updates[0]]
    assert su.newly_installed(updates, before, before) == []


def test_history_unknown_output_is_an_error():
    with pytest.raises(ValueError, match='header'):
        su.parse_history('')
    with pytest.raises(ValueError, match='unrecognised line'):
        su.parse_history('Display Name   Version   Date\nsomething odd\n')
