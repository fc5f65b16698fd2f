"""Every task of the project's roles, playbooks and molecule scenarios, with where it is: for the static checks of
tests/unit/test_task_options.py and tests/unit/test_windows_modules.py."""

import glob
import os

import yaml

from ansible.playbook.block import Block
from ansible.playbook.play import Play
from ansible.playbook.task import Task

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYWORDS = set(Task.fattributes) | {'local_action', 'include', 'vars_files'}
BLOCK_KEYS = ('block', 'rescue', 'always')
PLAY_TASK_KEYS = ('pre_tasks', 'tasks', 'post_tasks', 'handlers')
PLAY_KEYS = set(Play.fattributes) | set(Block.fattributes) | {'import_playbook', 'ansible.builtin.import_playbook'}


class Found(object):
    def __init__(self, path, task, role=None):
        self.path, self.task, self.role = os.path.relpath(path, ROOT), task, role
        self.module = next((k for k in task if k not in KEYWORDS and not k.startswith('with_')), None)

    @property
    def args(self):
        return self.task.get(self.module) if self.module else None

    def __repr__(self):
        return '%s: %s (%s)' % (self.path, self.task.get('name', '?'), self.module)


def _tasks(items, path, role):
    for item in items or []:
        if not isinstance(item, dict):
            continue
        if any(k in item for k in BLOCK_KEYS):
            for key in BLOCK_KEYS:
                yield from _tasks(item.get(key), path, role)
        else:
            yield Found(path, item, role)


def _load(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def role_tasks(root=ROOT):
    for path in sorted(glob.glob(os.path.join(root, 'roles', '*', 'tasks', '*.yml')) +
                       glob.glob(os.path.join(root, 'roles', '*', 'handlers', '*.yml'))):
        yield from _tasks(_load(path), path, path.split(os.sep)[-3])


def is_playbook(data):
    return isinstance(data, list) and all(isinstance(p, dict) and (set(p) & ({'hosts', 'import_playbook'} | {
        'ansible.builtin.import_playbook'})) for p in data)


def playbook_tasks(root=ROOT):
    paths = sorted(glob.glob(os.path.join(root, 'playbooks', '**', '*.yml'), recursive=True) +
                   glob.glob(os.path.join(root, 'molecule', '*', '*.yml')) +
                   glob.glob(os.path.join(root, 'tests', 'integration', '*.yml')))
    for path in paths:
        data = _load(path)
        if is_playbook(data):
            for play in data:
                for key in PLAY_TASK_KEYS:
                    yield from _tasks(play.get(key), path, None)
        elif isinstance(data, list):  # a task file (playbooks/tasks/*.yml)
            yield from _tasks(data, path, None)


def every_task(root=ROOT):
    return list(role_tasks(root)) + list(playbook_tasks(root))
