# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the project's macOS modules (district.standard.macos_*) share: they run on the Mac, as root, with the
python3 of Apple's Command Line Tools; each module adds its own check_mode attribute."""

from __future__ import annotations


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
notes:
  - Runs on the Mac as root (C(become)), with the python3 of Apple's Command Line Tools (3.9); until those are
    installed C(/usr/bin/python3) is only a stub and no module runs.
  - Output of a macOS tool that the module does not recognise fails the task with the line met; a role registers
    the result and ignores the error, so it is an error of that one control.
attributes:
  diff_mode:
    support: none
    description: No diff; the result says what changed.
  platform:
    support: full
    platforms: darwin
    description: macOS 13 to 15.
'''
