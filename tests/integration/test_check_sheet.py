"""make check-sheet: every problem with its row, a summary, and the exit code."""

import os
import subprocess
import time
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADER = 'Hostname,Asset Tag,MAC,IP,School,Room,Type,OS,Status,Printer URI\n'


def check(*args):
    return subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'check_sheet.py')] + list(args),
                          check=False, capture_output=True, text=True, timeout=120)


def test_clean_sheet_passes_with_a_summary(tmp_path):
    sheet = tmp_path / 'ok.csv'
    sheet.write_text(HEADER + 'pc01,1,,,Lincoln,Lab 1,PC,W11,Active,\n'
                     'mac01,2,,,Lincoln,Lab 1,iMac,macOS,Active,\n'
                     'prn01,3,,10.0.0.9,Lincoln,Lab 1,MFP,,Active,ipp://10.0.0.9/ipp/print\n'
                     'cb01,4,,,Lincoln,Lab 1,Chromebook,Chrome OS,Active,\n'
                     'old01,5,,,Lincoln,Lab 1,PC,W10,Retired,\n')
    result = check(str(sheet))
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'Problems (0):\n  none' in result.stdout
    assert 'rows read: 5   hosts: 2   printers: 1   rows skipped with problems: 0' in result.stdout
    assert 'hosts per OS:            macos 1, windows 1' in result.stdout
    assert 'left out by type:        laptop (chromeos) 1' in result.stdout
    assert 'not managed (status):    retired 1' in result.stdout


def test_problems_fail_and_are_all_listed(tmp_path):
    sheet = tmp_path / 'bad.csv'
    sheet.write_text(HEADER + 'pc01,1,GG,,Lincoln,Lab 1,PC,W11,Active,\npc02,2,,1.2.3,Lincoln,Lab 1,PC,W11,Active,\n')
    result = check(str(sheet))
    assert result.returncode == 1
    assert "bad.csv:row 2: column C (MAC): 'GG' is not a MAC address" in result.stdout
    assert "bad.csv:row 3: column D (IP): '1.2.3' is not an IP address" in result.stdout
    assert 'Warning: bad.csv: 0 hosts from 2 rows: 2 skipped with problems' in result.stdout
    assert '2 problem(s): fix the rows above' in result.stdout
    assert check(str(sheet), '--report-only').returncode == 0


def test_unusable_file_exits_2_with_the_reason(tmp_path):
    result = check(str(tmp_path / 'nope.xlsx'))
    assert result.returncode == 2
    assert "check-sheet: nope.xlsx: the asset sheet" in result.stderr and 'does not exist' in result.stderr


def test_reads_an_inventory_config_with_its_options(tmp_path):
    (tmp_path / 'a.csv').write_text('Device,Barcode,School,Type,OS,Status\npc01,1,Lincoln,PC,W11,In Use\n')
    config = tmp_path / 'x.asset_sheet.yml'
    config.write_text('plugin: district.standard.asset_sheet\nsource: a.csv\ncolumns: {hostname: Device, asset_tag: Barcode}\n'
                      'managed_statuses: [in use]\n')
    result = check(str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'hosts: 1' in result.stdout


def test_4000_rows_of_placeholder_tags_print_less_than_100_kb(tmp_path):
    for tag in ('N/A', 'nnnnnnnnnnnn'):
        sheet = tmp_path / 'na.csv'
        sheet.write_text(HEADER + ''.join('pc%04d,%s,,,Lincoln,Lab 1,PC,W11,Active,\n' % (n, tag) for n in range(4000)))
        result = check(str(sheet))
        assert result.returncode == 0, result.stdout[-2000:]
        assert 'rows read: 4000   hosts: 4000' in result.stdout
        assert len(result.stdout.encode()) + len(result.stderr.encode()) < 100 * 1024


def test_a_value_on_4000_rows_is_one_line():
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        sheet = os.path.join(folder, 'same.csv')
        with open(sheet, 'w') as handle:
            handle.write(HEADER + ''.join('pc%04d,12345,,,Lincoln,Lab 1,PC,W11,Active,\n' % n for n in range(4000)))
        result = check(sheet)
    assert result.returncode == 1
    assert result.stdout.count("asset tag '12345' is on 4000 rows: row 2, row 3, row 4") == 1
    assert 'row 11 and 3990 more; all are kept' in result.stdout
    assert len(result.stdout.encode()) < 100 * 1024


def test_crafted_cells_finish_in_seconds_with_a_clear_problem(tmp_path):
    sheet = tmp_path / 'crafted.csv'
    sheet.write_text(HEADER + '%s,1,,,Lincoln,Lab 1,PC,W11,Active,\n' % ('ab' * 100000)
                     + 'pc02,1E99999999999,,1E99999999999,Lincoln,Lab 1,PC,W11,Active,\n'
                     + 'pc03,1E99999999999x,,,Lincoln,Lab 1,PC,W11,Active,\n')
    started = time.monotonic()
    result = check(str(sheet))
    assert time.monotonic() - started < 30  # seconds, not the minutes a crafted cell once cost; wide for a busy machine
    assert result.returncode == 1
    assert ('crafted.csv:row 2: column A (Hostname): the cell holds 200000 characters; a cell is read up to 10000'
            in result.stdout)
    assert "crafted.csv:row 2: column A (Hostname): '%s…' is not a valid hostname" % ('ab' * 40) in result.stdout
    assert "crafted.csv:row 3: column D (IP): '1E99999999999' is not an IP address" in result.stdout
    assert 'rows read: 3   hosts: 1' in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) < 400
