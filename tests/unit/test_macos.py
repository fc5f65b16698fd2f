"""The macOS output parsers and pmset argument builders (plugins/module_utils/macos.py, the filters of
plugins/filter/macos.py) on recorded macOS 14 output (tests/fixtures/macos)."""

import os

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.district.standard.plugins.filter.macos import FilterModule
from ansible_collections.district.standard.plugins.module_utils import macos

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'macos')
LAB = {'display_off_minutes': 10, 'sleep_minutes': 0, 'hibernate_minutes': 0, 'shutdown_at': '18:00',
       'wake_at': '06:30'}
STANDARD = {'display_off_minutes': 15, 'sleep_minutes': 30, 'hibernate_minutes': 0, 'shutdown_at': '',
            'wake_at': ''}
STAFF_LAPTOP = {'display_off_minutes': 5, 'sleep_minutes': 15, 'hibernate_minutes': 180, 'shutdown_at': '',
                'wake_at': ''}


def recorded(name):
    with open(os.path.join(FIXTURES, name)) as handle:
        return handle.read()


# pmset -g

def test_pmset_g_desktop_values_are_ints_and_notes_left_out():
    values = macos.parse_pmset_g(recorded('pmset_g_desktop.txt'))
    assert values['sleep'] == 0 and values['displaysleep'] == 10 and values['womp'] == 1
    assert values['hibernatefile'] == '/var/vm/sleepimage'
    assert values['Sleep On Power Button'] == 1  # a key with spaces, wider than pmset's column
    assert values['autorestart'] == 0


def test_pmset_g_laptop_keeps_system_wide_settings():
    values = macos.parse_pmset_g(recorded('pmset_g_laptop.txt'))
    assert values['SleepDisabled'] == 0 and values['hibernatemode'] == 3
    assert values['displaysleep'] == 2  # '(display sleep prevented by ...) (Graphics dim captured)' dropped


@pytest.mark.parametrize('text, message', [
    ('', 'no "Currently in use:"'),
    ('Currently in use:\n displaysleep\n', 'unrecognised line'),
    (' displaysleep 10\n', 'expected "System-wide power settings:"'),
    ('pmset: Must be run as root to modify settings\n', 'expected'),
])
def test_pmset_g_unrecognised_output(text, message):
    with pytest.raises(ValueError, match=message):
        macos.parse_pmset_g(text)


def test_pmset_g_rejects_a_non_string():
    with pytest.raises(ValueError, match='expected the text'):
        macos.parse_pmset_g(None)


# pmset -g custom

def test_pmset_custom_laptop_has_both_sources():
    custom = macos.parse_pmset_custom(recorded('pmset_custom_laptop.txt'))
    assert sorted(custom) == ['AC Power', 'Battery Power']
    assert (custom['Battery Power']['displaysleep'], custom['AC Power']['displaysleep']) == (2, 10)
    assert (custom['Battery Power']['womp'], custom['AC Power']['womp']) == (0, 1)
    assert 'lessbright' in custom['Battery Power'] and 'lessbright' not in custom['AC Power']


def test_pmset_custom_desktop_has_ac_only():
    assert list(macos.parse_pmset_custom(recorded('pmset_custom_desktop.txt'))) == ['AC Power']


def test_pmset_custom_unrecognised_output():
    with pytest.raises(ValueError, match='expected a power source'):
        macos.parse_pmset_custom(' sleep 1\n')
    with pytest.raises(ValueError, match='no power source'):
        macos.parse_pmset_custom('\n')


# pmset -g sched

def test_sched_lab_repeating_events():
    sched = macos.parse_pmset_sched(recorded('pmset_sched_lab.txt'))
    assert sched == {'repeating': [{'type': 'wakepoweron', 'time': '06:30', 'days': 'MTWRF'},
                                   {'type': 'shutdown', 'time': '18:00', 'days': 'MTWRF'}], 'scheduled': []}


