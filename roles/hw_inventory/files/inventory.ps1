# Read only: what this Windows computer says about itself, as one JSON text
# (read by the district.standard.hw_from_windows and sw_from_windows filters).
[CmdletBinding()]
param (
    [bool]$Software = $true
)

$ErrorActionPreference = 'Stop'
$Ansible.Changed = $false

function Get-Property {
    param ($Object, [string[]]$Name)
    $out = [ordered]@{}
    foreach ($n in $Name) {
        $out[$n] = if ($null -ne $Object) { $Object.$n } else { $null }
    }
    $out
}

$bios = Get-CimInstance -ClassName Win32_BIOS
$system = Get-CimInstance -ClassName Win32_ComputerSystem
$product = Get-CimInstance -ClassName Win32_ComputerSystemProduct
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$current = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -ErrorAction SilentlyContinue

$osInfo = Get-Property $os @('Caption', 'Version', 'BuildNumber', 'OSArchitecture')
$osInfo.DisplayVersion = $current.DisplayVersion
$osInfo.ReleaseId = $current.ReleaseId
$osInfo.UBR = $current.UBR

$disks = @(Get-CimInstance -ClassName Win32_DiskDrive | ForEach-Object {
    Get-Property $_ @('Index', 'Model', 'Size', 'MediaType', 'InterfaceType')
})
$adapters = @(Get-CimInstance -ClassName Win32_NetworkAdapter -Filter 'PhysicalAdapter = TRUE' |
    Where-Object { $_.MACAddress } | ForEach-Object {
        Get-Property $_ @('Name', 'Description', 'MACAddress', 'PhysicalAdapter', 'PNPDeviceID', 'NetConnectionID')
    })

$programs = @()
if ($Software) {
    $uninstall = 'Microsoft\Windows\CurrentVersion\Uninstall\*'
    $keys = @(
        @{ Path = "HKLM:\SOFTWARE\$uninstall"; Scope = 'machine-64' },
        @{ Path = "HKLM:\SOFTWARE\WOW6432Node\$uninstall"; Scope = 'machine-32' },
        @{ Path = "Registry::HKEY_USERS\*\Software\$uninstall"; Scope = 'user' },
        @{ Path = "Registry::HKEY_USERS\*\Software\WOW6432Node\$uninstall"; Scope = 'user' }
    )
    $programs = @(foreach ($key in $keys) {
        Get-ItemProperty -Path $key.Path -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName } | ForEach-Object {
            $program = Get-Property $_ @('DisplayName', 'DisplayVersion', 'Publisher', 'SystemComponent', 'ParentKeyName', 'ReleaseType')
            $program.Scope = $key.Scope
            $program
        }
    })
}

[ordered]@{
    bios = Get-Property $bios @('Manufacturer', 'SerialNumber', 'SMBIOSBIOSVersion')
    computer_system = Get-Property $system @('Manufacturer', 'Model', 'TotalPhysicalMemory', 'Domain', 'PartOfDomain')
    product = Get-Property $product @('Vendor', 'Name', 'Version', 'IdentifyingNumber')
    os = $osInfo
    disks = $disks
    adapters = $adapters
    programs = $programs
} | ConvertTo-Json -Depth 4 -Compress
