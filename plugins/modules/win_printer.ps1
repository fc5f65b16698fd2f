#!powershell

# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic

# One Windows print queue on a Standard TCP/IP port (raw 9100 or LPR): the port, the driver (installed,
# or added from an INF of the district share), the queue, sharing, location and comment, and the default
# printer of the account running the module. Documentation: win_printer.py.

$spec = @{
    options = @{
        name = @{ type = 'str'; required = $true }
        state = @{ type = 'str'; default = 'present'; choices = 'absent', 'present' }
        address = @{ type = 'str' }
        port_name = @{ type = 'str' }
        port_number = @{ type = 'int'; default = 9100 }
        protocol = @{ type = 'str'; default = 'raw'; choices = 'lpr', 'raw' }
        lpr_queue = @{ type = 'str' }
        snmp = @{ type = 'bool'; default = $false }
        driver = @{ type = 'str' }
        driver_path = @{ type = 'path' }
        shared = @{ type = 'bool' }
        share_name = @{ type = 'str' }
        location = @{ type = 'str' }
        comment = @{ type = 'str' }
        default = @{ type = 'bool'; default = $false }
    }
    required_if = @(
        , @('protocol', 'lpr', @('lpr_queue'))
    )
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec)
$name = $module.Params.name
$check = $module.CheckMode
$module.Result.changed = $false
$module.Result.commands = [System.Collections.Generic.List[string]]@()
$module.Result.restart_required = $false
# pnputil /add-driver /install: 0 done, 259 (ERROR_NO_MORE_ITEMS) added to the driver store but no device matched
# it (every network printer), 3010 (ERROR_SUCCESS_REBOOT_REQUIRED) done, restart needed.
$pnputilSuccess = @(0, 259, 3010)

# A stopped Print Spooler (a common PrintNightmare mitigation) makes every PrintManagement cmdlet fail: say so.
$spooler = Get-Service -Name Spooler -ErrorAction SilentlyContinue
if ($null -eq $spooler -or $spooler.Status -ne 'Running') {
    $state = if ($spooler) { "$($spooler.Status) (start type $($spooler.StartType))" } else { 'not installed' }
    $module.FailJson("win_printer ${name}: the Print Spooler service is $state; Windows print queues need it running. " +
        "If it was stopped on purpose (PrintNightmare mitigation), start it on computers that print, or waive the printer controls.")
}

# The PrintManagement Get-* cmdlets: $null when the object does not exist, any other error is raised.
Function Get-OrNull {
    param([scriptblock]$Query)
    try { & $Query }
    catch {
        if ($_.CategoryInfo.Category -eq 'ObjectNotFound') { return $null }
        throw
    }
}

Function Get-QueueState {
    param([string]$Name)
    $printer = Get-OrNull { Get-Printer -Name $Name -ErrorAction Stop }
    if ($null -eq $printer) { return $null }
    $cim = Get-CimInstance -ClassName Win32_Printer -Filter ("Name='{0}'" -f $Name.Replace("'", "\'"))
    $port = Get-CimInstance -ClassName Win32_TCPIPPrinterPort -Filter ("Name='{0}'" -f $printer.PortName.Replace("'", "\'"))
    @{
        name = $printer.Name
        port_name = $printer.PortName
        address = if ($port) { $port.HostAddress } else { $null }
        port_number = if ($port) { [int]$port.PortNumber } else { $null }
        protocol = if ($port -and $port.Protocol -eq 2) { 'lpr' } elseif ($port) { 'raw' } else { $null }
        lpr_queue = if ($port -and $port.Protocol -eq 2) { $port.Queue } else { $null }
        snmp = if ($port) { [bool]$port.SNMPEnabled } else { $null }
        driver = $printer.DriverName
        shared = [bool]$printer.Shared
        share_name = $printer.ShareName
        location = $printer.Location
        comment = $printer.Comment
        default = [bool]($cim -and $cim.Default)
        state = 'present'
    }
}

Function Invoke-Change {
    param([string]$Description, [scriptblock]$Action)
    $module.Result.commands.Add($Description)
    $module.Result.changed = $true
    if (-not $check) {
        try {
            &$Action
        }
        catch {
            $module.FailJson("win_printer ${name}: $Description failed: $($_.Exception.Message)", $_)
        }
    }
}

$before = Get-QueueState -Name $name
$module.Diff.before = if ($before) { $before } else { @{ state = 'absent' } }

if ($module.Params.state -eq 'absent') {
    if ($before) {
        Invoke-Change -Description "Remove-Printer -Name $name" -Action { Remove-Printer -Name $name }
    }
    $module.Diff.after = @{ state = 'absent' }
    $module.Result.printer = $null
    $module.ExitJson()
}

