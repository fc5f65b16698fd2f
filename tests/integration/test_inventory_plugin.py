"""The asset_sheet plugin through Ansible's own command line tools."""

import json
import os
import sys

import pytest

HEADER = 'Hostname,Asset Tag,MAC,IP,School,Room,Type,OS,Status,Notes\n'
PC = 'pc01,1001,aa:bb:cc:00:00:01,,Lincoln,Lab 101,Desktop,Windows 11,Active,\n'


def config(directory, **options):
    # the short plugin name of configs written before the collection: it keeps working (the sample and the demo
    # say district.standard.asset_sheet)
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
                   'strict_rows', 'keyed_groups', 'compose', 'cache_plugin', 'preset', 'ignore_columns', 'defaults',
                   'value_maps', 'include', 'exclude', 'placeholders', 'duplicates', 'derive', 'subnets',
                   'extra_columns', 'url_deadline', 'url_max_bytes', 'allow_http', 'lab', 'report_dir'):
        assert '%s:' % option in out or '- %s' % option in out, option
    for example in ('preset: glpi', 'exclude:', 'derive:', 'subnets:', 'value_maps:', 'name: roosevelt sheet',
                    'lab: true', 'extra_columns:'):
        assert example in out, example


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
    data, _result = inventory_list(run_ansible, path)
    assert not marker.exists()
    assert 'room_lincoln_lookup_pipe_touch' in ''.join(data)


@pytest.mark.parametrize('source, content, expected', [
    ('missing.csv', None, "missing.csv: the asset sheet '{dir}/missing.csv' does not exist"),
    ('empty.csv', b'', 'empty.csv: the file is empty; expected an asset sheet with a header row'),
    ('notes.csv', b'just,some\nnotes,here\n', 'notes.csv: no header row found in the first 10 rows'),
    ('locked.xlsx', b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 512 + 'EncryptedPackage'.encode('utf-16-le'),
     'locked.xlsx: the workbook is password-protected'),
    ('broken.xlsx', b'PK\x03\x04 not a zip', 'broken.xlsx: cannot be read as an XLSX, XLS or ODS workbook'),
])
def test_bad_files_fail_with_one_clear_error(run_ansible, tmp_path, source, content, expected):
    if content is not None:
        (tmp_path / source).write_bytes(content)
    _data, result = inventory_list(run_ansible, config(tmp_path, source=source), check=False)
    assert result.returncode != 0
    assert expected.format(dir=tmp_path) in result.stderr
    assert 'Traceback' not in result.stderr


def test_cached_local_sheet_is_read_again_when_it_changes(run_ansible, tmp_path):
    sheet = tmp_path / 'a.csv'
    sheet.write_text(HEADER + PC)
    path = config(tmp_path, source='a.csv', cache=True, cache_plugin='district.standard.jsonfile',
                  cache_connection=str(tmp_path / 'cache'))
    assert list(inventory_list(run_ansible, path)[0]['_meta']['hostvars']) == ['pc01']
    assert list((tmp_path / 'cache').iterdir())  # the load was cached
    sheet.write_text(HEADER + PC + PC.replace('pc01,1001,aa:bb:cc:00:00:01', 'pc02,1002,aa:bb:cc:00:00:02'))
    assert sorted(inventory_list(run_ansible, path)[0]['_meta']['hostvars']) == ['pc01', 'pc02']


def test_strict_rows_fails_listing_every_problem(run_ansible, tmp_path):
    (tmp_path / 'a.csv').write_text(HEADER + PC.replace('aa:bb:cc:00:00:01', 'GG') + PC.replace('pc01', 'pc#2')
                                    .replace('1001', '1002').replace(':01', ':02'))
    _data, result = inventory_list(run_ansible, config(tmp_path, source='a.csv', strict_rows=True), check=False)
    assert result.returncode != 0
    assert "strict_rows is on and 2 row problem(s) were found" in result.stderr
    assert "a.csv:row 2: column C (MAC): 'GG' is not a MAC address" in result.stderr
    assert "a.csv:row 3: column A (Hostname): 'pc#2' is not a valid hostname" in result.stderr


