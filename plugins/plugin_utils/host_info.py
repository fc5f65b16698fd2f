# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the reports say of an inventory host: its school, room and asset tag from the asset sheet."""

from __future__ import annotations

HOST_INFO = (('school', 'asset_school'), ('room', 'asset_room'), ('asset_tag', 'asset_tag'))


def host_info(host):
    """{school, room, asset_tag} of an inventory host (its asset sheet variables), for the reports."""
    return dict((key, str(host.vars.get(var) or '')) for key, var in HOST_INFO)
