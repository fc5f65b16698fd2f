# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: jsonfile
short_description: JSON files, one per host, readable by their owner only
description:
  - Ansible's C(ansible.builtin.jsonfile) cache (same options, same files), except that the cache folder is made
    0700 and every file 0600 whatever the umask, where Ansible's makes its files 0644. Facts and the inventory
    cache hold the asset sheet's columns, among them who each device is assigned to.
  - Used in ansible.cfg for facts (C(fact_caching)) and for the inventory cache (C([inventory] cache_plugin)).
  - A folder that already exists keeps its mode; its files become 0600 as they are written again.
author: district-standard contributors (@district-standard)
options:
  _uri:
    required: true
    description: The folder of the JSON files.
    env: [{name: ANSIBLE_CACHE_PLUGIN_CONNECTION}]
    ini: [{key: fact_caching_connection, section: defaults}]
    type: path
  _prefix:
    description: A prefix of the file names.
    env: [{name: ANSIBLE_CACHE_PLUGIN_PREFIX}]
    ini: [{key: fact_caching_prefix, section: defaults}]
  _timeout:
    default: 86400
    description: Seconds before an entry expires.
    env: [{name: ANSIBLE_CACHE_PLUGIN_TIMEOUT}]
    ini: [{key: fact_caching_timeout, section: defaults}]
    type: integer
'''

EXAMPLES = r'''
# ansible.cfg
# [defaults]
# fact_caching = district.standard.jsonfile
# fact_caching_connection = .cache/facts
# [inventory]
# cache_plugin = district.standard.jsonfile
# cache_connection = .cache/inventory
'''

import os

from ansible.errors import AnsibleError
from ansible.plugins.cache.jsonfile import CacheModule as JsonFileCache
from ansible_collections.district.standard.plugins.plugin_utils.private_files import FILE_MODE, private_dir


class CacheModule(JsonFileCache):
    """ansible.builtin.jsonfile with a 0700 folder and 0600 files."""

    def validate_cache_connection(self):
        if self._cache_dir and not os.path.exists(self._cache_dir):
            try:
                private_dir(self._cache_dir)
            except OSError as ex:
                raise AnsibleError('Error in %r cache plugin while trying to create cache dir %r.' % (
                    self.plugin_name, self._cache_dir)) from ex
        super(CacheModule, self).validate_cache_connection()

    def set(self, key, value):
        """As jsonfile (a 0600 temporary file renamed into place), then the file back to 0600: jsonfile
        makes it 0644 after the rename."""
        super(CacheModule, self).set(key, value)
        try:
            os.chmod(self._get_cache_file_name(key), FILE_MODE)
        except OSError:  # jsonfile has already warned that the file could not be written
            pass
