# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Batches of a staged rollout: school by school, never more than N hosts at once.

A play with `hosts: school_*:!<canary>` lists its hosts school after school, in the order of the inventory's
groups. `batches(groups, ...)` gives the `serial` list that cuts that host list at every school boundary (and
inside a school every max_batch hosts), so a batch never mixes two schools. The play's --limit is applied the
same way Ansible does for the patterns used here (names, groups, wildcards, `!` and `&`).
"""

from __future__ import annotations

import fnmatch
import re


class RolloutError(ValueError):
    """A limit pattern this helper cannot resolve."""


def _terms(pattern):
    if not pattern:
        return []
    if isinstance(pattern, (list, tuple)):
        pattern = ','.join(pattern)
    return [term.strip() for term in re.split(r'[,:]', pattern) if term.strip()]


def _match(term, groups):
    """The hosts one pattern term names, in inventory order."""
    if term.startswith(('~', '@')) or '[' in term:
        raise RolloutError("limit term '%s': regular expressions, @files and [slices] are not supported here; "
                           "use group or host names (wildcards, ! and & are fine)" % term)
    everyone = groups.get('all', [])
    if term in ('all', '*'):
        return list(everyone)
    found = []
    for name, members in groups.items():
        if name == term or ('*' in term and fnmatch.fnmatchcase(name, term)):
            found.extend(members)
    found.extend(host for host in everyone if host == term or ('*' in term and fnmatch.fnmatchcase(host, term)))
    return found


def resolve(pattern, groups):
    """The set of hosts a pattern such as 'school_a:&windows:!lab-pc01' names."""
    included, required, excluded = set(), [], set()
    for term in _terms(pattern):
        if term.startswith('!'):
            excluded.update(_match(term[1:], groups))
        elif term.startswith('&'):
            required.append(set(_match(term[1:], groups)))
        else:
            included.update(_match(term, groups))
    for subset in required:
        included &= subset
    return included - excluded


def plan(groups, exclude=None, limit='', max_batch=0, prefix='school_'):
    """[{'school': group, 'hosts': [...]}] per batch, in rollout order."""
    if not isinstance(groups, dict):
        raise RolloutError('groups must be the groups mapping (the magic variable groups)')
    if int(max_batch or 0) < 0:
        raise RolloutError('max_batch must be 0 (whole schools) or more, not %s' % max_batch)
    left_out = resolve(exclude, groups) if exclude else set()
    allowed = resolve(limit, groups) if limit else None
    seen, out = set(), []
    for name, members in groups.items():
        if not name.startswith(prefix):
            continue
        hosts = [h for h in members if h not in left_out and h not in seen and (allowed is None or h in allowed)]
        seen.update(hosts)
        size = int(max_batch or 0) or len(hosts) or 1
        out.extend({'school': name, 'hosts': hosts[i:i + size]} for i in range(0, len(hosts), size))
    return out


def batches(groups, exclude=None, limit='', max_batch=0, prefix='school_'):
    """The serial list of plan(): the size of each batch ([1] when there is no host, as serial needs one)."""
    return [len(batch['hosts']) for batch in plan(groups, exclude, limit, max_batch, prefix)] or [1]


DAYS = ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')


def in_window(window, when):
    """True when the datetime `when` falls in the weekly window {day, start 'HH:MM', duration_hours}.

    A window may run past midnight (Wednesday 22:00 for 4 hours ends Thursday 02:00)."""
    try:
        day = DAYS.index(str(window['day']).strip().lower())
        hour, minute = (int(part) for part in str(window['start']).split(':'))
        hours = float(window['duration_hours'])
    except (KeyError, TypeError, ValueError) as error:
        raise RolloutError('maintenance window %r: expected day (Monday..Sunday), start (HH:MM) and '
                           'duration_hours (%s)' % (window, error)) from error
    if not (0 <= hour < 24 and 0 <= minute < 60 and 0 < hours <= 168):
        raise RolloutError('maintenance window %r: start or duration out of range' % (window,))
    week = 7 * 24 * 60
    start = day * 24 * 60 + hour * 60 + minute
    now = when.weekday() * 24 * 60 + when.hour * 60 + when.minute
    return (now - start) % week < hours * 60
