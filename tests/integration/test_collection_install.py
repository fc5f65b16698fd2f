"""district.standard as users get it (issue 14, part 1): build the tarball, install it into an empty collections
path, and use it with no project ansible.cfg — a config of its own that only sets collections_path and enables
the inventory plugin, every other setting by environment variable, from a folder outside the repository.

The inventory plugin reads a small sheet by its full name; a play on the sheet's hosts (local connection, set by
the config's `compose`) runs the modules, a filter and the lookup, caches facts with the cache plugin and
records a control in the compliance report and the run summary; ansible-doc documents every plugin and role the
tarball holds, each from the installed copy."""

import json
import os
import stat
import subprocess
import sys
import tarfile

import pytest

from collection_build import build_collection, clean_env
from conftest import BIN, ROOT

# Plugin types whose plugins are one file each (ansible-doc types), and where they live.
ONE_PER_FILE = ('become', 'cache', 'callback', 'cliconf', 'connection', 'httpapi', 'inventory', 'lookup', 'netconf',
                'shell', 'strategy', 'vars')
FUNCTION_PLUGINS = {'filter': 'FilterModule', 'test': 'TestModule'}
SKIPPED_FILES = ('__init__.py',)
SHEET = ('Hostname,Asset Tag,Serial Number,MAC Address,IP Address,School,Room,Device Type,Operating System,'
         'OS Version,Model,Manufacturer,Status,Assigned To,Printer URI,Notes\n') + """\
inst-pc01,420001,INSTPC01,02:00:00:00:42:01,,Install School,Lab 7,Desktop,Debian 12,12,OptiPlex 7010,Dell,Active,,,
inst-pc02,420002,INSTPC02,02:00:00:00:42:02,,Install School,Library,Desktop,Debian 12,12,OptiPlex 7010,Dell,Active,,,
inst-prn01,420003,INSTPRN01,02:00:00:00:42:03,10.42.0.250,Install School,Library,Printer,,,M404dn,HP,Active,,socket://10.42.0.250:9100,
"""
CONFIG = """---
plugin: district.standard.asset_sheet
source: sheets/install.csv
compose:
  ansible_connection: "'local'"
  ansible_python_interpreter: "'%s'"
"""
HOST_WAIVER = """---
baseline_waivers:
  - control: TST-INS-03
    reason: the library kiosk has no screen lock
    owner: Library
    expires: 2099-12-31
"""
PLAY = """---
- name: The installed collection at work
  hosts: all
  gather_facts: true
  gather_subset: [min]
  vars:
    compliance_run: true
    run_summary: true
  tasks:
    - name: Find out whether this play is a dry run
      district.standard.run_mode:
      register: mode

    - name: TST-INS-01 | A control that is in effect
      district.standard.control_status:
        status: compliant

    - name: TST-INS-02 | A control only a configuration profile delivers
      district.standard.control_status:
        status: managed-by-mdm
        msg: deliver the profile

    - name: Warn from the play
      district.standard.warn:
        msg: "installed collection warns on {{ inventory_hostname }}"

    - name: A module with its module_utils, run on the host (this controller has no CUPS)
      district.standard.cups_printer_info:
      register: queues
      failed_when: false

    - name: The filter, the lookup and what the modules said
      ansible.builtin.copy:
        dest: "{{ out_dir }}/{{ inventory_hostname }}.json"
        mode: "0600"
        content: "{{ {'check_mode': mode.check_mode, 'edition': 'ProfessionalEducation' | district.standard.windows_edition,
                     'waivers': lookup('district.standard.waivers') | map(attribute='control') | list,
                     'queues': queues.msg | default('')} | to_json }}"
"""


def tarball_names(tarball):
    with tarfile.open(tarball) as archive:
        return set(archive.getnames())


def tree_files(*tops):
    """Files under TOPS of the repository (what the tarball must hold), as tarball names."""
    found = set()
    for top in tops:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d != '__pycache__']
            relative = os.path.relpath(folder, ROOT)
            found.update(os.path.join(relative, f) for f in files if not f.endswith('.pyc'))
    return found


@pytest.fixture(scope='module')
def installed(tmp_path_factory):
    """Tarball built and installed into an empty collections path; the config and environment that use it."""
    base = tmp_path_factory.mktemp('collection')
    tarball = build_collection(base / 'dist')
    collections = base / 'collections'
    config = base / 'ansible.cfg'
    config.write_text('[defaults]\ncollections_path = %s\n\n[inventory]\nenable_plugins = district.standard.asset_sheet\n'
                      % collections)
    env = clean_env(ANSIBLE_CONFIG=str(config))
    done = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--offline', '--no-deps',
                           '-p', str(collections), tarball], cwd=str(base), env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    home = collections / 'ansible_collections' / 'district' / 'standard'
    return {'base': base, 'tarball': tarball, 'home': str(home), 'env': env}


