# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: macos_pkg
short_description: Install a district installer package when its receipt is missing or older than wanted
description:
  - Reads the package's receipt (C(pkgutil --pkg-info-plist RECEIPT)). When there is none, or its version is older
    than O(version), the package is checked against O(checksum) and installed (C(installer -pkg FILE -target /));
    the receipt is read again to confirm the version.
  - The package comes from O(url) (downloaded over HTTPS to a temporary file) or O(path) on the Mac. Over SSH a file
    on a mounted network share is readable only when the SSH server has Full Disk Access (a PPPC profile from the
    MDM for C(/usr/libexec/sshd-keygen-wrapper)); the module says so when it cannot read such a file. A O(url) on
    the district's web server needs none.
options:
  name:
    description: Name shown in messages.
    type: str
    required: true
  receipt:
    description: The package id, as C(pkgutil --pkgs) lists it once installed.
    type: str
    required: true
  version:
    description: The lowest version that counts as installed (the receipt's C(pkg-version)); any version when not given.
    type: str
  path:
    description: The package file on the Mac (or a share it has mounted).
    type: path
  url:
    description: Where to download the package (C(https://) only).
    type: str
  checksum:
    description: C(sha256:<hex>) of the package file; a package that does not match is never installed.
    type: str
    required: true
  validate_certs:
    description: Check the web server's certificate.
    type: bool
    default: true
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reads the receipt and checks that the file can be reached; installs nothing.
extends_documentation_fragment:
  - district.standard.macos
'''

EXAMPLES = r'''
- name: MAC-SW-01 | Install the district packages that are missing or older than the standard
  district.standard.macos_pkg:
    name: Lab printer drivers
    receipt: org.district.pkg.printer-drivers
    version: "2.4"
    url: https://packages.district.example.org/macos/printer-drivers-2.4.pkg
    checksum: sha256:9f2c6d0e3c9b5d0b6f1a7e4e8d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0
'''

RETURN = r'''
before:
  description: The receipt's version before the run (null when none).
  returned: always
  type: str
version:
  description: The receipt's version after the run (in check mode, before it).
  returned: always
  type: str
'''

import errno
import hashlib
import os
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.urls import fetch_url
from ansible_collections.district.standard.plugins.module_utils.macos_system import parse_pkg_info, version_at_least

FDA_HINT = ('over SSH, a file on a network volume needs Full Disk Access for /usr/libexec/sshd-keygen-wrapper '
            '(a PPPC profile from the MDM); or give the package a url on the district web server')


def receipt_version(module, receipt):
    rc, out, err = module.run_command(['/usr/sbin/pkgutil', '--pkg-info-plist', receipt],
                                      environ_update={'LC_ALL': 'C'})
    if rc != 0:
        if 'No receipt' in out + err:
            return None
        module.fail_json(msg='pkgutil --pkg-info-plist %s failed (%d): %s' % (receipt, rc, (err or out).strip()))
    try:
        return parse_pkg_info(out)['version']
    except ValueError as exc:
        module.fail_json(msg=to_text(exc))


def sha256_of(module, path):
    digest = hashlib.sha256()
    try:
        with open(path, 'rb') as handle:
            for block in iter(lambda: handle.read(1 << 20), b''):
                digest.update(block)
    except (IOError, OSError) as exc:
        hint = FDA_HINT if exc.errno in (errno.EPERM, errno.EACCES) else ''
        module.fail_json(msg='cannot read %s: %s%s' % (path, to_text(exc), ' (%s)' % hint if hint else ''))
    return digest.hexdigest()


def download(module, url):
    response, info = fetch_url(module, url, timeout=600)
    if info.get('status') != 200 or response is None:
        module.fail_json(msg='download of %s failed: %s %s' % (url, info.get('status'), info.get('msg')))
    handle, path = tempfile.mkstemp(suffix='.pkg')
    with os.fdopen(handle, 'wb') as out:
        for block in iter(lambda: response.read(1 << 20), b''):
            out.write(block)
    return path


def main():
    module = AnsibleModule(argument_spec=dict(
        name=dict(type='str', required=True), receipt=dict(type='str', required=True), version=dict(type='str'),
        path=dict(type='path'), url=dict(type='str'), checksum=dict(type='str', required=True, no_log=False),
        validate_certs=dict(type='bool', default=True)),
        required_one_of=[('path', 'url')], mutually_exclusive=[('path', 'url')], supports_check_mode=True)
    p = module.params
    algo, _colon, wanted_sum = p['checksum'].partition(':')
    if algo != 'sha256' or len(wanted_sum) != 64:
        module.fail_json(msg='checksum of %s must be sha256:<64 hex digits>' % p['name'])
    if p['url'] and not p['url'].startswith('https://'):
        module.fail_json(msg='url of %s must be https://' % p['name'])
    before = receipt_version(module, p['receipt'])
    if before is not None and (not p['version'] or version_at_least(before, p['version'])):
        module.exit_json(changed=False, before=before, version=before)
    if module.check_mode:
        if p['path']:
            try:  # TCC refuses at open, not in access(): open it
                with open(p['path'], 'rb') as handle:
                    handle.read(1)
            except (IOError, OSError) as exc:
                module.fail_json(msg='cannot read %s: %s (%s)' % (p['path'], to_text(exc), FDA_HINT))
        module.exit_json(changed=True, before=before, version=before)
    path = download(module, p['url']) if p['url'] else p['path']
    try:
        found = sha256_of(module, path)
        if found != wanted_sum.lower():
            module.fail_json(msg='%s: checksum sha256:%s, not the %s the standard names: not installed'
                                 % (p['name'], found, p['checksum']))
        rc, out, err = module.run_command(['/usr/sbin/installer', '-pkg', path, '-target', '/'],
                                          environ_update={'LC_ALL': 'C'})
        if rc != 0:
            module.fail_json(msg='installer -pkg %s failed (%d): %s' % (p['name'], rc, (err or out).strip()[-500:]))
    finally:
        if p['url'] and os.path.exists(path):
            os.remove(path)
    after = receipt_version(module, p['receipt'])
    if after is None or (p['version'] and not version_at_least(after, p['version'])):
        module.fail_json(msg='%s installed, but the receipt %s says %s, not %s or later' % (
            p['name'], p['receipt'], after, p['version']))
    module.exit_json(changed=True, before=before, version=after)


if __name__ == '__main__':
    main()