def test_sched_mixed_repeating_and_one_time_events():
    sched = macos.parse_pmset_sched(recorded('pmset_sched_mixed.txt'))
    assert sched['repeating'] == [{'type': 'wakepoweron', 'time': '07:00', 'days': 'MTWRFSU'},
                                  {'type': 'shutdown', 'time': '12:15', 'days': macos.SOME_DAYS}]
    assert sched['scheduled'][1] == {'type': 'wakeorpoweron', 'when': '2024-03-18 07:45:00', 'by': 'pmset'}
    assert sched['scheduled'][0]['by'].startswith('com.apple.alarm')


def test_sched_one_time_only_and_none():
    assert macos.parse_pmset_sched(recorded('pmset_sched_one_time.txt'))['repeating'] == []
    assert macos.parse_pmset_sched(recorded('pmset_sched_one_time.txt'))['scheduled'][0]['when'] == \
        '2024-03-16 02:14:49'
    assert macos.parse_pmset_sched(recorded('pmset_sched_none.txt')) == {'repeating': [], 'scheduled': []}


@pytest.mark.parametrize('time, expected', [('12:00AM', '00:00'), ('0:15AM', '00:15'), ('12:30PM', '12:30'),
                                            ('11:59PM', '23:59')])
def test_sched_twelve_hour_clock(time, expected):
    sched = macos.parse_pmset_sched('Repeating power events:\n  shutdown at %s Friday\n' % time)
    assert sched['repeating'] == [{'type': 'shutdown', 'time': expected, 'days': 'F'}]


@pytest.mark.parametrize('text', ['Repeating power events:\n  shutdown at 18:00 weekdays only\n',
                                  'Repeating power events:\n  shutdown at 6:00PM on holidays\n',
                                  '  wakepoweron at 6:30AM weekdays only\n', ''])
def test_sched_unrecognised_output(text):
    with pytest.raises(ValueError, match='pmset -g sched'):
        macos.parse_pmset_sched(text)


# systemsetup, fdesetup, softwareupdate, dscl

def test_systemsetup_lines():
    assert macos.parse_systemsetup(recorded('systemsetup_get.txt')) == {
        'timezone': 'America/Chicago', 'network_time': True, 'network_time_server': 'time.apple.com',
        'remote_login': True}
    assert macos.parse_systemsetup(recorded('systemsetup_gettimezone_gmt.txt')) == {'timezone': 'GMT'}
    assert macos.parse_systemsetup(recorded('systemsetup_getusingnetworktime_off.txt')) == {'network_time': False}
    assert macos.parse_systemsetup(recorded('systemsetup_getremotelogin_off.txt')) == {'remote_login': False}


def test_systemsetup_not_root_says_why():
    with pytest.raises(ValueError, match='run it as root'):
        macos.parse_systemsetup(recorded('systemsetup_not_root.txt'))
    with pytest.raises(ValueError, match='unrecognised line'):
        macos.parse_systemsetup('Time Zone America/Chicago\n')


@pytest.mark.parametrize('name, enabled, state, percent', [
    ('fdesetup_on.txt', True, 'on', None),
    ('fdesetup_off.txt', False, 'off', None),
    ('fdesetup_encrypting.txt', True, 'encrypting', 42.1),
    ('fdesetup_decrypting.txt', False, 'decrypting', 57.35),
    ('fdesetup_deferred.txt', False, 'deferred', None),
])
def test_fdesetup_states(name, enabled, state, percent):
    status = macos.parse_fdesetup(recorded(name))
    assert (status['enabled'], status['state'], status['percent']) == (enabled, state, percent)


def test_fdesetup_details():
    assert macos.parse_fdesetup(recorded('fdesetup_deferred.txt'))['deferred_user'] == 'dsadmin'
    assert macos.parse_fdesetup('Encryption in progress: Pending\n') == {
        'enabled': True, 'state': 'encrypting', 'percent': None, 'deferred_user': None}
    assert macos.parse_fdesetup('FileVault is Off, but will be enabled after the next restart.\n')['state'] == \
        'pending_restart'
    with pytest.raises(ValueError, match='unrecognised line'):
        macos.parse_fdesetup('Error: no permission\n')
    with pytest.raises(ValueError, match='no FileVault state'):
        macos.parse_fdesetup('')


