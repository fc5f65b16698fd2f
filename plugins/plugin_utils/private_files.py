# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Folders and files only their owner can read, whatever the umask: every report, history database and cache
of the project holds inventory data, and some of it names people (docs/security.md, "What each output holds").

    private_dir(path)                 make the folders that are missing, 0700 (an existing folder keeps its mode)
    private_open(path, 'w', ...)      open a file for writing, created or truncated as 0600
    private_file(path)                an empty 0600 file, for a library that then writes to the path itself
    report_folder(base, started)      <base>/<YYYYmmdd-HHMMSS>[-N], new and 0700
    prune_reports(base, keep, holds)  remove the oldest run folders beyond KEEP
"""

from __future__ import annotations

import os
import re
import shutil

DIR_MODE = 0o700
FILE_MODE = 0o600
RUN_FOLDER_RE = re.compile(r'^\d{8}-\d{6}(-\d+)?$')


def private_dir(path):
    """PATH as a folder (returned, absolute): each folder made here is 0700 (chmod after mkdir, so the umask
    cannot widen it)."""
    path = target = os.path.abspath(path)
    missing = []
    while not os.path.isdir(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, DIR_MODE)
    return target


def private_open(path, mode='w', **kwargs):
    """open(PATH, MODE) for writing ('w', 'wb', 'a', 'ab'), the file 0600 whether new or rewritten."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode.startswith('a') else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        return os.fdopen(fd, mode, **kwargs)
    except Exception:
        os.close(fd)
        raise


def private_file(path):
    """PATH exists as a 0600 file (emptied), so a library writing to the path (openpyxl, SQLite) keeps it so."""
    private_open(path, 'wb').close()
    return path


def report_folder(base, started):
    """A new folder <BASE>/<STARTED as YYYYmmdd-HHMMSS>, with -2, -3... when that one exists; 0700."""
    private_dir(base)
    stamp = started.strftime('%Y%m%d-%H%M%S')
    folder, suffix = os.path.join(base, stamp), 1
    while True:
        try:
            os.mkdir(folder, DIR_MODE)
            os.chmod(folder, DIR_MODE)
            return folder
        except FileExistsError:
            suffix += 1
            folder = os.path.join(base, '%s-%d' % (stamp, suffix))


def prune_reports(base, keep, holds, spare=()):
    """Remove the oldest run folders of BASE (named as report_folder names them, real folders, not links)
    that contain one of the names HOLDS (a tuple), so that KEEP of them are left; KEEP 0 or less keeps all.
    A folder in SPARE, the one <BASE>/latest points at, and any folder holding a file of SPARE (the history
    database) stay. Returns the folders removed."""
    if keep is None or keep <= 0 or not os.path.isdir(base):
        return []
    spare = [os.path.realpath(p) for p in spare if p]
    latest = os.path.join(base, 'latest')
    if os.path.islink(latest):
        spare.append(os.path.realpath(latest))
    runs = []
    for name in os.listdir(base):
        path = os.path.join(base, name)
        if RUN_FOLDER_RE.match(name) and not os.path.islink(path) and any(
                os.path.exists(os.path.join(path, held)) for held in holds):
            runs.append((_order(name), path))
    runs.sort()
    removed = []
    for _key, path in runs[:max(len(runs) - keep, 0)]:
        real = os.path.realpath(path)
        if any(p == real or p.startswith(real + os.sep) for p in spare):
            continue
        shutil.rmtree(path)
        removed.append(path)
    return removed


def _order(name):
    stamp, _sep, suffix = name.partition('-')[2].partition('-')
    return (name[:8], stamp, int(suffix or 1))