def test_hundreds_of_problems_are_one_warning_and_the_list_is_a_file_not_a_variable(run_ansible, tmp_path,
                                                                                    test_state):
    rows = ''.join('pc%03d,%d,bad-mac-%d,,Lincoln,Lab,PC,W11,Active,\n' % (i, i, i) for i in range(300))
    (tmp_path / 'a.csv').write_text(HEADER + PC + rows)
    data, result = inventory_list(run_ansible, config(tmp_path, source='a.csv', max_problem_lines=5))
    assert result.stderr.count('[WARNING]') == 1
    assert '300 problem(s), 300 row(s) skipped (1 hosts loaded)' in result.stderr
    problems_file = str(test_state / 'reports' / 'asset-sheet' / 'test.problems.txt')
    assert '... and 295 more: the full list is in %s' % problems_file in result.stderr
    report = data['_meta']['hostvars']['pc01']['asset_sheet_report']  # a var of `all`, so every host has it
    assert report['problem_count'] == 300 and 'problems' not in report
    assert len(json.dumps(report)) < 1000
    with open(problems_file) as handle:
        lines = handle.read().splitlines()
    assert len(lines) == 301 and lines[1] == "a.csv:row 3: column C (MAC): 'bad-mac-0' is not a MAC address"
    assert oct(os.stat(problems_file).st_mode & 0o777) == '0o600'
    (tmp_path / 'a.csv').write_text(HEADER + PC)
    inventory_list(run_ansible, config(tmp_path, source='a.csv'))
    assert not os.path.exists(problems_file), 'a clean sheet leaves no stale problem list'


def test_a_sheet_without_a_host_is_a_warning_saying_why(run_ansible, tmp_path):
    (tmp_path / 'a.csv').write_text(HEADER + PC.replace('Desktop,Windows 11', 'Chromebook,ChromeOS')
                                    + PC.replace('pc01,1001', 'pc02,1002').replace(':01', ':02').replace('Active', 'Lost'))
    data, result = inventory_list(run_ansible, config(tmp_path, source='a.csv'))
    assert data['_meta']['hostvars'] == {}
    assert ('a.csv: 0 hosts from 2 rows: 1 left out by type laptop (chromeos), 1 not managed (lost)'
            in result.stderr)


@pytest.mark.parametrize('name', ['localhost', 'linux', 'all', 'ungrouped', 'canary', 'cart7'])
def test_a_row_named_like_localhost_or_a_group_is_a_problem_never_a_host(run_ansible, tmp_path, name):
    """A sheet row must not take over localhost, nor a group: not the fixed ones, not one of the config's
    groups (known before any host), not one its keyed_groups make from another row (cart7, from a Notes cell)."""
    other = PC.replace('pc01,1001,aa:bb:cc:00:00:01', 'pc02,1002,aa:bb:cc:00:00:02').replace('Active,', 'Active,cart7')
    (tmp_path / 'a.csv').write_text(HEADER + PC.replace('pc01', name) + other)
    path = config(tmp_path, source='a.csv', groups={'canary': "asset_room == 'Lab 101'"}, leading_separator=False,
                  keyed_groups=[{'key': 'asset_notes', 'prefix': ''}])
    data, result = inventory_list(run_ansible, path)
    assert sorted(data['_meta']['hostvars']) == ['pc02']
    assert data['canary']['hosts'] == ['pc02'] and data['cart7']['hosts'] == ['pc02']
    assert "a.csv:row 2" in result.stderr and "'%s'" % name in result.stderr
    assert ("is also the name of a group the config's groups or keyed_groups make" if name == 'cart7' else
            "a.csv:row 2: column A (Hostname): '%s' is " % name) in result.stderr
    plays_on_localhost = run_ansible('ansible', '-i', path, 'localhost', '-m', 'ansible.builtin.debug', '-a',
                                     'var=ansible_connection', check=True)
    assert 'ansible_connection: local' in plays_on_localhost.stdout


def test_loopback_addresses_only_in_a_lab(run_ansible, tmp_path):
    (tmp_path / 'a.csv').write_text(HEADER + PC.replace(',,Lincoln', ',127.0.60.10,Lincoln'))
    data, result = inventory_list(run_ansible, config(tmp_path, source='a.csv'))
    assert data['_meta']['hostvars'] == {}
    assert "a.csv:row 2: column D (IP): '127.0.60.10' is a loopback address" in result.stderr
    lab, _result = inventory_list(run_ansible, config(tmp_path, source='a.csv', lab=True))
    assert lab['_meta']['hostvars']['pc01']['ansible_host']['__ansible_unsafe'] == '127.0.60.10'


def test_a_printer_uri_with_a_password_is_never_shown(run_ansible, tmp_path):
    header = HEADER.replace('Notes', 'Printer URI')
    (tmp_path / 'a.csv').write_text(header + PC + 'prn01,9,,,Lincoln,Lab 101,Printer,,Active,'
                                    '"smb://office:pa/ss@w0rd@srv/lab queue"\n')
    data, result = inventory_list(run_ansible, config(tmp_path, source='a.csv'))
    assert "'smb://office:********@srv/lab queue' is not a printer URI" in result.stderr
    assert 'pa/ss' not in result.stderr and 'w0rd' not in result.stderr and 'room_printers' not in json.dumps(data)
