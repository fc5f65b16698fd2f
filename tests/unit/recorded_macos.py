"""macOS tool outputs (tests/fixtures/macos, see its README.txt) standing in for the tools when a macOS module runs
in a unit test. Unlike the CUPS helper (recorded_cups.py), it keys commands by their full argv and keeps what each
command got on standard input, so a test can check that a password went there and not on the command line."""

import json
import os

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'macos')


def fixture(name):
    """A fixture's text; '' for None (a command that printed nothing)."""
    if name is None:
        return ''
    with open(os.path.join(FIXTURES, name)) as handle:
        return handle.read()


class Exit(Exception):
    pass


class Mac(object):
    """The commands a module may run: {argv tuple: [answers]}, each answer (rc, stdout fixture, stderr fixture,
    or literal text given as ('text', ...)). A command answered several times takes its answers in order (the
    last one repeats). An unexpected command fails the test."""

    def __init__(self, answers):
        self.answers = dict((tuple(k), list(v) if isinstance(v, list) else [v]) for k, v in answers.items())
        self.ran = []  # [(argv, stdin data)]

    def answer(self, argv, data):
        self.ran.append((list(argv), data))
        key = tuple(argv)
        if key not in self.answers:
            raise AssertionError('unexpected command %r' % (argv,))
        queue = self.answers[key]
        rc, out, err = queue.pop(0) if len(queue) > 1 else queue[0]
        return rc, text(out), text(err)

    def commands(self):
        return [argv for argv, _data in self.ran]


def text(value):
    if isinstance(value, tuple):
        return value[1]
    return fixture(value)


def run_module(monkeypatch, main, args, mac, check_mode=False):
    """Run a module's MAIN with ARGS against MAC: the module's result (a failure is failed=True)."""
    def run_command(self, argv, data=None, **kwargs):
        return mac.answer(argv, data)

    def finish(self, **result):
        raise Exit(result)

    monkeypatch.setattr(basic.AnsibleModule, 'run_command', run_command)
    monkeypatch.setattr(basic.AnsibleModule, 'get_bin_path',
                        lambda self, tool, required=False, opt_dirs=None: '/usr/sbin/' + tool)
    monkeypatch.setattr(basic.AnsibleModule, 'exit_json', finish)
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', lambda self, **r: finish(self, failed=True, **r))
    with patch_module_args(dict(args, _ansible_check_mode=check_mode)):
        with pytest.raises(Exit) as exit_:
            main()
    return json.loads(json.dumps(exit_.value.args[0]))