def run(installed, *args, **extra):
    return subprocess.run(list(args), cwd=str(installed['base']), env=dict(installed['env'], **extra),
                          capture_output=True, text=True, timeout=600, check=False)


def test_the_tarball_holds_every_plugin_and_role_of_the_repository(installed):
    names = tarball_names(installed['tarball'])
    tree = tree_files('plugins', 'roles', 'playbooks', 'meta')
    assert tree - names == set()
    assert {'MANIFEST.json', 'FILES.json', 'galaxy.yml'} & names == {'MANIFEST.json', 'FILES.json'}
    assert not [n for n in names if n.startswith(('collections/ansible_collections', '.venv', '.cache', 'reports/'))]
    assert not [n for n in names if '__pycache__' in n or n.endswith('.pyc')]


def sheet_inventory(installed):
    inventory = installed['base'] / 'inventory'
    if not inventory.exists():
        (inventory / 'sheets').mkdir(parents=True)
        (inventory / 'host_vars').mkdir()
        (inventory / 'sheets' / 'install.csv').write_text(SHEET)
        (inventory / 'host_vars' / 'inst-pc02.yml').write_text(HOST_WAIVER)
        (inventory / 'install.asset_sheet.yml').write_text(CONFIG % sys.executable)
    return inventory


def plain(value):
    """ansible-inventory's JSON with each {"__ansible_unsafe": text} (text that is never templated) as text."""
    if isinstance(value, dict):
        return value['__ansible_unsafe'] if set(value) == {'__ansible_unsafe'} else dict(
            (key, plain(item)) for key, item in value.items())
    return [plain(item) for item in value] if isinstance(value, list) else value


def test_the_inventory_plugin_by_its_full_name_reads_the_sheet(installed):
    inventory = sheet_inventory(installed)
    listed = run(installed, os.path.join(BIN, 'ansible-inventory'), '-i', str(inventory / 'install.asset_sheet.yml'),
                 '--list')
    assert listed.returncode == 0, listed.stderr
    data = plain(json.loads(listed.stdout))
    hostvars = data['_meta']['hostvars']
    assert sorted(hostvars) == ['inst-pc01', 'inst-pc02']  # a printer is a row, not a host
    assert sorted(data['school_install_school']['children']) == ['room_install_school_lab_7',
                                                                 'room_install_school_library']
    assert data['room_install_school_lab_7']['hosts'] == ['inst-pc01']
    pc = hostvars['inst-pc01']
    assert (pc['asset_tag'], pc['asset_school'], pc['asset_room'], pc['ansible_connection']) == (
        '420001', 'Install School', 'Lab 7', 'local')