# The port: a Standard TCP/IP port (raw or LPR) named IP_<address> unless port_name says otherwise.
$address = $module.Params.address
$portName = $module.Params.port_name
if (-not $portName) {
    if ($address) { $portName = "IP_$address" }
    elseif ($before) { $portName = $before.port_name }
    else { $module.FailJson("win_printer ${name}: address (or port_name of an existing port) is needed to create the queue") }
}
$lpr = $module.Params.protocol -eq 'lpr'
if ($address) {
    $port = Get-CimInstance -ClassName Win32_TCPIPPrinterPort -Filter ("Name='{0}'" -f $portName.Replace("'", "\'"))
    if ($null -eq $port) {
        Invoke-Change -Description "Add-PrinterPort -Name $portName -PrinterHostAddress $address" -Action {
            if ($lpr) {
                Add-PrinterPort -Name $portName -LprHostAddress $address -LprQueueName $module.Params.lpr_queue
            }
            else {
                Add-PrinterPort -Name $portName -PrinterHostAddress $address -PortNumber $module.Params.port_number
            }
        }
    }
    else {
        $want = @{
            HostAddress = $address
            Protocol = if ($lpr) { [uint32]2 } else { [uint32]1 }
            SNMPEnabled = [bool]$module.Params.snmp
        }
        if ($lpr) { $want.Queue = $module.Params.lpr_queue } else { $want.PortNumber = [uint32]$module.Params.port_number }
        $differs = @($want.Keys | Where-Object { "$($port.$_)" -ne "$($want[$_])" })
        if ($differs.Count -gt 0) {
            Invoke-Change -Description "Set-CimInstance Win32_TCPIPPrinterPort $portName ($($differs -join ', '))" -Action {
                Set-CimInstance -InputObject $port -Property $want
            }
        }
    }
}
elseif (-not (Get-OrNull { Get-PrinterPort -Name $portName -ErrorAction Stop })) {
    $module.FailJson("win_printer ${name}: port $portName does not exist; give address to create it")
}

# The driver: installed already, or added from an INF (a district share) into the driver store first.
$driver = $module.Params.driver
if (-not $driver) {
    if ($before) { $driver = $before.driver }
    else { $module.FailJson("win_printer ${name}: driver is needed to create the queue") }
}
if (-not (Get-OrNull { Get-PrinterDriver -Name $driver -ErrorAction Stop })) {
    $infPath = $module.Params.driver_path
    if ($infPath -and -not (Test-Path -LiteralPath $infPath)) {
        $module.FailJson("win_printer ${name}: driver_path $infPath cannot be read from this computer")
    }
    Invoke-Change -Description "Add-PrinterDriver -Name $driver" -Action {
        if ($infPath) {
            $out = & pnputil.exe /add-driver $infPath /install 2>&1
            if ($pnputilSuccess -notcontains $LASTEXITCODE) { throw "pnputil /add-driver $infPath exited $LASTEXITCODE`: $out" }
            if ($LASTEXITCODE -eq 3010) { $module.Result.restart_required = $true }
        }
        Add-PrinterDriver -Name $driver
    }
}

# The queue.
$settings = @{}
foreach ($key in 'location', 'comment', 'shared', 'share_name') {
    if ($null -ne $module.Params.$key) { $settings[$key] = $module.Params.$key }
}
$parameters = @{ location = 'Location'; comment = 'Comment'; shared = 'Shared'; share_name = 'ShareName' }
if ($null -eq $before) {
    $add = @{ Name = $name; DriverName = $driver; PortName = $portName }
    foreach ($key in $settings.Keys) { $add[$parameters[$key]] = $settings[$key] }
    Invoke-Change -Description "Add-Printer -Name $name -DriverName $driver -PortName $portName" -Action {
        Add-Printer @add
    }
}
else {
    $set = @{}
    if ($before.driver -ne $driver) { $set.DriverName = $driver }
    if ($before.port_name -ne $portName) { $set.PortName = $portName }
    foreach ($key in $settings.Keys) {
        if ("$($before[$key])" -ne "$($settings[$key])") { $set[$parameters[$key]] = $settings[$key] }
    }
    if ($set.Count -gt 0) {
        Invoke-Change -Description "Set-Printer -Name $name ($(@($set.Keys | Sort-Object) -join ', '))" -Action {
            Set-Printer -Name $name @set
        }
    }
}

# The default printer of the account running the module (Windows keeps one per user): Windows must not pick it
# itself. For every user of the computer, see the printers role (a logon task).
if ($module.Params.default -and -not ($before -and $before.default)) {
    Invoke-Change -Description "SetDefaultPrinter $name" -Action {
        $windows = 'HKCU:\Software\Microsoft\Windows NT\CurrentVersion\Windows'
        Set-ItemProperty -LiteralPath $windows -Name LegacyDefaultPrinterMode -Value 1 -Type DWord
        $cim = Get-CimInstance -ClassName Win32_Printer -Filter ("Name='{0}'" -f $name.Replace("'", "\'"))
        $null = Invoke-CimMethod -InputObject $cim -MethodName SetDefaultPrinter
    }
}

if ($check) {
    $after = if ($before) { $before.Clone() } else { @{ name = $name; state = 'present'; default = $false } }
    $after.port_name = $portName
    $after.driver = $driver
    foreach ($key in $settings.Keys) { $after[$key] = $settings[$key] }
    if ($address) { $after.address = $address }
    if ($module.Params.default) { $after.default = $true }
}
else {
    $after = Get-QueueState -Name $name
}
$module.Diff.after = $after
$module.Result.printer = $after
$module.ExitJson()
