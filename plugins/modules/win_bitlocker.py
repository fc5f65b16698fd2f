# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The module is win_bitlocker.ps1 (PowerShell, Ansible.Basic); this file holds its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: win_bitlocker
short_description: BitLocker on one Windows volume, with the recovery password backed up before encryption
description:
  - Reads the BitLocker state of one volume (C(Get-BitLockerVolume)) and the TPM, and says whether the volume is
    protected and its recovery passwords are backed up (RV(status), RV(msg)).
  - Backs up every recovery password protector not backed up yet, to AD DS on a domain member
    (C(Backup-BitLockerKeyProtector)), to Entra ID on an Entra-joined computer (C(BackupToAAD-BitLockerKeyProtector));
    a workgroup computer's protectors are listed in RV(escrow_needed) until the controller holds them (O(escrowed)).
    A successful backup is recorded under C(HKLM\SOFTWARE\District\BitLocker\RecoveryBackup), so a failed one is
    retried on the next run, whatever the volume's state.
  - With O(encrypt=true), adds a recovery password protector when there is none, and only when every recovery
    password is backed up turns BitLocker on (TPM protector, used space) or, on an encrypted volume with protection
    off (suspended, or automatic device encryption waiting for activation) adds the TPM protector and resumes it.
  - The recovery password is never returned, and the warning in which C(Add-BitLockerKeyProtector) prints it is
    suppressed (C(-WarningAction SilentlyContinue)). Use C(no_log) on the task that reads it for escrow.
  - Supports check mode (RV(actions) lists what would be done) and diff.
options:
  mount_point:
    description: The volume.
    type: str
    default: 'C:'
  encrypt:
    description: Turn BitLocker on (or resume it) once the recovery password is backed up. V(false) reports and backs up only.
    type: bool
    default: false
  encryption_method:
    description: The encryption method when BitLocker is turned on.
    type: str
    choices: [Aes128, Aes256, XtsAes128, XtsAes256]
    default: XtsAes256
  backup:
    description:
      - Where recovery passwords are backed up. V(auto) is V(ad) on a domain member, V(entra) on an Entra-joined
        computer, V(escrow) otherwise (the controller keeps them; see O(escrowed)).
    type: str
    choices: [ad, auto, entra, escrow]
    default: auto
  escrowed:
    description: Recovery protector IDs the controller holds in its escrow (recorded as backed up).
    type: list
    elements: str
notes:
  - Windows Home has no BitLocker cmdlets; the module then reports RV(status=needs-edition) and changes nothing.
  - AD DS backup needs the recovery policy of the FVE key (C(OSActiveDirectoryBackup)), set by the role first.
author: district-standard contributors (@district-standard)
attributes:
  check_mode:
    support: full
    description: Reports what it would do, without doing it.
  diff_mode:
    support: full
    description: The volume's state before and after.
  platform:
    support: full
    platforms: windows
    description: Windows only.
'''

EXAMPLES = r'''
- name: WIN-BL-02 | BitLocker on C, recovery password backed up first
  district.standard.win_bitlocker:
    encrypt: true
  register: bitlocker

- name: Report it
  district.standard.control_status:
    status: "{{ bitlocker.status if bitlocker.status in ['compliant', 'drift', 'needs-edition'] else 'drift' }}"
    msg: "{{ bitlocker.msg }}"
'''

RETURN = r'''
status:
  description: V(compliant) (protected, every recovery password backed up), V(drift) or V(needs-edition).
  returned: always
  type: str
  sample: drift
msg:
  description: What is missing, or that the volume is protected.
  returned: always
  type: str
  sample: 'C: protection is Off (FullyDecrypted)'
backup:
  description: Where recovery passwords go (V(ad), V(entra) or V(escrow)).
  returned: when BitLocker is available
  type: str
volume:
  description: The volume after the run (in check mode, before).
  returned: when BitLocker is available
  type: dict
  sample: {mount_point: 'C:', volume_status: FullyEncrypted, protection_status: 'On', encryption_percentage: 100,
           encryption_method: XtsAes256, key_protectors: [Tpm, RecoveryPassword], recovery_ids: ['{6C6A0D71-...}']}
recovery_protectors:
  description: Each recovery password protector, whether it is backed up and where.
  returned: when BitLocker is available
  type: list
  elements: dict
escrow_needed:
  description: Recovery protector IDs not backed up anywhere yet (workgroup computers, until escrowed).
  returned: when BitLocker is available
  type: list
  elements: str
automatic_device_encryption:
  description: The volume is encrypted with a clear key and no protector (Windows automatic device encryption, waiting for activation).
  returned: when BitLocker is available
  type: bool
tpm_ready:
  description: Whether a TPM is present and ready.
  returned: when BitLocker is available
  type: bool
actions:
  description: What was done (in check mode, what would be).
  returned: when BitLocker is available
  type: list
  elements: str
'''
