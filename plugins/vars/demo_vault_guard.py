# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: demo_vault_guard
short_description: Refuses the public demo vault password for any inventory that is not a demo
description:
  - The sample and demo inventories keep their secrets encrypted with a demo vault password that is committed to
    the repository (C(inventories/sample/demo-vault-password.txt)). Anyone can read it, so anything encrypted with
    it is public; a district that copied the sample must not keep it.
  - When the vault secrets of the run include that password (they decrypt a marker encrypted with it) and an
    inventory source's C(group_vars/all) does not set C(district_demo_inventory=true), the run stops while the
    inventory loads, before any task, naming the inventory and what to do.
  - The sample and demo inventories set C(district_demo_inventory) in C(group_vars/all/demo.yml), and so do the
    lab's and the tests' copies of them. A copy made for real machines deletes that file.
  - Enabled in C(ansible.cfg) by C(vars_plugins_enabled); it adds no variable.
options:
  stage:
    description: When the check runs; once, after the inventory is parsed.
    default: inventory
    choices: [all, task, inventory]
    type: str
'''

import os

from ansible.errors import AnsibleError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.parsing.vault import VaultLib, VaultSecretsContext
from ansible.plugins.vars import BaseVarsPlugin

MARKER_VARIABLE = 'district_demo_inventory'
# 'district-standard demo vault', encrypted with the demo vault password.
DEMO_MARKER = b'''$ANSIBLE_VAULT;1.1;AES256
33326261373931653433663262373334613963333065633364333237383035376365303532323632
3633363931346165643631623861376264386638363963390a313136386635636264363937333737
63613836346261343334626363353539616632393239633739316266623664386433643930656465
6461383233346632650a653737366334613333323361356631353330383364383135313138626636
61383261653234643536653064643739626162343436303561306363636636653731
'''
DEMO_PLAINTEXT = b'district-standard demo vault'
REFUSAL = (
    "%s: this run has the demo vault password (inventories/sample/demo-vault-password.txt), which is public: "
    "anything encrypted with it can be read by anyone. It is only for the sample and demo inventories, whose "
    "group_vars/all/demo.yml sets %s: true. Make a vault password of your own, keep it out of the repository, "
    "re-encrypt this inventory's secrets with it (docs/security.md, 'Rotating the vault password') and run with "
    "--vault-password-file <your file> or --ask-vault-pass.")
_CHECKED = {}


def demo_password_loaded(secrets):
    """Whether one of SECRETS (the run's vault secrets, [(vault_id, secret)]) is the demo vault password."""
    for vault_id, secret in secrets or []:
        try:
            if VaultLib([(vault_id, secret)]).decrypt(DEMO_MARKER) == DEMO_PLAINTEXT:
                return True
        except AnsibleError:
            continue
    return False


def declared_demo(loader, folder):
    """Whether FOLDER's group_vars/all (file or folder, vault allowed) sets district_demo_inventory to true."""
    for path in loader.find_vars_files(os.path.join(folder, 'group_vars'), 'all') or []:
        data = loader.load_from_file(path, cache='all', unsafe=True, trusted_as_template=True) or {}
        if isinstance(data, dict) and boolean(data.get(MARKER_VARIABLE, False), strict=False):
            return True
    return False


def run_secrets():
    """The vault secrets of this run (those templating decrypts with)."""
    context = VaultSecretsContext.current(optional=True)
    return context.secrets if context else []


class VarsModule(BaseVarsPlugin):

    is_stateless = True

    def get_vars(self, loader, path, entities, cache=True):
        super(VarsModule, self).get_vars(loader, path, entities)
        secrets = run_secrets()
        key = (os.path.realpath(path), tuple(id(secret) for _vault_id, secret in secrets or []))
        if key not in _CHECKED:
            _CHECKED[key] = not demo_password_loaded(secrets) or declared_demo(loader, path)
        if not _CHECKED[key]:
            raise AnsibleError(REFUSAL % (path, MARKER_VARIABLE))
        return {}
