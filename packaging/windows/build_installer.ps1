# Build the Windows setup program from dist\happyhorse (the PyInstaller build), optionally signed.
#
#   powershell -File packaging\windows\build_installer.ps1 -Version 0.1.0
#   powershell -File packaging\windows\build_installer.ps1 -Version 0.1.0 -CertificateThumbprint <sha1>
#
# Inno Setup's compiler is looked up, not assumed: ISCC on PATH, then the install folder Inno Setup
# records in the registry (any major version), then the usual Program Files folders.
# With -CertificateThumbprint (a code-signing certificate in Cert:\CurrentUser\My), happyhorse.exe,
# the setup program and its uninstaller are Authenticode-signed with signtool from the Windows SDK and
# an RFC 3161 timestamp, so the signature outlives the certificate.
param(
    [Parameter(Mandatory = $true)][string] $Version,
    [string] $CertificateThumbprint = "",
    [string] $TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")

function Find-Iscc {
    $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $keys = @(
        "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\Inno Setup*_is1",
        "HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\Inno Setup*_is1",
        "HKCU:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\Inno Setup*_is1"
    )
    foreach ($key in $keys) {
        foreach ($entry in Get-ItemProperty -Path $key -ErrorAction SilentlyContinue) {
            $candidate = Join-Path $entry.InstallLocation "ISCC.exe"
            if (Test-Path $candidate) { return $candidate }
        }
    }
    $folders = @(${env:ProgramFiles}, ${env:ProgramFiles(x86)}, (Join-Path $env:LOCALAPPDATA "Programs"))
    foreach ($folder in $folders) {
        if (-not $folder) { continue }
        $found = Get-ChildItem -Path (Join-Path $folder "Inno Setup*\ISCC.exe") -ErrorAction SilentlyContinue |
            Sort-Object FullName -Descending | Select-Object -First 1
        if ($found) { return $found.FullName }
    }
    throw "Inno Setup's compiler (ISCC.exe) was not found: install Inno Setup 6.3 or later."
}

function Find-SignTool {
    $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $found = Get-ChildItem -Path "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $found) { throw "signtool.exe (Windows SDK) was not found." }
    return $found.FullName
}

$exe = Join-Path $Root "dist\happyhorse\happyhorse.exe"
if (-not (Test-Path $exe)) { throw "missing ${exe}: run pyinstaller packaging\happyhorse.spec first" }
$iscc = Find-Iscc
Write-Host "Inno Setup compiler: $iscc"
$arguments = @("/DAppVersion=$Version")
if ($CertificateThumbprint) {
    $signtool = Find-SignTool
    $sign = @("sign", "/sha1", $CertificateThumbprint, "/fd", "sha256", "/tr", $TimestampUrl, "/td", "sha256")
    & $signtool @sign $exe
    if ($LASTEXITCODE -ne 0) { throw "signing happyhorse.exe failed ($LASTEXITCODE)" }
    # Inno Setup runs this for the setup program and the uninstaller; $q is a quote, $f the file.
    $arguments += "/DSignCommand"
    $arguments += "/Shappyhorse=`$q$signtool`$q $($sign -join ' ') `$f"
}
& $iscc @arguments (Join-Path $PSScriptRoot "happyhorse.iss")
if ($LASTEXITCODE -ne 0) { throw "ISCC failed ($LASTEXITCODE)" }
