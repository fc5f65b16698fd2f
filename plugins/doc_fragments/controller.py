# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes shared by the project's action plugins that run only on the controller (run_mode, warn,
asset_reconcile); each module adds its own check_mode attribute."""

from __future__ import annotations


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
attributes:
  diff_mode:
    support: none
    description: No diff.
  platform:
    support: full
    platforms: all
    description: Runs on the controller; never connects to the host.
'''
