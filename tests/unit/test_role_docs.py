"""Each role README's variables and controls are generated (scripts/role_docs.py) from meta/argument_specs.yml and
the task names, between markers, and `make lint` fails when a README differs from what the role says."""

import os
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import role_docs  # noqa: E402

META = "galaxy_info:\n  platforms:\n    - name: Debian\n"
SPECS = """argument_specs:
  main:
    short_description: A toy role.
    options:
      toy_paths:
        type: list
        elements: path
        required: true
        description: Folders.
      toy_mode:
        type: str
        choices: [fast, safe]
        default: safe
        description: How | carefully.
      toy_target:
        type: dict
        description: Where.
        options:
          host: {type: str, description: The host.}
  extra:
    short_description: Another entry point.
    options: {}
"""
TASKS = ('- name: TOY-01 | Do the toy thing\n  ansible.builtin.debug:\n    msg: "{{ toy_mode }}"\n'
         '  when: "\'TOY-01\' not in baseline_waived_controls"\n')


def toy(root, readme):
    base = root / 'roles' / 'toy'
    for sub in ('tasks', 'meta', 'defaults'):
        (base / sub).mkdir(parents=True)
    (base / 'tasks' / 'main.yml').write_text(TASKS)
    (base / 'meta' / 'main.yml').write_text(META)
    (base / 'meta' / 'argument_specs.yml').write_text(SPECS)
    (base / 'defaults' / 'main.yml').write_text('toy_mode: safe\n')
    (base / 'README.md').write_text(readme)
    return base / 'README.md'


def test_the_sections_are_made_from_the_spec_and_the_tasks_and_the_rest_is_kept(tmp_path):
    readme = toy(tmp_path, '# toy\n\nWritten by hand.\n\n## Variables\n\nold table\n\n## Example\n\nkept\n')
    text = role_docs.readmes(str(tmp_path))[str(readme)]
    assert text.startswith('# toy\n\nWritten by hand.\n')
    assert 'old table' not in text and '## Example\n\nkept\n' in text
    assert '| `toy_paths` | list of path | - | Folders. (required) |' in text
    assert "| `toy_mode` | str | `safe` | How \\| carefully. (one of `fast`, `safe`) |" in text
    assert '| `toy_target.host` | str | - | The host. |' in text
    assert '### `tasks_from: extra`' in text
    assert '| TOY-01 | Do the toy thing | ansible |' in text.split('## Controls')[1]
    readme.write_text(text)
    assert role_docs.readmes(str(tmp_path))[str(readme)] == text  # a second run changes nothing


def test_the_readmes_of_the_project_are_what_the_roles_say():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'role_docs.py'), '--check'],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
