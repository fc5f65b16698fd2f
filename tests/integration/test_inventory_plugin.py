"""The asset_sheet plugin through Ansible's own command line tools."""

import http.server
import json
import sys
import threading

import pytest

HEADER = 'Hostname,Asset Tag,MAC,IP,School,Room,Type,OS,Status,Notes\n'
PC = 'pc01,1001,aa:bb:cc:00:00:01,,Lincoln,Lab 101,Desktop,Windows 11,Active,\n'


def config(directory, **options):
    lines = ['plugin: asset_sheet'] + ['%s: %s' % (k, json.dumps(v)) for k, v in options.items()]
    path = directory / 'test.asset_sheet.yml'
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def inventory_list(run_ansible, path, check=True):
    result = run_ansible('ansible-inventory', '-i', path, '--list', check=check)
    return (json.loads(result.stdout) if result.returncode == 0 else None), result


def test_ansible_doc_renders_the_plugin(run_ansible):
    out = run_ansible('ansible-doc', '-t', 'inventory', 'asset_sheet', check=True).stdout
    for option in ('source', 'sheet', 'columns', 'managed_statuses', 'hostname_template', 'dns_suffix',
                   'strict_rows', 'keyed_groups', 'compose', 'cache_plugin'):
        assert option in out


def test_sheet_values_are_data_never_templates(run_ansible, tmp_path):
    marker = tmp_path / 'pwned'
    payload = "{{ lookup('pipe', 'touch %s') }}" % marker
    (tmp_path / 'a.csv').write_text(HEADER + PC.replace('Lab 101', '"%s"' % payload).rstrip(',\n') + ',"%s"\n' % payload)
    path = config(tmp_path, source='a.csv', compose={'ansible_connection': "'local'",
                                                     'ansible_python_interpreter': "'%s'" % sys.executable})
    playbook = tmp_path / 'show.yml'
    playbook.write_text('''---
- name: Use sheet values in tasks
  hosts: all
  gather_facts: false
  tasks:
    - name: Write the notes and room cells to a file
      ansible.builtin.copy:
        content: "{{ asset_notes }}|{{ asset_room }}"
        dest: "%s/out.txt"
        mode: "0644"
''' % tmp_path)
    run_ansible('ansible-playbook', '-i', path, str(playbook), check=True)
    assert (tmp_path / 'out.txt').read_text() == '%s|%s' % (payload, payload)
    assert not marker.exists()
    data, _ = inventory_list(run_ansible, path)
    assert not marker.exists()
    assert 'room_lincoln_lookup_pipe_touch' in ''.join(data)


class SheetServer(http.server.BaseHTTPRequestHandler):
    body = (HEADER + PC).encode()
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.send_header('Content-Type', 'text/csv')
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def sheet_url():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), SheetServer)
    SheetServer.hits = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d/pub?output=csv' % server.server_address[1]
    server.shutdown()


def test_published_url_is_fetched_once_then_cached(run_ansible, tmp_path, sheet_url):
    path = config(tmp_path, source=sheet_url, cache=True, cache_plugin='ansible.builtin.jsonfile',
                  cache_connection=str(tmp_path / 'cache'), cache_timeout=600)
    first, _ = inventory_list(run_ansible, path)
    assert SheetServer.hits == 1
    second, _ = inventory_list(run_ansible, path)
    assert SheetServer.hits == 1, 'second load must be served from the inventory cache'
    assert first == second and 'pc01' in first['_meta']['hostvars']
    assert first['_meta']['hostvars']['pc01']['asset_source']['__ansible_unsafe'] == sheet_url + ':row 2'
    run_ansible('ansible-inventory', '-i', path, '--list', '--flush-cache', check=True)
    assert SheetServer.hits == 2


def test_url_without_cache_is_fetched_every_time(run_ansible, tmp_path, sheet_url):
    path = config(tmp_path, source=sheet_url)
    inventory_list(run_ansible, path)
    inventory_list(run_ansible, path)
    assert SheetServer.hits == 2


def test_cached_local_sheet_is_read_again_when_it_changes(run_ansible, tmp_path):
    sheet = tmp_path / 'a.csv'
    sheet.write_text(HEADER + PC)
    path = config(tmp_path, source='a.csv', cache=True, cache_plugin='ansible.builtin.jsonfile',
                  cache_connection=str(tmp_path / 'cache'))
    assert list(inventory_list(run_ansible, path)[0]['_meta']['hostvars']) == ['pc01']
    sheet.write_text(HEADER + PC + PC.replace('pc01,1001,aa:bb:cc:00:00:01', 'pc02,1002,aa:bb:cc:00:00:02'))
    assert sorted(inventory_list(run_ansible, path)[0]['_meta']['hostvars']) == ['pc01', 'pc02']


def test_url_error_names_the_url(run_ansible, tmp_path):
    path = config(tmp_path, source='http://127.0.0.1:9/nothing.csv', url_timeout=5)
    _, result = inventory_list(run_ansible, path, check=False)
    assert result.returncode != 0
    assert 'http://127.0.0.1:9/nothing.csv: cannot fetch the published sheet' in result.stderr


@pytest.mark.parametrize('source, content, expected', [
    ('missing.csv', None, "missing.csv: the asset sheet '{dir}/missing.csv' does not exist"),
    ('empty.csv', b'', 'empty.csv: the file is empty; expected an asset sheet with a header row'),
    ('notes.csv', b'just,some\nnotes,here\n', 'notes.csv: no header row found in the first 10 rows'),
    ('locked.xlsx', b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 512, 'locked.xlsx: the workbook is password-protected'),
    ('broken.xlsx', b'PK\x03\x04 not a zip', 'broken.xlsx: cannot be read as an XLSX/ODS workbook'),
])
def test_bad_files_fail_with_one_clear_error(run_ansible, tmp_path, source, content, expected):
    if content is not None:
        (tmp_path / source).write_bytes(content)
    _, result = inventory_list(run_ansible, config(tmp_path, source=source), check=False)
    assert result.returncode != 0
    assert expected.format(dir=tmp_path) in result.stderr
    assert 'Traceback' not in result.stderr


def test_strict_rows_fails_listing_every_problem(run_ansible, tmp_path):
    (tmp_path / 'a.csv').write_text(HEADER + PC.replace('aa:bb:cc:00:00:01', 'GG') + PC.replace('pc01', 'pc#2')
                                    .replace('1001', '1002').replace(':01', ':02'))
    _, result = inventory_list(run_ansible, config(tmp_path, source='a.csv', strict_rows=True), check=False)
    assert result.returncode != 0
    assert "strict_rows is on and 2 row problem(s) were found" in result.stderr
    assert "a.csv:row 2: column C (MAC): 'GG' is not a MAC address" in result.stderr
    assert "a.csv:row 3: column A (Hostname): 'pc#2' is not a valid hostname" in result.stderr


def test_hundreds_of_problems_are_one_warning(run_ansible, tmp_path):
    rows = ''.join('pc%03d,%d,bad-mac-%d,,Lincoln,Lab,PC,W11,Active,\n' % (i, i, i) for i in range(300))
    (tmp_path / 'a.csv').write_text(HEADER + PC + rows)
    data, result = inventory_list(run_ansible, config(tmp_path, source='a.csv', max_problem_lines=5))
    assert result.stderr.count('[WARNING]') == 1
    assert '300 row(s) skipped with problems (1 hosts loaded)' in result.stderr
    assert '... and 295 more' in result.stderr
    report = data['_meta']['hostvars']['pc01']['asset_sheet_report']  # a var of `all`, so every host has it
    assert report['problem_count'] == len(report['problems']) == 300
