; Inno Setup 6 script: the charity-pos installer for Windows 10/11 (x64).
;
; Built by packaging\windows\build.ps1, which first makes the program (dist\charity-pos\, by
; packaging\charity-pos.spec) and the version include (build\windows\version.iss, by
; packaging\build_info.py from charity_pos.__version__), then runs
;     ISCC packaging\windows\charity-pos.iss   ->   dist\charity-pos-VERSION-setup.exe
;
; What it does:
; - installs for the person who runs it, without administrator rights, into
;   %LOCALAPPDATA%\Programs\charity-pos (the program only: the store's data is never there);
; - a newer setup upgrades that install in place (the same AppId): the old program is replaced,
;   the store's data, settings, backups and key file (%LOCALAPPDATA%\charity-pos) are not touched;
; - a start-menu shortcut (optionally one on the desktop, and one for the district hub app);
; - uninstalling removes the program and asks whether to delete the data too, "No" preselected;
;   a silent uninstall (/SILENT, /VERYSILENT) keeps the data.
;
; The app's own folders (charity_pos\config.py, platformdirs with roaming off):
;   %LOCALAPPDATA%\charity-pos\               store.sqlite3, hub.sqlite3, settings.json, backups\
;   %LOCALAPPDATA%\charity-pos\keys\          the store's key file; hub-keys\ the hub's
;   %LOCALAPPDATA%\charity-pos\Logs\          the log

#include "..\..\build\windows\version.iss"

; Where the app keeps its data (above). Deleted only when the person uninstalling asks for it.
#define DataDir "{localappdata}\charity-pos"

[Setup]
; Windows knows the installed app by this id: a setup with the same id upgrades it in place.
; Never change it (a new id would install a second copy beside the first).
AppId={{B67D3FC4-1B26-4063-B2C2-1B89C0E24C40}
AppName=charity-pos
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersionQuad}
VersionInfoProductVersion={#AppVersionQuad}
VersionInfoDescription={#AppTitle}
; per user: no administrator, no question about it
PrivilegesRequired=lowest
DefaultDirName={userpf}\charity-pos
DisableDirPage=yes
DefaultGroupName=charity-pos
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=charity-pos.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppTitle}
OutputDir=..\..\dist
OutputBaseFilename=charity-pos-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; a running copy of the app is asked to close before its files are replaced
CloseApplications=yes
RestartApplications=no

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
#define Chinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
HubShortcut=A start-menu shortcut for the district hub app (district staff)
HubName=charity-pos district hub
DeleteData=Also delete this PC's charity-pos data?%n%nThe store file, its backups in the data folder, the settings, the log and the store's key file, in:%n%1%n%nWithout the key file the store's data cannot be fully restored. Backups in a folder you chose elsewhere (a USB disk) are not touched.%n%nChoose No (recommended) to keep them: charity-pos installed again finds them.
#ifdef Chinese
chinesesimplified.HubShortcut=为区级数据中心应用创建开始菜单快捷方式（区里工作人员使用）
chinesesimplified.HubName=charity-pos 区级数据中心
chinesesimplified.DeleteData=是否同时删除本机的 charity-pos 数据？%n%n门店数据库、数据文件夹中的备份、设置、日志和门店密钥文件，位于：%n%1%n%n没有密钥文件，门店数据将无法完整恢复。您另行选择的备份文件夹（如 U 盘）不受影响。%n%n选择“否”（推荐）保留这些数据：重新安装 charity-pos 后可继续使用。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "hubicon"; Description: "{cm:HubShortcut}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the old program whole (a file the new version no longer has must not linger).
; Only the program's own folder inside the install folder: the data is never here.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\{#DistFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon
Name: "{autoprograms}\{cm:HubName}"; Filename: "{app}\{#AppExeName}"; Parameters: "hub gui"; Tasks: hubicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
{ After the program is removed: the data stays unless the person asks, "No" preselected.
  A silent uninstall never asks, and keeps it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Data := ExpandConstant('{#DataDir}');
  if UninstallSilent or not DirExists(Data) then
    exit;
  if MsgBox(FmtMessage(CustomMessage('DeleteData'), [Data]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(Data, True, True, True);
end;
