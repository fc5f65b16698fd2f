"""The hardware/software parsers (plugin_utils/hw_inventory.py and the filters) on recorded output."""

import copy
import json
import os

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.district.standard.plugins.filter import hw_inventory as filters
from ansible_collections.district.standard.plugins.plugin_utils import hw_inventory as hw

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'fixtures', 'hw')
KEYS = {'serial', 'model', 'manufacturer', 'ram_mb', 'disks', 'macs', 'os', 'os_name', 'os_version', 'collected_at'}


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as handle:
        return json.load(handle)


def test_macos_14_imac():
    data = fixture('macos14_imac_system_profiler.json')
    got = hw.hw_from_system_profiler(data, collected_at='2025-01-31T14:02:11Z')
    assert got == {
        'serial': 'C02006SZK3UF', 'model': 'iMac', 'manufacturer': 'Apple', 'ram_mb': 16384,
        'disks': [{'name': 'APPLE SSD AP0512Z', 'size_gb': 494.4}],          # one drive, not one per volume; no USB stick
        'macs': ['a4:83:e7:01:87:73', 'a4:83:e7:11:22:33'],                   # Ethernet and Wi-Fi, not the bridge
        'os': 'macos', 'os_name': 'macOS 14.6.1 (23G93)', 'os_version': '14.6.1',
        'collected_at': '2025-01-31T14:02:11Z'}
    software = hw.sw_from_system_profiler(data)
    assert software == [{'name': 'Google Chrome', 'version': '128.0.6613.85'}, {'name': 'Keynote', 'version': '14.1'},
                        {'name': 'Microsoft Word', 'version': '16.88'}, {'name': 'Python Launcher', 'version': '3.9.6'},
                        {'name': 'Safari', 'version': '17.6'}]                # Safari twice (cryptex) -> once


def test_windows_11_optiplex():
    data = fixture('windows11_optiplex_probe.json')
    got = hw.hw_from_windows(data, collected_at='2025-01-31T14:02:11Z')
    assert got == {
        'serial': '0HFSKHR', 'model': 'OptiPlex 7010', 'manufacturer': 'Dell Inc.', 'ram_mb': 16107,
        'disks': [{'name': 'PC SN740 NVMe WD 512GB', 'size_gb': 512.1}],     # not the USB stick
        'macs': ['f8:b1:56:01:87:69', 'f8:b1:56:11:22:33'],                   # no Bluetooth PAN, no Hyper-V switch
        'os': 'windows', 'os_name': 'Windows 11 Education', 'os_version': '23H2',
        'collected_at': '2025-01-31T14:02:11Z'}
    names = [p['name'] for p in hw.sw_from_windows(data)]
    assert names == ['7-Zip 24.08 (x64)', 'Google Chrome', 'Microsoft 365 Apps for enterprise - en-us',
                     'Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.40.33810', 'Zoom Workplace (64-bit)']


def test_windows_lenovo_model_is_the_product_version_and_placeholders_are_blank():
    data = copy.deepcopy(fixture('windows11_optiplex_probe.json'))
    data['computer_system'].update(Manufacturer='LENOVO', Model='11DT0000US')
    data['product'].update(Vendor='LENOVO', Version='ThinkCentre M70q')
    data['bios']['SerialNumber'] = 'To be filled by O.E.M.'
    data['product']['IdentifyingNumber'] = 'PF7VT13G'
    got = hw.hw_from_windows(data)
    assert (got['model'], got['serial']) == ('ThinkCentre M70q', 'PF7VT13G')


def test_windows_os_from_facts_when_the_script_has_none():
    data = copy.deepcopy(fixture('windows11_optiplex_probe.json'))
    data['os'] = {}
    got = hw.hw_from_windows(data, {'ansible_os_name': 'Microsoft Windows 11 Pro', 'ansible_distribution_version': '10.0.22631.0'})
    assert (got['os_name'], got['os_version']) == ('Windows 11 Pro', '10.0.22631.0')


def test_linux_server_facts():
    got = hw.hw_from_facts(fixture('linux_server_facts.json'), collected_at='x')
    assert got == {
        'serial': '0HFZEER', 'model': 'PowerEdge R250', 'manufacturer': 'Dell Inc.', 'ram_mb': 31812,
        'disks': [{'name': 'sda', 'size_gb': 480.1}, {'name': 'sdb', 'size_gb': 2000.4}],  # no dm-, loop, sr, USB
        'macs': ['f8:b1:56:01:87:8b', 'f8:b1:56:01:87:9c'],                   # NICs with a driver: no docker0, veth, wg0
        'os': 'linux', 'os_name': 'Debian 12.7', 'os_version': '12.7', 'collected_at': 'x'}


