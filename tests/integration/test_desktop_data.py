"""The data test of the desktop builds: for the sample district, the settings each Windows and Mac computer would
receive (computed by the roles' variable layer, tests/integration/desktop_data.yml, with no host contacted) match
the district standard as written in inventories/sample/group_vars and docs/district-standard.md:

- every computer: district time zone and time servers, the district admin account, the logon notice;
- power: labs follow the lab profile (never sleep, off at 18:00, on at 06:30), laptops the staff_laptop profile
  (sleep 15 min, hibernate 3 h), everything else standard (sleep 30 min);
- screen lock: 15 min in the district (Macs: 900 s in the MDM profile), 10 min at Washington;
- updates: Washington's Windows computers use the school's WSUS; the rest Windows Update for Business;
- student restrictions: on in Lincoln Lab 101, except the teacher's machine; off elsewhere;
- printers: the printers of the computer's room from the asset sheet, the first one the default.
"""

import glob
import json
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, 'inventories', 'sample')
WSUS = 'https://wms-wsus.district.example.org:8531'


@pytest.fixture(scope='module')
def settings(run_ansible, tmp_path_factory):
    out = tmp_path_factory.mktemp('desktop-data')
    run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', SAMPLE,
                '--vault-password-file', os.path.join(SAMPLE, 'demo-vault-password.txt'),
                os.path.join(ROOT, 'tests', 'integration', 'desktop_data.yml'), '-e', 'desktop_data_out=%s' % out,
                check=True)
    found = {}
    for path in glob.glob(str(out / '*.json')):
        with open(path) as handle:
            found[os.path.basename(path)[:-5]] = json.load(handle)
    return found


@pytest.fixture(scope='module')
def sample_hosts(run_ansible):
    listed = json.loads(run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-inventory'), '-i', SAMPLE, '--list',
                                    check=True).stdout)
    return listed['_meta']['hostvars']


def _plain(value):
    return value.get('__ansible_unsafe', value) if isinstance(value, dict) else value


def test_every_desktop_gets_a_build(settings, sample_hosts):
    desktops = {name for name, hostvars in sample_hosts.items()
                if _plain(hostvars['asset_os']) in ('windows', 'macos') and _plain(hostvars['asset_type']) != 'server'}
    assert desktops and set(settings) == desktops
    for name, found in settings.items():
        assert found['os'] == _plain(sample_hosts[name]['asset_os'])


def test_district_wide_settings(settings, sample_hosts):
    for name, found in settings.items():
        build = found['build']
        assert build['admin_user'] == 'dsadmin', name
        assert build['ntp_servers' if found['os'] == 'windows' else 'ntp_server'] in (
            ['ntp1.district.example.org', 'ntp2.district.example.org'], 'ntp1.district.example.org'), name
        if found['os'] == 'windows':
            assert build['timezone'] == 'Central Standard Time'
            assert _plain(sample_hosts[name]['asset_tag']) in build['description']
            assert build['logon_notice_title'] == 'Example Unified School District'
            assert build['defender_realtime'] and build['wake_on_lan'] and not build['bitlocker_enforce']
            assert sorted(build['firewall_profiles']) == ['Domain', 'Private', 'Public']
            assert 'dsadmin' in build['approved_admins']
        else:
            assert build['timezone'] == 'America/Chicago'
            assert build['login_window_text'].startswith('This computer belongs to Example Unified School District')
            assert build['remote_login'] is True and build['filevault_enforce'] is False


@pytest.mark.parametrize('host, profile, sleep, hibernate, off_at, on_at', [
    ('lab101-pc01', 'lab', 0, 0, '18:00', '06:30'),
    ('lab101-teacher', 'lab', 0, 0, '18:00', '06:30'),
    ('lib-pc01', 'standard', 30, 0, '', ''),
    ('lib-mac01', 'standard', 30, 0, '', ''),
    ('office-lt01', 'staff_laptop', 15, 180, '', ''),
    ('office-mba01', 'staff_laptop', 15, 180, '', ''),
    ('wms-office-lt01', 'staff_laptop', 15, 180, '', ''),
    ('wms-lab2-pc01', 'standard', 30, 0, '', ''),
])
def test_power_profiles(settings, host, profile, sleep, hibernate, off_at, on_at):
    build = settings[host]['build']
    assert build['power_profile'] == profile
    power = build['power']
    assert (power['sleep_minutes'], power['hibernate_minutes'], power['shutdown_at'], power['wake_at']) == (
        sleep, hibernate, off_at, on_at)


