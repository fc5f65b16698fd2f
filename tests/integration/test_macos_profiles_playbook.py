"""playbooks/macos_profiles.yml on the sample district: the profiles and declarations CIS uploads to the MDM, made
from the same data the macos_desktop role checks. Every Mac is in index.csv with its files, every file is a valid
property list (or JSON declaration) whose keys are in docs/policy/macos.yml, each school's screen lock time gets its
own variant, and a second run writes the same bytes (UUIDs come from the content)."""

import csv
import json
import os
import plistlib

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, 'inventories', 'sample')


def make(run_ansible, folder):
    run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', SAMPLE, '--vault-password-file',
                os.path.join(SAMPLE, 'demo-vault-password.txt'), os.path.join(ROOT, 'playbooks', 'macos_profiles.yml'),
                '-e', 'macos_profiles_dir=%s' % folder, check=True)
    return dict((name, open(os.path.join(folder, name), 'rb').read()) for name in sorted(os.listdir(folder)))


@pytest.fixture(scope='module')
def files(run_ansible, tmp_path_factory):
    return make(run_ansible, tmp_path_factory.mktemp('profiles'))


@pytest.fixture(scope='module')
def index(files):
    return list(csv.DictReader(files['index.csv'].decode('utf-8').splitlines()))


def test_every_mac_has_its_files(files, index, run_ansible):
    listed = json.loads(run_ansible(os.path.join(ROOT, '.venv', 'bin', 'ansible-inventory'), '-i', SAMPLE, '--list',
                                    check=True).stdout)
    macs = set(listed['macos']['hosts']) - set(listed.get('servers', {}).get('hosts', []))
    assert macs and {row['host'] for row in index} == macs
    assert {row['file'] for row in index} == set(files) - {'index.csv'}
    for mac in macs:
        names = [row['file'] for row in index if row['host'] == mac]
        assert len([n for n in names if '.screen-lock-' in n]) == 1, mac
        assert 'org.example.district.software-update.mobileconfig' in names, mac


def test_schools_get_their_own_screen_lock(index):
    lock = dict((row['host'], row['file']) for row in index if '.screen-lock-' in row['file'])
    assert lock['lib-mac01'] == 'org.example.district.screen-lock-900s.mobileconfig'
    assert lock['wms-lab2-imac01'] == 'org.example.district.screen-lock-600s.mobileconfig'


def test_files_are_valid_and_their_keys_are_in_the_manifest(files):
    with open(os.path.join(ROOT, 'docs', 'policy', 'macos.yml')) as handle:
        manifest = dict(((e.get('payload'), e['key']), e) for e in yaml.safe_load(handle) if e.get('payload'))
    for name, data in files.items():
        if name.endswith('.json'):
            body = json.loads(data)
            assert body['Identifier'] == name[:-5] and body['Type'] in {p for p, _key in manifest}
            continue
        if not name.endswith('.mobileconfig'):
            continue
        profile = plistlib.loads(data)
        assert profile['PayloadIdentifier'] == name[:-len('.mobileconfig')] and profile['PayloadType'] == 'Configuration'
        for payload in profile['PayloadContent']:
            keys = [k for k in payload if not k.startswith('Payload')] or \
                [k for forced in payload.get('PayloadContent', {}).values()
                 for k in forced['Forced'][0]['mcx_preference_settings']]
            for key in keys:
                assert manifest[(payload['PayloadType'], key)]['delivered_by'] == 'mdm', (name, key)


def test_a_second_run_writes_the_same_files(files, run_ansible, tmp_path):
    assert make(run_ansible, tmp_path) == files