def test_softwareupdate_schedule():
    assert macos.parse_softwareupdate_schedule(recorded('softwareupdate_schedule_on.txt')) is True
    assert macos.parse_softwareupdate_schedule(recorded('softwareupdate_schedule_off.txt')) is False
    with pytest.raises(ValueError, match='Automatic checking'):
        macos.parse_softwareupdate_schedule('Software Update Tool\n\nFinding available software\n')


def test_dscl_list():
    assert macos.parse_dscl_list(recorded('dscl_list_naprivs.txt')) == {'dsadmin': -1073741569, 'tech2': -2147483646}
    assert macos.parse_dscl_list('') == {}
    with pytest.raises(ValueError, match='a name and a value'):
        macos.parse_dscl_list('dsadmin\n')


# The district power profile as pmset settings and events

def test_profile_desktop_and_laptop():
    assert macos.pmset_profile(STANDARD) == {'AC Power': {'displaysleep': 15, 'sleep': 30, 'disksleep': 10,
                                                          'womp': 1}}
    laptop = macos.pmset_profile(STAFF_LAPTOP, laptop=True, wake_on_lan=False)
    assert laptop['Battery Power'] == {'displaysleep': 5, 'sleep': 15, 'disksleep': 10,
                                       'standbydelaylow': 10800, 'standbydelayhigh': 10800}
    assert laptop['AC Power']['womp'] == 0


@pytest.mark.parametrize('bad', [{'display_off_minutes': '10'}, {'sleep_minutes': -1}, {'hibernate_minutes': True}])
def test_profile_rejects_bad_minutes(bad):
    with pytest.raises(ValueError, match='must be minutes'):
        macos.pmset_profile(dict(STANDARD, **bad))


def test_schedule_of_profiles():
    assert macos.pmset_schedule(LAB) == [{'type': 'wakepoweron', 'days': 'MTWRF', 'time': '06:30'},
                                         {'type': 'shutdown', 'days': 'MTWRF', 'time': '18:00'}]
    assert macos.pmset_schedule(STANDARD) == []
    assert macos.pmset_schedule(dict(STANDARD, shutdown_at='7:05'), days='UFM') == [
        {'type': 'shutdown', 'days': 'MFU', 'time': '07:05'}]
    with pytest.raises(ValueError, match='HH:MM'):
        macos.pmset_schedule(dict(LAB, wake_at='6.30'))
    with pytest.raises(ValueError, match='day letters'):
        macos.pmset_schedule(LAB, days='MTX')


# The pmset argv: idempotency decided here

def test_args_desktop_differs_as_one_dash_a():
    current = macos.parse_pmset_custom(recorded('pmset_custom_desktop.txt'))
    assert macos.pmset_args(macos.pmset_profile(STANDARD), current) == [
        'pmset', '-a', 'displaysleep', '15', 'sleep', '30']
    assert macos.pmset_args(macos.pmset_profile(LAB), current) == ['pmset', '-a', 'sleep', '0']


def test_args_nothing_when_already_there():
    current = macos.parse_pmset_custom(recorded('pmset_custom_desktop.txt'))
    assert macos.pmset_args({'displaysleep': 10, 'sleep': 1, 'womp': 1, 'disksleep': 10}, current) == []


def test_args_laptop_per_source_and_unsupported_left_out():
    current = macos.parse_pmset_custom(recorded('pmset_custom_laptop.txt'))
    argv = macos.pmset_args(macos.pmset_profile(STAFF_LAPTOP, laptop=True), current)
    # Apple silicon reports no standby delays: hibernate minutes are left out; the same change on both: -a
    assert argv == ['pmset', '-a', 'displaysleep', '5', 'sleep', '15']
    argv = macos.pmset_args(macos.pmset_profile(STAFF_LAPTOP, laptop=True, wake_on_lan=False), current)
    assert argv == ['pmset', '-c', 'displaysleep', '5', 'sleep', '15', 'womp', '0',
                    '-b', 'displaysleep', '5', 'sleep', '15']
    intel = macos.parse_pmset_custom(recorded('pmset_custom_laptop_intel.txt'))
    argv = macos.pmset_args(macos.pmset_profile(STAFF_LAPTOP, laptop=True), intel)
    assert argv[:2] == ['pmset', '-a'] and argv[argv.index('standbydelayhigh') + 1] == '10800'


