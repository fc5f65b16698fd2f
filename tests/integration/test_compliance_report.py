"""The compliance_report callback as Ansible loads it, fed the events of a synthetic district
(tests/synthetic_district.py): the report split into the district index and one page per school, read in
headless Chromium; file modes under an open umask; names redacted; retention; a run of one school."""

import json
import os
import stat
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, ansible_env
from headless import chromium, errors, visible_hosts

SCHOOLS = ('central-high', 'school-02', 'school-03')


def synthetic(out, *args):
    """One run of the synthetic district (a process of its own, as ansible-playbook is); its totals."""
    proc = subprocess.run([sys.executable, '-W', 'ignore', os.path.join(ROOT, 'tests', 'synthetic_district.py'),
                           '--out', str(out), '--history', str(out / 'history.sqlite')] + list(args),
                          check=False, env=ansible_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope='module')
def district(tmp_path_factory):
    out = tmp_path_factory.mktemp('district') / 'reports'
    done = synthetic(out, '--hosts', '120', '--schools', '3', '--umask', '0')
    with open(os.path.join(done['report_dir'], 'compliance.json')) as handle:
        data = json.load(handle)
    return {'out': out, 'done': done, 'folder': done['report_dir'], 'data': data}


def test_the_totals_name_the_hosts_that_did_not_answer(district):
    unreachable = sorted(h for h, info in district['data']['hosts'].items() if info['problem'].startswith('unreachable'))
    assert unreachable and district['done']['unreachable_hosts'] == unreachable
    assert district['done']['hosts'] == 120
    assert district['done']['unreachable'] == 80 * len(unreachable)  # each of their 80 controls


def test_every_folder_is_0700_and_every_file_0600_whatever_the_umask(district):
    seen = 0
    for base, _folders, files in os.walk(str(district['out'])):
        assert stat.S_IMODE(os.stat(base).st_mode) == 0o700, base
        for name in files:
            path = os.path.join(base, name)
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
            seen += 1
    assert seen == 1 + 4 * (1 + len(SCHOOLS))  # the history; 4 files for the district (the index) and each school
    assert not os.path.exists(os.path.join(district['folder'], '.spool'))  # the spool is gone


def test_the_assigned_person_never_reaches_a_report(district):
    drifting = [r for r in district['data']['results'] if r['status'] == 'drift']
    assert drifting and all('Assigned to [assigned_to].' in r['diff'] for r in drifting)
    for base, _folders, files in os.walk(district['folder']):
        for name in files:
            with open(os.path.join(base, name), encoding='utf-8') as handle:
                assert 'Pupil Number' not in handle.read(), name


def test_the_index_links_each_school_page_and_a_school_page_has_only_its_hosts(district):
    hosts = district['data']['hosts']
    with chromium() as browser:
        browser.get('file://' + os.path.join(district['folder'], 'compliance.html'))
        links = dict((a.text, a.get_attribute('href')) for a in browser.find_elements(By.CSS_SELECTOR, 'td a'))
        assert sorted(links) == ['Central High', 'School 02', 'School 03']
        assert errors(browser) == []
        for school, href in sorted(links.items()):
            browser.get(href)
            assert browser.find_element(By.TAG_NAME, 'h1').text.startswith(school)
            rows = visible_hosts(browser)
            assert rows and sorted(rows) == sorted(h for h, info in hosts.items() if info['school'] == school)
            assert browser.find_element(By.ID, 'shown').text == '%d of %d hosts' % (len(rows), len(rows))
            assert errors(browser) == []  # the page's own style and script run under its CSP
            back = browser.find_element(By.LINK_TEXT, '\u2190 All schools')
            assert back.get_attribute('href').endswith('/compliance.html')


def test_the_filter_works_on_a_school_page(district):
    results = district['data']['results']
    school = [r for r in results if r['school'] == 'Central High']
    control = sorted(set(r['control'] for r in school if r['status'] == 'drift'))[0]
    expected = sorted(set(r['host'] for r in school if r['control'] == control and r['status'] == 'drift'))
    total = len(set(r['host'] for r in school))
    with chromium() as browser:
        browser.get('file://' + os.path.join(district['folder'], 'schools', 'central-high', 'compliance.html'))
        box = browser.find_element(By.ID, 'filter')
        box.send_keys('%s drift' % control)
        assert sorted(visible_hosts(browser)) == expected and len(expected) < total
        assert browser.find_element(By.ID, 'shown').text == '%d of %d hosts' % (len(expected), total)
        drill = [d.get_attribute('data-host') for d in browser.find_elements(By.CSS_SELECTOR, 'details.host')
                 if d.is_displayed()]
        assert set(drill) <= set(expected)
        box.clear()
        box.send_keys('Room 2')
        assert sorted(visible_hosts(browser)) == sorted(set(r['host'] for r in school if r['room'] == 'Room 2'))
        assert errors(browser) == []


def test_retention_keeps_the_last_runs_and_the_history(tmp_path):
    out = tmp_path / 'reports'
    folders = [synthetic(out, '--hosts', '20', '--schools', '2', '--keep', '2')['report_dir'] for _n in range(3)]
    assert not os.path.exists(folders[0]) and all(os.path.isdir(f) for f in folders[1:])
    assert os.path.realpath(str(out / 'latest')) == folders[2]
    import sqlite3
    with sqlite3.connect(str(out / 'history.sqlite')) as db:
        assert db.execute('SELECT COUNT(*) FROM runs').fetchone() == (3,)


def test_a_run_of_one_school_gets_one_page(tmp_path):
    done = synthetic(tmp_path / 'reports', '--hosts', '30', '--schools', '1')
    assert sorted(os.listdir(done['report_dir'])) == ['compliance.csv', 'compliance.html', 'compliance.json',
                                                      'junit.xml']
    with chromium() as browser:
        browser.get('file://' + done['report'])
        assert len(visible_hosts(browser)) == 30 and errors(browser) == []
