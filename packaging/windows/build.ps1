# Builds charity-pos for Windows 10/11 (x64) on a Windows PC: the program folder and its installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 -Python C:\Python312\python.exe
#
# Needs 64-bit Python 3.11 or newer (python.org, or `winget install Python.Python.3.12`) and, for the
# installer, Inno Setup 6.3 or newer (`winget install JRSoftware.InnoSetup`). Run it from anywhere in
# the checkout. It leaves:
#   dist\charity-pos\                      the program: charity-pos.exe (the app, no console window),
#                                          charity-pos-cli.exe (the command line), _internal\
#   dist\charity-pos-VERSION-setup.exe     the installer (per user, no administrator rights needed)
# The same steps as `make dist` on Linux: a virtual environment of its own (build\venv-windows), the
# package with its `dist` extra (PyInstaller, pinned in pyproject.toml), the compiled catalogs,
# PyInstaller with packaging\charity-pos.spec, a check that the program starts, then Inno Setup.
param(
    [string]$Python = "",  # the Python to build with (default: the newest the py launcher knows, else python)
    [string]$Iscc = ""     # Inno Setup's compiler (default: looked for where Inno Setup installs itself)
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Step([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $Exe $($Arguments -join ' ')" }
}

# --- Python: 64-bit, 3.11 or newer -----------------------------------------------------------------
if (-not $Python) {
    if (Get-Command py -ErrorAction SilentlyContinue) { $Python = (& py -3 -c "import sys; print(sys.executable)").Trim() }
    else { $Python = "python" }
}
& $Python -c "import struct, sys; sys.exit(0 if sys.version_info >= (3, 11) and struct.calcsize('P') == 8 else 1)"
if ($LASTEXITCODE -ne 0) { throw "$Python is not a 64-bit Python 3.11 or newer: install one (python.org) and pass it with -Python" }

# --- A virtual environment of the build's own, with the package and PyInstaller --------------------
$Venv = Join-Path $Root "build\venv-windows"
if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) { Invoke-Step $Python @("-m", "venv", $Venv) }
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Step $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Step $Py @("-m", "pip", "install", "--quiet", ".[dist]")

# --- The compiled translation catalogs, into the package (as the Makefile's rule makes them) -------
$Lrelease = Join-Path $Venv "Scripts\pyside6-lrelease.exe"
$Catalogs = Join-Path $Root "charity_pos\resources\translations"
Get-ChildItem -Path (Join-Path $Root "resources\translations") -Filter *.ts | ForEach-Object {
    $qm = Join-Path $Catalogs ([System.IO.Path]::ChangeExtension($_.Name, ".qm"))
    Invoke-Step $Lrelease @("-silent", $_.FullName, "-qm", $qm)
}

# --- The version, said once in charity_pos\__init__.py, for the installer --------------------------
Invoke-Step $Py @("packaging\build_info.py", "build\windows\version.iss")

# --- The program ----------------------------------------------------------------------------------
Invoke-Step $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", "dist", "--workpath", "build\pyinstaller",
                  "packaging\charity-pos.spec")

# --- Does it start? The command line on a demo store, and the app to its log-in window -------------
$Check = Join-Path ([System.IO.Path]::GetTempPath()) ("charity-pos-check-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $Check | Out-Null
$env:CHARITY_POS_HOME = $Check  # the check's store, settings and key file: not this PC's
try {
    $Cli = Join-Path $Root "dist\charity-pos\charity-pos-cli.exe"
    $Demo = Join-Path $Check "demo.sqlite3"
    Invoke-Step $Cli @("--help")
    Invoke-Step $Cli @("demo", "--db", $Demo, "--days", "3")
    Invoke-Step $Cli @("verify", "--db", $Demo)
    # the app quits by itself once its log-in window is up and the store is open behind it
    $env:CHARITY_POS_EXIT_WHEN_READY = "store"
    $env:QT_QPA_PLATFORM = "offscreen"
    $App = Start-Process -FilePath (Join-Path $Root "dist\charity-pos\charity-pos.exe") -ArgumentList @("gui", "--db", "`"$Demo`"") -Wait -PassThru
    if ($App.ExitCode -ne 0) { throw "the app did not reach its log-in window (exit $($App.ExitCode)): see $Check\logs\charity-pos.log" }
    Write-Host "Checked: the command line made and verified a demo store, and the app reached its log-in window."
} finally {
    Remove-Item Env:\CHARITY_POS_EXIT_WHEN_READY, Env:\QT_QPA_PLATFORM, Env:\CHARITY_POS_HOME -ErrorAction SilentlyContinue
}
Remove-Item -Recurse -Force $Check

# --- The installer -------------------------------------------------------------------------------
if (-not $Iscc) {
    $found = @(
        (Get-Command ISCC.exe -ErrorAction SilentlyContinue | ForEach-Object { $_.Source }),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    ) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    $Iscc = $found
}
if (-not $Iscc) {
    Write-Warning "Inno Setup 6 not found: dist\charity-pos is built; install Inno Setup (winget install JRSoftware.InnoSetup) and run this again for the installer, or pass -Iscc PATH\ISCC.exe"
    exit 1
}
Invoke-Step $Iscc @("/Q", "packaging\windows\charity-pos.iss")
Get-ChildItem (Join-Path $Root "dist\charity-pos-*-setup.exe") | Sort-Object LastWriteTime | Select-Object -Last 1 |
    ForEach-Object { Write-Host "Installer: $($_.FullName)" }
