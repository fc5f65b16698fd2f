"""Report folders 0700 and files 0600 whatever the umask (plugin_utils/private_files.py, report_files.py), and the
retention of report folders."""

import datetime
import os
import stat

import pytest

from ansible_collections.district.standard.plugins.plugin_utils import private_files as pf
from ansible_collections.district.standard.plugins.plugin_utils import report_files as rf

STARTED = datetime.datetime(2026, 8, 20, 7, 0, 0)


def mode(path):
    return stat.S_IMODE(os.lstat(str(path)).st_mode)


@pytest.fixture
def open_umask():
    """The widest umask: nothing the code makes may rely on the umask to be private."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_folders_and_files_are_private_whatever_the_umask(tmp_path, open_umask):
    made = pf.private_dir(str(tmp_path / 'a' / 'b' / 'c'))
    assert made == str(tmp_path / 'a' / 'b' / 'c') and [mode(tmp_path / p) for p in ('a', 'a/b', 'a/b/c')] == [0o700] * 3
    with pf.private_open(str(tmp_path / 'a' / 'f.txt')) as handle:
        handle.write('x')
    open(str(tmp_path / 'old.txt'), 'w').close()
    os.chmod(str(tmp_path / 'old.txt'), 0o666)
    with pf.private_open(str(tmp_path / 'old.txt'), 'a') as handle:  # a file written again becomes private
        handle.write('y')
    assert mode(tmp_path / 'a' / 'f.txt') == 0o600 and mode(tmp_path / 'old.txt') == 0o600
    assert mode(pf.private_file(str(tmp_path / 'lib.db'))) == 0o600
    reports = str(tmp_path / 'reports')
    first, second = pf.report_folder(reports, STARTED), pf.report_folder(reports, STARTED)
    assert (os.path.basename(first), os.path.basename(second)) == ('20260820-070000', '20260820-070000-2')
    assert mode(first) == mode(second) == mode(tmp_path / 'reports') == 0o700


def test_tables_and_sheet_copies_are_private(tmp_path, open_umask):
    files = rf.write_table(str(tmp_path), 'hardware', ['hostname', 'assigned_to'], [['pc1', 'Jane Student']])
    assert mode(files['csv']) == mode(files['xlsx']) == 0o600
    sheet = tmp_path / 'assets.csv'
    sheet.write_text('Hostname,Asset Tag,School,Room\npc1,100,Lincoln,Lab\n')
    out = rf.write_back(str(sheet), None, {2: {'Last seen': '2026-08-20'}}, str(tmp_path / 'assets-updated.csv'))
    assert mode(out) == 0o600 and 'Last seen' in open(out).read()


def run_folder(base, name, holds='compliance.json'):
    folder = base / name
    folder.mkdir()
    if holds:
        (folder / holds).write_text('{}')
    return folder


def test_retention_keeps_the_newest_runs_and_never_the_history(tmp_path):
    base = tmp_path / 'reports'
    base.mkdir()
    runs = [run_folder(base, '202608%02d-070000' % day) for day in range(1, 8)]
    runs.append(run_folder(base, '20260807-070000-2'))  # the same second: after the plain one
    (run_folder(base, '20260801-080000', holds=None) / '.spool').mkdir()  # a run that died before its reports
    (base / 'history.sqlite').write_text('history')
    lab = run_folder(base, '20260801-060000', holds='lab-summary.csv')  # another playbook's folder
    odd = run_folder(base, 'keep-me')  # not a run folder
    os.symlink(str(runs[1]), str(base / 'latest'))  # latest points at an old run: it stays
    removed = pf.prune_reports(str(base), 3, ('compliance.json', '.spool'), spare=[str(base / 'history.sqlite')])
    assert sorted(os.path.basename(p) for p in removed) == ['20260801-070000', '20260801-080000', '20260803-070000',
                                                            '20260804-070000', '20260805-070000']
    left = sorted(p for p in os.listdir(str(base)))
    assert left == ['20260801-060000', '20260802-070000', '20260806-070000', '20260807-070000',
                    '20260807-070000-2', 'history.sqlite', 'keep-me', 'latest']
    assert lab.exists() and odd.exists() and (base / 'history.sqlite').read_text() == 'history'


def test_retention_never_removes_a_folder_holding_the_history_and_zero_keeps_all(tmp_path):
    base = tmp_path / 'reports'
    base.mkdir()
    old = run_folder(base, '20260801-070000')
    (old / 'history.sqlite').write_text('h')  # a history_db configured inside a run folder
    run_folder(base, '20260802-070000')
    assert pf.prune_reports(str(base), 0, ('compliance.json', '.spool')) == []
    assert pf.prune_reports(str(base), 1, ('compliance.json', '.spool'), spare=[str(old / 'history.sqlite')]) == []
    assert old.exists()
    assert pf.prune_reports(str(tmp_path / 'missing'), 3, ('compliance.json', '.spool')) == []
