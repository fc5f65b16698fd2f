"""make check-sheet: every problem with its row, a summary, and the exit code."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADER = 'Hostname,Asset Tag,MAC,IP,School,Room,Type,OS,Status,Printer URI\n'


def check(*args):
    return subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'check_sheet.py')] + list(args),
                          capture_output=True, text=True, timeout=120)


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
    assert '2 problem(s): fix the rows above' in result.stdout
    assert check(str(sheet), '--report-only').returncode == 0


def test_unusable_file_exits_2_with_the_reason(tmp_path):
    result = check(str(tmp_path / 'nope.xlsx'))
    assert result.returncode == 2
    assert "check-sheet: nope.xlsx: the asset sheet" in result.stderr and 'does not exist' in result.stderr


def test_reads_an_inventory_config_with_its_options(tmp_path):
    (tmp_path / 'a.csv').write_text('Device,Barcode,School,Type,OS,Status\npc01,1,Lincoln,PC,W11,In Use\n')
    config = tmp_path / 'x.asset_sheet.yml'
    config.write_text('plugin: asset_sheet\nsource: a.csv\ncolumns: {hostname: Device, asset_tag: Barcode}\n'
                      'managed_statuses: [in use]\n')
    result = check(str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'hosts: 1' in result.stdout
