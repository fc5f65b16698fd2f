# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The commands that make SSH on a Mac open to one dedicated group: macOS lets in only the members of
com.apple.access_ssh (users, or groups nested in it) when that group exists. Nesting `admin` there would let every
local administrator in; the district nests its own group instead and keeps the members it names. Pure functions
over what dscl -plist read (module_utils/macos_system.py), used by district.standard.macos_remote_login."""

from __future__ import annotations

SSH_GROUP = 'com.apple.access_ssh'
DSEDITGROUP = '/usr/sbin/dseditgroup'
DSCL = '/usr/bin/dscl'


def _one(attrs, key):
    values = (attrs or {}).get(key) or []
    return values[0] if values else None


def access_plan(access, group, own_guid, members, login_user):
    """The argvs (dseditgroup, dscl) that give SSH to the members of GROUP only.

    ACCESS: dscl attributes of com.apple.access_ssh (None when it does not exist: every account may log in);
    GROUP: (name, dscl attributes, or None when it does not exist); OWN_GUID: its GeneratedUID (None when it does
    not exist yet); MEMBERS: the accounts GROUP must hold; LOGIN_USER: the account this run logs in with, always
    kept in GROUP and never taken out of com.apple.access_ssh, so the run keeps its way in.

    The order never locks anyone out half way: the group and its members first, then it is nested in
    com.apple.access_ssh, and only then are the other nested groups (admin: every administrator) and the direct
    members taken out."""
    name, attrs = group
    login = login_user if login_user and login_user != 'root' else None
    wanted = sorted(set(members) | set([login] if login else []))
    out = []
    if attrs is None:
        out.append([DSEDITGROUP, '-o', 'create', '-r', 'District SSH access', name])
    have = set((attrs or {}).get('GroupMembership') or [])
    out += [[DSEDITGROUP, '-o', 'edit', '-a', user, '-t', 'user', name] for user in wanted if user not in have]
    out += [[DSEDITGROUP, '-o', 'edit', '-d', user, '-t', 'user', name] for user in sorted(have - set(wanted))]
    if access is None:
        out.append([DSEDITGROUP, '-o', 'create', '-r', 'Remote Login ACL', SSH_GROUP])
    nested = set((access or {}).get('NestedGroups') or [])
    if own_guid is None or own_guid not in nested:
        out.append([DSEDITGROUP, '-o', 'edit', '-a', name, '-t', 'group', SSH_GROUP])
    for guid in sorted(nested - set([own_guid])):
        out.append([DSCL, '.', '-delete', '/Groups/' + SSH_GROUP, 'NestedGroups', guid])
    for user in sorted(set((access or {}).get('GroupMembership') or []) - set([login])):
        out.append([DSEDITGROUP, '-o', 'edit', '-d', user, '-t', 'user', SSH_GROUP])
    return out


def is_sshd_disabled(disabled):
    """From parse_launchctl_disabled: True when com.openssh.sshd is disabled. macOS ships it disabled (the
    Disabled key of /System/Library/LaunchDaemons/ssh.plist), so a Mac that never had Remote Login on may not
    list it at all."""
    return disabled.get('com.openssh.sshd', True)


def generated_uid(attrs):
    return _one(attrs, 'GeneratedUID')
