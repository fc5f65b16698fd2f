"""Recorded outputs of the CUPS tools (tests/fixtures/cups, see its README.txt) standing in for the tools when
a module runs in a unit test."""

import json
import os

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'cups')


def out(name):
    """Standard output (NAME.stderr: standard error) of a recorded command; '' when it printed nothing."""
    path = os.path.join(FIXTURES, name + '.txt')
    return open(path, encoding='utf-8').read() if os.path.exists(path) else ''


def err(name):
    return out(name + '.stderr')


class Exit(Exception):
    pass


def run_recorded(monkeypatch, main, args, recorded, check_mode=False):
    """Run a module's MAIN with ARGS, the CUPS tools answering from RECORDED ({argv tuple: (rc, fixture name)}):
    (the module's result, the commands it ran). An unexpected command is a KeyError."""
    ran = []

    def run_command(self, argv, **kwargs):
        ran.append([os.path.basename(argv[0])] + list(argv[1:]))
        rc, name = recorded[tuple(ran[-1])]
        return rc, out(name), err(name)

    def finish(self, **result):
        raise Exit(result)

    monkeypatch.setattr(basic.AnsibleModule, 'run_command', run_command)
    monkeypatch.setattr(basic.AnsibleModule, 'get_bin_path', lambda self, tool, *a, **k: '/usr/sbin/' + tool)
    monkeypatch.setattr(basic.AnsibleModule, 'exit_json', finish)
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', lambda self, **r: finish(self, failed=True, **r))
    with patch_module_args(dict(args, _ansible_check_mode=check_mode, _ansible_diff=True)):
        with pytest.raises(Exit) as exit_:
            main()
    return json.loads(json.dumps(exit_.value.args[0])), ran