def test_linux_container_uses_overrides_not_the_host_machine():
    facts = fixture('linux_container_facts.json')
    facts['product_serial'] = 'HOSTSERIAL1'                   # what a root container may read: the host's DMI
    got = hw.hw_from_facts(facts)
    assert (got['serial'], got['model'], got['manufacturer']) == ('', '', '')
    assert got['macs'] == ['02:fc:00:00:00:01']               # its own eth0 (no driver in a container), not ifb0/ifb1
    got = hw.hw_from_facts(facts, serial='LAB000001', model='Lab container')
    assert (got['serial'], got['model']) == ('LAB000001', 'Lab container')


def test_linux_override_wins_and_na_is_blank():
    facts = fixture('linux_server_facts.json')
    assert hw.hw_from_facts(facts, serial='LAB9')['serial'] == 'LAB9'
    facts = dict(facts, product_serial='NA', product_name='System Product Name')
    got = hw.hw_from_facts(facts)
    assert (got['serial'], got['model']) == ('', '')


def test_prefixed_facts_as_a_registered_setup_result_has_them():
    facts = dict(('ansible_' + k, v) for k, v in fixture('linux_server_facts.json').items())
    assert hw.hw_from_facts(facts, collected_at='x') == hw.hw_from_facts(fixture('linux_server_facts.json'), collected_at='x')


def test_package_facts():
    packages = {'openssh-server': [{'name': 'openssh-server', 'version': '1:9.2p1-2+deb12u3', 'source': 'apt'}],
                'kernel': [{'name': 'kernel', 'version': '5.14.0', 'release': '427.el9', 'source': 'rpm'},
                           {'name': 'kernel', 'version': '5.14.0', 'release': '362.el9', 'source': 'rpm'}]}
    assert hw.sw_from_package_facts(packages) == [
        {'name': 'kernel', 'version': '5.14.0-362.el9'}, {'name': 'kernel', 'version': '5.14.0-427.el9'},
        {'name': 'openssh-server', 'version': '1:9.2p1-2+deb12u3'}]


@pytest.mark.parametrize('value, expected', [
    ('F8-B1-56-01-87-69', 'f8:b1:56:01:87:69'), ('f8b156018769', 'f8:b1:56:01:87:69'), ('00:00:00:00:00:00', ''),
    ('', ''), (None, ''), ('not a mac', '')])
def test_mac(value, expected):
    assert hw.mac(value) == expected


@pytest.mark.parametrize('value, expected', [
    (512105932800, 512105932800.0), ('465.76 GB', 465.76e9), ('8 GiB', 8 * 1024.0 ** 3), ('1.82 TB', 1.82e12),
    ('junk', 0.0), (None, 0.0)])
def test_size_bytes(value, expected):
    assert hw.size_bytes(value) == pytest.approx(expected)


def test_every_parser_gives_the_same_keys():
    for got in (hw.hw_from_facts({}), hw.hw_from_windows({}), hw.hw_from_system_profiler({})):
        assert set(got) == KEYS
        assert got['collected_at'].endswith('Z')


def test_filters_take_registered_results_and_text():
    profile = fixture('macos14_imac_system_profiler.json')
    registered = {'stdout': json.dumps(profile), 'rc': 0}
    f = filters.FilterModule().filters()
    assert f['hw_from_system_profiler'](registered)['serial'] == 'C02006SZK3UF'
    probe = fixture('windows11_optiplex_probe.json')
    win_result = {'output': [json.dumps(probe)], 'changed': False}       # the script prints one JSON text
    assert f['hw_from_windows'](win_result)['serial'] == '0HFSKHR'
    assert f['sw_from_windows']({'output': [probe]})[0]['name'] == '7-Zip 24.08 (x64)'
    assert f['hw_from_facts'](fixture('linux_server_facts.json'))['serial'] == '0HFZEER'
    with pytest.raises(AnsibleFilterError, match='not JSON'):
        f['hw_from_system_profiler']({'stdout': 'system_profiler: command not found'})
    with pytest.raises(AnsibleFilterError):
        f['sw_from_package_facts'](['not', 'a', 'dict'])
