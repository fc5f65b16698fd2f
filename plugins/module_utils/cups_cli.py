# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running the CUPS command-line tools for a module (cups_printer, cups_printer_info): the same on Linux and
macOS. The parsing of their outputs is in cups.py."""

from __future__ import annotations

import os

from ansible_collections.district.standard.plugins.module_utils.cups import (
    find_queue, mask_userinfo, parse_lpoptions, parse_lpoptions_l, parse_lpstat_a, parse_lpstat_d,
    parse_lpstat_l_p, parse_lpstat_v, queue_settings)

SBIN = ['/usr/sbin', '/usr/local/sbin']


def masked(commands):
    """COMMANDS (a command or a list of them) with URI passwords masked."""
    return [masked(c) if isinstance(c, list) else mask_userinfo(c) for c in commands]


class Cups(object):
    """Runs the CUPS tools for a module, in the C locale; a failed tool fails the module with its message."""

    def __init__(self, module):
        self.module = module
        self.paths = {}
        self.done = []
        for var in ('LPDEST', 'PRINTER'):  # they would change what lpstat -d reports
            os.environ.pop(var, None)

    def run(self, argv, check_rc=True):
        tool = argv[0]
        if tool not in self.paths:
            self.paths[tool] = self.module.get_bin_path(tool, required=True, opt_dirs=SBIN)
        rc, out, err = self.module.run_command([self.paths[tool]] + argv[1:],
                                               environ_update={'LC_ALL': 'C', 'LANG': 'C'})
        if check_rc and rc != 0:
            msg = '%s failed (rc=%d): %s' % (' '.join(argv), rc, (err or out).strip())
            self.module.fail_json(msg=mask_userinfo(msg), rc=rc, stdout=mask_userinfo(out), stderr=mask_userinfo(err),
                                  cmd=masked(argv), commands=masked(self.done))
        return rc, out, err

    def queues(self):
        """{queue name: device URI} of every queue (lpstat -v); {} when there is none."""
        rc, out, err = self.run(['lpstat', '-v'], check_rc=False)
        if rc != 0 and 'No destinations added' not in err:
            self.module.fail_json(msg='lpstat -v failed (rc=%d): %s' % (rc, (err or out).strip()),
                                  hint='Is cupsd running?')
        return parse_lpstat_v(out)

    def read(self, name, want_ppd_options):
        """(settings or None, PPD options or None) of the queue called NAME."""
        queues = self.queues()
        qname = find_queue(name, queues)
        if qname is None:
            return None, None
        printer = parse_lpstat_l_p(self.run(['lpstat', '-l', '-p', qname])[1]).get(qname)
        accepting = parse_lpstat_a(self.run(['lpstat', '-a', qname])[1]).get(qname)
        default = parse_lpstat_d(self.run(['lpstat', '-d'])[1])
        lpoptions = parse_lpoptions(self.run(['lpoptions', '-p', qname])[1])
        settings = queue_settings(qname, queues[qname], printer, accepting, default, lpoptions)
        ppd_options = None
        if want_ppd_options and printer and printer.get('interface'):
            ppd_options = parse_lpoptions_l(self.run(['lpoptions', '-p', qname, '-l'], check_rc=False)[1])
        return settings, ppd_options

    def read_all(self):
        """The settings of every queue, sorted by name: lpstat once for all, then lpoptions -p per queue."""
        queues = self.queues()
        if not queues:
            return []
        printers = parse_lpstat_l_p(self.run(['lpstat', '-l', '-p'])[1])
        accepting = parse_lpstat_a(self.run(['lpstat', '-a'])[1])
        default = parse_lpstat_d(self.run(['lpstat', '-d'])[1])
        return [queue_settings(name, queues[name], printers.get(name), accepting.get(name), default,
                               parse_lpoptions(self.run(['lpoptions', '-p', name])[1]))
                for name in sorted(queues)]