def test_args_after_the_change_nothing_more():
    current = macos.parse_pmset_custom(recorded('pmset_custom_laptop.txt'))
    wanted = macos.pmset_profile(STAFF_LAPTOP, laptop=True)
    for source, settings in wanted.items():
        current[source].update((k, v) for k, v in settings.items() if k in current[source])
    assert macos.pmset_args(wanted, current) == []


def test_args_errors():
    with pytest.raises(ValueError, match='unknown power source'):
        macos.pmset_args({'Solar Power': {'sleep': 1}}, {'AC Power': {'sleep': 1}})
    with pytest.raises(ValueError, match='parsed pmset -g custom'):
        macos.pmset_args({'sleep': 1}, {})


def test_repeat_args():
    lab = macos.pmset_schedule(LAB)
    now = macos.parse_pmset_sched(recorded('pmset_sched_lab.txt'))
    assert macos.pmset_repeat_args(lab, now) == []
    assert macos.pmset_repeat_args(lab, macos.parse_pmset_sched(recorded('pmset_sched_none.txt'))) == [
        ['pmset', 'repeat', 'wakeorpoweron', 'MTWRF', '06:30:00', 'shutdown', 'MTWRF', '18:00:00']]
    assert macos.pmset_repeat_args([], now) == [['pmset', 'repeat', 'cancel']]
    assert macos.pmset_repeat_args([], macos.parse_pmset_sched(recorded('pmset_sched_one_time.txt'))) == []
    later = macos.pmset_schedule(dict(LAB, shutdown_at='19:00'))
    assert macos.pmset_repeat_args(later, now) == [
        ['pmset', 'repeat', 'cancel'],
        ['pmset', 'repeat', 'wakeorpoweron', 'MTWRF', '06:30:00', 'shutdown', 'MTWRF', '19:00:00']]


def test_repeat_args_some_days():
    now = macos.parse_pmset_sched('Repeating power events:\n  shutdown at 6:00PM Some days\n')
    assert macos.pmset_repeat_args([{'type': 'shutdown', 'days': 'MWF', 'time': '18:00'}], now) == []
    assert macos.pmset_repeat_args([{'type': 'shutdown', 'days': 'MTWRF', 'time': '18:00'}], now) != []
    with pytest.raises(ValueError, match='unknown event type'):
        macos.pmset_repeat_args([{'type': 'explode', 'days': 'M', 'time': '18:00'}], now)


# The filters

def test_filters_take_a_registered_result_and_report_errors():
    filters = FilterModule().filters()
    result = {'stdout': recorded('systemsetup_get.txt'), 'rc': 0}
    assert filters['macos_systemsetup'](result)['timezone'] == 'America/Chicago'
    assert filters['macos_fdesetup'](recorded('fdesetup_on.txt'))['enabled'] is True
    with pytest.raises(AnsibleFilterError, match='fdesetup status'):
        filters['macos_fdesetup']('garbage')
    assert set(filters) >= {'macos_pmset', 'macos_pmset_custom', 'macos_pmset_sched', 'macos_systemsetup',
                            'macos_fdesetup', 'macos_softwareupdate_schedule', 'macos_pmset_args',
                            'macos_pmset_repeat_args', 'macos_pmset_profile', 'macos_pmset_schedule'}


def test_filter_docs_next_to_the_plugin():
    here = os.path.join(os.path.dirname(os.path.dirname(FIXTURES)), '..', 'plugins', 'filter')
    missing = [name for name in FilterModule().filters() if not os.path.exists(os.path.join(here, name + '.yml'))]
    assert missing == []
