#!powershell

# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic

# BitLocker on one volume, key backup first: a recovery password protector, its backup (AD DS, Entra ID, or the
# controller's escrow), and only then encryption or the end of a suspension. The recovery password itself is never
# returned or written to the output. Documentation: win_bitlocker.py.

$spec = @{
    options = @{
        mount_point = @{ type = 'str'; default = 'C:' }
        encrypt = @{ type = 'bool'; default = $false }
        encryption_method = @{ type = 'str'; default = 'XtsAes256'; choices = 'Aes128', 'Aes256', 'XtsAes128', 'XtsAes256' }
        backup = @{ type = 'str'; default = 'auto'; choices = 'ad', 'auto', 'entra', 'escrow' }
        escrowed = @{ type = 'list'; elements = 'str' }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec)
$mountPoint = $module.Params.mount_point
$check = $module.CheckMode
$module.Result.changed = $false
$actions = [System.Collections.Generic.List[string]]@()
$problems = [System.Collections.Generic.List[string]]@()
$markerKey = 'HKLM:\SOFTWARE\District\BitLocker\RecoveryBackup'

Function Invoke-Step {
    param([string]$Description, [scriptblock]$Action)
    $actions.Add($Description)
    $module.Result.changed = $true
    if (-not $check) {
        try { &$Action }
        catch { $module.FailJson("win_bitlocker ${mountPoint}: $Description failed: $($_.Exception.Message)", $_) }
    }
}

Function Get-Volume {
    $volume = Get-BitLockerVolume -MountPoint $mountPoint
    @{
        mount_point = [string]$volume.MountPoint
        volume_status = [string]$volume.VolumeStatus
        protection_status = [string]$volume.ProtectionStatus
        encryption_percentage = [int]$volume.EncryptionPercentage
        encryption_method = [string]$volume.EncryptionMethod
        key_protectors = @($volume.KeyProtector | ForEach-Object { [string]$_.KeyProtectorType })
        recovery_ids = @($volume.KeyProtector | Where-Object { [string]$_.KeyProtectorType -eq 'RecoveryPassword' } |
            ForEach-Object { [string]$_.KeyProtectorId })
    }
}

if (-not (Get-Command -Name Get-BitLockerVolume -ErrorAction SilentlyContinue)) {
    $module.Result.status = 'needs-edition'
    $module.Result.control_status = 'needs-edition'
    $module.Result.msg = 'No BitLocker on this edition (Windows Home has only device encryption): Pro, Education or Enterprise is needed.'
    $module.ExitJson()
}

$computer = Get-CimInstance -ClassName Win32_ComputerSystem
$backup = $module.Params.backup
if ($backup -eq 'auto') {
    if ($computer.PartOfDomain) { $backup = 'ad' }
    elseif (Test-Path -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\CloudDomainJoin\JoinInfo') { $backup = 'entra' }
    else { $backup = 'escrow' }
}
$module.Result.backup = $backup
$tpm = Get-Tpm
$module.Result.tpm_ready = [bool]($tpm.TpmPresent -and $tpm.TpmReady)
$before = Get-Volume
$module.Diff.before = $before
# Automatic device encryption (Windows 11 on modern hardware) encrypts with a clear key and no protector:
# the disk is encrypted but anyone can read it until a protector is added ("waiting for activation").
$module.Result.automatic_device_encryption = $before.volume_status -ne 'FullyDecrypted' -and
    $before.protection_status -eq 'Off' -and $before.key_protectors.Count -eq 0

if ($module.Params.encrypt -and $before.recovery_ids.Count -eq 0) {
    Invoke-Step -Description 'add a recovery password protector' -Action {
        # The cmdlet prints the new recovery password as a warning: never let it reach the output.
        $null = Add-BitLockerKeyProtector -MountPoint $mountPoint -RecoveryPasswordProtector -WarningAction SilentlyContinue 3>$null
    }
}
$volume = if ($check) { $before } else { Get-Volume }

$recovery = @(foreach ($id in $volume.recovery_ids) {
    $marker = (Get-ItemProperty -LiteralPath $markerKey -Name $id -ErrorAction SilentlyContinue).$id
    $entry = @{ id = $id; backed_up = [bool]$marker; where = [string]$marker }
    if (-not $entry.backed_up) {
        $record = { $null = New-Item -Path $markerKey -Force; Set-ItemProperty -LiteralPath $markerKey -Name $id -Value "$backup $(Get-Date -Format s)" }
        if ($backup -eq 'ad') {
            Invoke-Step -Description "back up recovery password $id to AD DS" -Action {
                $null = Backup-BitLockerKeyProtector -MountPoint $mountPoint -KeyProtectorId $id -WarningAction SilentlyContinue 3>$null
                & $record
            }
            $entry.backed_up = $true; $entry.where = 'ad'
        }
        elseif ($backup -eq 'entra') {
            Invoke-Step -Description "back up recovery password $id to Entra ID" -Action {
                $null = BackupToAAD-BitLockerKeyProtector -MountPoint $mountPoint -KeyProtectorId $id -WarningAction SilentlyContinue 3>$null
                & $record
            }
            $entry.backed_up = $true; $entry.where = 'entra'
        }
        elseif ($module.Params.escrowed -contains $id) {
            Invoke-Step -Description "record recovery password $id as escrowed on the controller" -Action { & $record }
            $entry.backed_up = $true; $entry.where = 'escrow'
        }
    }
    $entry
})
$module.Result.recovery_protectors = $recovery
$module.Result.escrow_needed = @($recovery | Where-Object { -not $_.backed_up } | ForEach-Object { $_.id })
$allBackedUp = $module.Result.escrow_needed.Count -eq 0 -and ($recovery.Count -gt 0 -or ($check -and $actions.Count -gt 0))

if ($module.Params.encrypt) {
    if (-not $module.Result.tpm_ready) {
        $problems.Add('no ready TPM: turn the TPM on in the firmware first')
    }
    elseif (-not $allBackedUp) {
        $problems.Add('not encrypted further until the recovery password is backed up (escrow it first)')
    }
    elseif ($volume.volume_status -eq 'FullyDecrypted') {
        Invoke-Step -Description "turn on BitLocker ($($module.Params.encryption_method), TPM)" -Action {
            $null = Enable-BitLocker -MountPoint $mountPoint -EncryptionMethod $module.Params.encryption_method -UsedSpaceOnly `
                -TpmProtector -SkipHardwareTest -WarningAction SilentlyContinue 3>$null
        }
    }
    elseif ($volume.protection_status -eq 'Off') {
        if ($volume.key_protectors -notcontains 'Tpm') {
            Invoke-Step -Description 'add the TPM protector (activates automatic device encryption)' -Action {
                $null = Add-BitLockerKeyProtector -MountPoint $mountPoint -TpmProtector -WarningAction SilentlyContinue 3>$null
            }
        }
        Invoke-Step -Description 'resume BitLocker protection' -Action { $null = Resume-BitLocker -MountPoint $mountPoint }
    }
}

$after = if ($check) { $before } else { Get-Volume }
$module.Diff.after = $after
$module.Result.volume = $after
$module.Result.actions = @($actions)
$protected = $after.protection_status -eq 'On' -or ($check -and $actions -match '^(turn on|resume)')
if ($module.Result.automatic_device_encryption -and -not $module.Params.encrypt) {
    $problems.Add('automatic device encryption with protection off (waiting for activation): the disk key is not protected')
}
elseif (-not $protected) {
    $problems.Add("protection is $($after.protection_status) ($($after.volume_status))")
}
if ($recovery.Count -eq 0 -and -not ($check -and $actions.Count -gt 0)) { $problems.Add('no recovery password protector') }
if ($module.Result.escrow_needed.Count -gt 0) {
    $problems.Add("recovery password(s) $($module.Result.escrow_needed -join ', ') not backed up ($backup)")
}
$module.Result.status = if ($problems.Count -eq 0) { 'compliant' } else { 'drift' }
$module.Result.msg = if ($problems.Count -eq 0) { "$mountPoint protected, recovery password backed up ($backup)" } else { "${mountPoint}: $($problems -join '; ')" }
$module.ExitJson()
