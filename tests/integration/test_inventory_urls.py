"""A published sheet URL is a secret: it is named by its label in host variables, problems, warnings, errors,
the inventory cache and the reports; https only unless allow_http; a failing URL falls back on its last good
copy. The sheet is served on 127.0.0.1 (tests/sheet_server.py)."""

import json
import os
import time

import pytest

from ansible_collections.district.standard.plugins.plugin_utils import reconcile
from ansible_collections.district.standard.plugins.plugin_utils.asset_book import load_book

from sheet_server import HEADER, KEY, PC, TOKEN, SheetServer

BAD_ROW = 'pc02,1002,GG,,Lincoln,Lab 101,Desktop,Windows 11,Active,\n'


@pytest.fixture
def server():
    with SheetServer() as running:
        running.handler.body = (HEADER + PC + BAD_ROW).encode()
        yield running


def config(directory, **options):
    lines = ['plugin: asset_sheet'] + ['%s: %s' % (k, json.dumps(v)) for k, v in options.items()]
    path = directory / 'test.asset_sheet.yml'
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def cached(directory, **options):
    return config(directory, allow_http=True, cache=True, cache_plugin='ansible.builtin.jsonfile',
                  cache_connection=str(directory / 'cache'), **options)


def secret_free(*texts):
    for text in texts:
        assert TOKEN not in text and KEY not in text and '/spreadsheets/d/e/' not in text, text[:2000]
    return True


def files_text(folder):
    out = []
    for base, _dirs, names in os.walk(folder):
        for name in names:
            with open(os.path.join(base, name), 'rb') as handle:
                out.append(handle.read().decode('utf-8', 'replace'))
    return '\n'.join(out)


def test_a_url_is_named_by_its_label_in_vars_problems_warnings_cache_and_reports(run_ansible, tmp_path, server,
                                                                                 test_state):
    path = cached(tmp_path, source=[{'url': server.url, 'name': 'lincoln sheet'}], cache_timeout=600)
    listed = run_ansible('ansible-inventory', '-i', path, '--list', check=True)
    hostvars = json.loads(listed.stdout)['_meta']['hostvars']
    assert hostvars['pc01']['asset_source']['__ansible_unsafe'] == 'lincoln sheet:row 2'
    assert "lincoln sheet:row 3: column C (MAC): 'GG' is not a MAC address" in listed.stderr
    problems = files_text(test_state / 'reports')
    assert 'lincoln sheet:row 3' in problems
    assert secret_free(listed.stdout, listed.stderr, files_text(tmp_path / 'cache'), problems)
    # the hardware and reconcile reports take asset_source from the same book
    book = load_book({'source': [{'url': server.url, 'name': 'lincoln sheet'}], 'allow_http': True})
    rows = reconcile.hardware_rows(book, {'pc01': {'reached': True, 'hw': {'serial': 'X'}}})
    assert [row['asset_source'] for row in rows] == ['lincoln sheet:row 2']


def test_a_url_without_a_name_is_a_short_hash(run_ansible, tmp_path, server):
    listed = run_ansible('ansible-inventory', '-i', config(tmp_path, source=server.url, allow_http=True), '--list',
                         check=True)
    source = json.loads(listed.stdout)['_meta']['hostvars']['pc01']['asset_source']['__ansible_unsafe']
    assert source.startswith('url-') and source.endswith(':row 2') and len(source) == len('url-0123456789:row 2')
    assert secret_free(listed.stdout, listed.stderr)


def test_http_is_refused_without_allow_http(run_ansible, tmp_path, server):
    result = run_ansible('ansible-inventory', '-i', config(tmp_path, source=[{'url': server.url, 'name': 'lab'}]),
                         '--list')
    assert result.returncode != 0 and server.handler.hits == 0
    assert 'source lab: http:// is refused' in result.stderr
    assert secret_free(result.stdout, result.stderr)


def test_a_failing_url_with_no_copy_fails_naming_its_label(run_ansible, tmp_path, server):
    server.handler.mode = 'fail'
    result = run_ansible('ansible-inventory', '-i', config(tmp_path, source=[{'url': server.url, 'name': 'lincoln'}],
                                                           allow_http=True), '--list')
    assert result.returncode != 0
    assert 'lincoln: cannot fetch the published sheet (HTTP 500' in result.stderr
    assert 'no good copy of it is in the inventory cache' in result.stderr
    assert 'Traceback' not in result.stderr and secret_free(result.stdout, result.stderr)


def test_once_fetched_a_url_is_served_from_the_cache_until_it_expires(run_ansible, tmp_path, server):
    path = cached(tmp_path, source=[{'url': server.url, 'name': 'lincoln'}], cache_timeout=600)
    first = run_ansible('ansible-inventory', '-i', path, '--list', check=True).stdout
    second = run_ansible('ansible-inventory', '-i', path, '--list', check=True).stdout
    assert server.handler.hits == 1 and first == second
    run_ansible('ansible-inventory', '-i', path, '--list', '--flush-cache', check=True)
    assert server.handler.hits == 2


def test_when_the_url_fails_after_the_cache_expired_the_last_good_copy_is_used(run_ansible, tmp_path, server):
    path = cached(tmp_path, source=[{'url': server.url, 'name': 'lincoln sheet'}], cache_timeout=1)
    run_ansible('ansible-inventory', '-i', path, '--list', check=True)
    time.sleep(2)
    server.handler.mode = 'fail'
    result = run_ansible('ansible-inventory', '-i', path, '--list', check=True)
    assert server.handler.hits == 2
    assert sorted(json.loads(result.stdout)['_meta']['hostvars']) == ['pc01']
    assert 'lincoln sheet: cannot fetch the published sheet (HTTP 500' in result.stderr
    assert 'using the last good copy, fetched 0 min ago' in result.stderr
    assert secret_free(result.stdout, result.stderr, files_text(tmp_path / 'cache'))


def test_a_url_without_cache_is_fetched_every_time(run_ansible, tmp_path, server):
    path = config(tmp_path, source=[{'url': server.url, 'name': 'lincoln'}], allow_http=True)
    run_ansible('ansible-inventory', '-i', path, '--list', check=True)
    run_ansible('ansible-inventory', '-i', path, '--list', check=True)
    assert server.handler.hits == 2
