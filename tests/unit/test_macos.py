"""The pmset parsers and argument builders (plugins/module_utils/macos.py) and the pmset filters of
plugins/filter/macos.py, on pmset output (tests/fixtures/macos: one public recording from a real Mac, the rest
written from pmset's own formats, see its README.txt)."""

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


# The setting lines of pmset (' %-20s %value', as in pmset -g custom)

def test_setting_lines_recorded_on_a_real_mac():
    # Apple silicon, macOS 12 (public recording of pmset -g, see the fixtures README): a tab-separated line and
    # long "sleep prevented by" notes. Its setting lines have the format of each source of pmset -g custom.
    lines = [line for line in recorded('pmset_g_recorded_arm64_monterey.txt').splitlines() if line.startswith(' ')]
    values = macos.parse_pmset_custom('AC Power:\n' + '\n'.join(lines) + '\n')['AC Power']
    assert values['SleepDisabled'] == 1 and values['sleep'] == 1 and values['displaysleep'] == 10
    assert values['lowpowermode'] == 0 and values['womp'] == 1 and values['Sleep On Power Button'] == 1
    assert values['hibernatefile'] == '/var/vm/sleepimage' and len(values) == 14


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

def test_filters_wrap_the_profile_functions_and_report_errors():
    filters = FilterModule().filters()
    assert filters['macos_pmset_profile'](STANDARD) == macos.pmset_profile(STANDARD)
    assert filters['macos_pmset_schedule'](LAB, days='MTWRF') == macos.pmset_schedule(LAB)
    with pytest.raises(AnsibleFilterError, match='HH:MM'):
        filters['macos_pmset_schedule'](dict(LAB, wake_at='6.30'))
    assert set(filters) == {'macos_pmset_profile', 'macos_pmset_schedule', 'macos_profiles', 'macos_profile_keys',
                            'macos_control_verdict', 'macos_profiles_index'}


def test_filter_docs_next_to_the_plugin():
    here = os.path.join(os.path.dirname(os.path.dirname(FIXTURES)), '..', 'plugins', 'filter')
    missing = [name for name in FilterModule().filters() if not os.path.exists(os.path.join(here, name + '.yml'))]
    assert missing == []
    retired = [name for name in os.listdir(here) if name.startswith('macos_') and name.endswith('.yml')
               and name[:-4] not in FilterModule().filters()]
    assert retired == []