def test_modules_filter_lookup_callbacks_and_cache_plugin_work_from_the_install(installed, tmp_path):
    inventory = sheet_inventory(installed)
    play = tmp_path / 'play.yml'
    play.write_text(PLAY)
    out, reports, facts = tmp_path / 'out', tmp_path / 'reports', tmp_path / 'facts'
    out.mkdir()
    ran = run(installed, os.path.join(BIN, 'ansible-playbook'), '-i', str(inventory), str(play), '-e',
              'out_dir=%s' % out, ANSIBLE_CALLBACKS_ENABLED='district.standard.compliance_report,'
              'district.standard.run_summary', ANSIBLE_CACHE_PLUGIN='district.standard.jsonfile',
              ANSIBLE_CACHE_PLUGIN_CONNECTION=str(facts), DISTRICT_REPORT_DIR=str(reports),
              DISTRICT_HISTORY_DB=str(reports / 'history.sqlite'))
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert 'installed collection warns on inst-pc01' in ran.stderr + ran.stdout
    said = dict((h, json.loads((out / ('%s.json' % h)).read_text())) for h in ('inst-pc01', 'inst-pc02'))
    assert said['inst-pc01']['check_mode'] is False and said['inst-pc01']['edition'] == 'Pro'
    assert said['inst-pc01']['waivers'] == [] and said['inst-pc02']['waivers'] == ['TST-INS-03']
    assert 'Failed to find required executable "lpstat"' in said['inst-pc01']['queues']
    # the compliance report of the control tasks, with the sheet's school and room
    with open(str(reports / 'latest' / 'compliance.json')) as handle:
        cells = dict(((r['host'], r['control']), r) for r in json.load(handle)['results'])
    assert sorted(cells) == [(h, c) for h in ('inst-pc01', 'inst-pc02') for c in ('TST-INS-01', 'TST-INS-02')]
    assert cells[('inst-pc01', 'TST-INS-01')]['status'] == 'compliant'
    assert cells[('inst-pc02', 'TST-INS-02')]['status'] == 'managed-by-mdm'
    assert (cells[('inst-pc02', 'TST-INS-01')]['school'], cells[('inst-pc02', 'TST-INS-01')]['room']) == (
        'Install School', 'Library')
    assert 'COMPLIANCE SUMMARY' in ran.stdout and (reports / 'history.sqlite').is_file()
    summaries = [os.path.join(folder, f) for folder, _d, files in os.walk(str(reports)) for f in files
                 if f == 'play-summary.csv']
    assert len(summaries) == 1 and 'inst-pc02' in open(summaries[0]).read()
    # the facts, in the cache plugin's private files
    cached = sorted(os.listdir(str(facts)))  # <prefix><host>: ansible-core adds its own prefix
    assert len(cached) == 2 and cached[0].endswith('inst-pc01') and cached[1].endswith('inst-pc02')
    assert stat.S_IMODE(os.stat(str(facts)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(str(facts / cached[0])).st_mode) == 0o600
    entry = json.loads((facts / cached[0]).read_text())  # ansible-core 2.19 keeps the facts as a JSON payload
    assert json.loads(entry['__payload__'])['ansible_system'] == 'Linux'


def plugin_names(installed, names):
    """{ansible-doc type: full names} of every plugin the tarball holds."""
    found, function_files = {}, []
    for name in names:
        parts = name.split('/')
        if len(parts) != 3 or parts[0] != 'plugins' or parts[2] in SKIPPED_FILES:
            continue
        folder, (stem, ext) = parts[1], os.path.splitext(parts[2])
        kind = {'modules': 'module', 'action': 'module'}.get(folder, folder)
        if kind in ONE_PER_FILE + ('module',) and ext in ('.py', '.ps1'):
            found.setdefault(kind, set()).add('district.standard.' + stem)
        elif kind in FUNCTION_PLUGINS and ext == '.py':
            function_files.append((kind, stem))
    for kind, function in functions(installed, function_files):
        found.setdefault(kind, set()).add('district.standard.' + function)
    return found


LIST_FUNCTIONS = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
names = []
for kind, stem, holder in json.loads(sys.argv[2]):
    module = importlib.import_module('ansible_collections.district.standard.plugins.%s.%s' % (kind, stem))
    names += [(kind, name) for name in getattr(getattr(module, holder)(), kind + "s")()]
print(json.dumps(names))
"""


def functions(installed, files):
    """[(kind, name)] of the filters and tests that FILES ([(kind, stem)]) of the installed collection define."""
    path = os.path.dirname(os.path.dirname(os.path.dirname(installed['home'])))
    listed = subprocess.run([sys.executable, '-c', LIST_FUNCTIONS, path,
                             json.dumps([(kind, stem, FUNCTION_PLUGINS[kind]) for kind, stem in files])],
                            cwd=str(installed['base']), env=installed['env'], capture_output=True, text=True, check=False)
    assert listed.returncode == 0, listed.stderr
    return [tuple(pair) for pair in json.loads(listed.stdout)]


def test_ansible_doc_documents_every_plugin_and_role_of_the_tarball(installed):
    names = tarball_names(installed['tarball'])
    plugins = plugin_names(installed, names)
    assert {'module', 'inventory', 'callback', 'cache', 'filter', 'lookup', 'vars'} <= set(plugins)
    for kind, wanted in sorted(plugins.items()):
        shown = run(installed, os.path.join(BIN, 'ansible-doc'), '-t', kind, '--json', *sorted(wanted))
        assert shown.returncode == 0, shown.stderr
        docs = json.loads(shown.stdout)
        assert set(docs) == wanted, '%s: no documentation for %s' % (kind, sorted(wanted - set(docs)))
        for name, entry in docs.items():
            doc = entry['doc']
            assert doc.get('short_description') and doc.get('description'), name
            assert doc['filename'].startswith(installed['home'] + os.sep), (name, doc['filename'])
        listed = run(installed, os.path.join(BIN, 'ansible-doc'), '-t', kind, '-l', '--json', 'district.standard')
        assert set(json.loads(listed.stdout)) == wanted, kind  # nothing ansible-doc finds that the tarball lacks
    roles = sorted({'district.standard.' + n.split('/')[1] for n in names if n.startswith('roles/') and n.count('/') >= 2})
    assert len(roles) >= 8
    shown = run(installed, os.path.join(BIN, 'ansible-doc'), '-t', 'role', '--json', *roles)
    assert shown.returncode == 0, shown.stderr
    docs = json.loads(shown.stdout)
    assert sorted(docs) == roles
    for name, entry in docs.items():
        main = entry['entry_points']['main']
        assert entry['path'] == installed['home'] and main.get('short_description') and main.get('options'), name