def test_mac_power_schedule_follows_the_profile(settings):
    schedule = settings['lab101-teacher']['build']['pmset_schedule']
    assert sorted((event['type'], event['time']) for event in schedule) == [('shutdown', '18:00'),
                                                                            ('wakepoweron', '06:30')]
    assert settings['lib-mac01']['build']['pmset_schedule'] == []


@pytest.mark.parametrize('host, seconds', [
    ('lab101-pc01', 900), ('office-pc01', 900), ('wms-lab2-pc01', 600), ('wms-office-lt01', 600),
    ('lib-mac01', 900), ('lab101-teacher', 900), ('wms-lab2-imac01', 600),
])
def test_screen_lock(settings, host, seconds):
    assert settings[host]['build']['screen_lock_seconds'] == seconds


def test_windows_update_source(settings):
    for name, found in settings.items():
        if found['os'] != 'windows':
            continue
        registry = found['build']['registry']
        wsus = dict((entry['name'], entry) for entry in registry['WIN-UPD-01'])
        wsus_states = set(entry['state'] for entry in registry['WIN-UPD-01'])
        wufb_states = set(entry['state'] for entry in registry['WIN-UPD-02'])
        if name.startswith(('wms-', 'washington-')):
            assert (wsus_states, wsus['WUServer']['data'], wufb_states) == ({'present'}, WSUS, {'absent'}), name
        else:
            assert (wsus_states, wufb_states) == ({'absent'}, {'present'}), name


def test_student_restrictions(settings, sample_hosts):
    restricted = sorted(name for name, found in settings.items() if found['build']['student_restrictions'])
    lab_101 = sorted(name for name, hostvars in sample_hosts.items()
                     if _plain(hostvars['asset_room']) == 'Lab 101' and name in settings and name != 'lab101-teacher')
    assert restricted == lab_101 and 'lab101-pc01' in restricted


@pytest.mark.parametrize('host, queues, default', [
    ('lab101-pc01', ['lab101-prn01'], 'lab101-prn01'),
    ('lab101-teacher', ['lab101-prn01'], 'lab101-prn01'),
    ('office-lt01', ['office-mfp01', 'office-copier01'], 'office-mfp01'),
    ('wms-office-mbp01', ['wms-office-copier01'], 'wms-office-copier01'),
    ('rm12-pc01', [], ''),
])
def test_room_printers(settings, host, queues, default):
    printers = settings[host]['printers']
    assert (printers['queues'], printers['default']) == (queues, default)


# The Windows policy manifest and the patch window (issue 15): what every Windows computer of the sample receives.
import windows_policy  # noqa: E402


def _windows(settings):
    return dict((name, found['build']) for name, found in settings.items() if found['os'] == 'windows')


def test_windows_registry_values_are_what_the_manifest_allows(settings):
    known = windows_policy.index(windows_policy.load())
    checked = 0
    for name, build in _windows(settings).items():
        values = [(item, item['path']) for items in build['registry'].values() for item in items]
        values += [(item, item['path']) for item in build['profile_settings']]
        for item, path in values:
            key = windows_policy.registry_key(path, item['name'])
            assert key.lower() in known, '%s: %s is not in docs/policy/windows.yml' % (name, key)
            if item['state'] != 'present':
                continue
            for data in [item['data']] + ([item['data_domain']] if 'data_domain' in item else []):
                assert windows_policy.value_problem(known[key.lower()], item['type'], data) == '', name
                checked += 1
    assert checked > 500


def test_power_profiles_and_the_patch_window_agree(settings, sample_hosts):
    window = json.loads(json.dumps(_plain(sample_hosts['lab101-pc01']['district_patch_window'])))
    problems = {}
    for name, build in _windows(settings).items():
        mac = _plain(sample_hosts[name].get('asset_mac', ''))
        found = windows_policy.patch_reach_problems(build, mac, _plain(window['start']), window['duration_hours'])
        if found:
            problems[name] = found
    assert problems == {}
    lab = _windows(settings)['lab101-pc01']
    assert lab['power']['shutdown_at'] == '18:00' and lab['wake_on_lan'] and lab['wake_timers']
    # the same check finds a lab computer that could not be woken, and a sleeping one Windows Update may not wake
    assert windows_policy.patch_reach_problems(dict(lab, wake_on_lan=False), 'f8:b1:56:01:87:69', '19:00', 4)
    office = _windows(settings)['office-pc01']
    assert windows_policy.patch_reach_problems(dict(office, wake_timers=False), 'f8:b1:56:01:87:7f', '19:00', 4)
    assert windows_policy.patch_reach_problems(lab, 'f8:b1:56:01:87:69', '17:00', 4)
