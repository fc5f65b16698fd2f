"""Staged rollout batches, limits and the maintenance window (plugin_utils/rollout.py)."""

import datetime

import pytest

from ansible_collections.district.standard.plugins.plugin_utils import rollout

GROUPS = {
    'all': ['a1', 'a2', 'a3', 'b1', 'b2', 'c1', 'c2', 'c3', 'c4', 'c5'],
    'ungrouped': [],
    'school_a': ['a1', 'a2', 'a3'],
    'room_a_lab': ['a1', 'a2'],
    'school_b': ['b1', 'b2'],
    'school_c': ['c1', 'c2', 'c3', 'c4', 'c5'],
    'windows': ['a1', 'b1', 'c1', 'c2'],
    'canary': ['a1', 'a2'],
}


def test_batches_never_mix_schools():
    plan = rollout.plan(GROUPS, exclude='canary')
    assert [(b['school'], b['hosts']) for b in plan] == [
        ('school_a', ['a3']), ('school_b', ['b1', 'b2']), ('school_c', ['c1', 'c2', 'c3', 'c4', 'c5'])]
    assert rollout.batches(GROUPS, exclude='canary') == [1, 2, 5]


def test_batches_are_cut_inside_a_school():
    assert rollout.batches(GROUPS, exclude='canary', max_batch=2) == [1, 2, 2, 2, 1]


def test_the_limit_is_applied_like_ansible():
    assert rollout.batches(GROUPS, 'canary', limit='school_c:&windows') == [2]
    assert rollout.batches(GROUPS, 'canary', limit='school_*:!school_c') == [1, 2]
    assert rollout.batches(GROUPS, 'canary', limit='c4,b2') == [1, 1]
    assert rollout.resolve('room_a_*:!a2', GROUPS) == {'a1'}


def test_no_host_gives_one_batch_not_zero():
    # serial: [0] would mean every host at once
    assert rollout.batches(GROUPS, exclude='all') == [1]


@pytest.mark.parametrize('limit', ['~c[0-9]', '@hosts.txt', 'school_c[0:2]'])
def test_unsupported_limits_are_an_error(limit):
    with pytest.raises(rollout.RolloutError, match='not supported'):
        rollout.batches(GROUPS, limit=limit)


WINDOW = {'day': 'Wednesday', 'start': '22:00', 'duration_hours': 4}


@pytest.mark.parametrize('when, inside', [
    ('2026-12-02T21:59', False),   # Wednesday, just before
    ('2026-12-02T22:00', True),
    ('2026-12-03T01:59', True),    # past midnight, Thursday
    ('2026-12-03T02:00', False),
    ('2026-12-09T23:00', True),    # the next week
    ('2026-12-05T23:00', False),   # Saturday
])
def test_maintenance_window(when, inside):
    assert rollout.in_window(WINDOW, datetime.datetime.fromisoformat(when)) is inside


@pytest.mark.parametrize('window', [{'day': 'Someday', 'start': '19:00', 'duration_hours': 4},
                                    {'day': 'Monday', 'start': '25:00', 'duration_hours': 4},
                                    {'day': 'Monday', 'start': '19:00'}])
def test_bad_windows_are_an_error(window):
    with pytest.raises(rollout.RolloutError, match='maintenance window'):
        rollout.in_window(window, datetime.datetime(2026, 12, 2, 20, 0))
