; Inno Setup script for HappyHorse Desktop: per-user by default (no administrator rights needed), or for
; all users when the user picks that in the first dialog.
;
;   powershell -File packaging\windows\build_installer.ps1 -Version 0.1.0
;   (or: iscc /DAppVersion=0.1.0 packaging\windows\happyhorse.iss, with Inno Setup 6.3 or later)
;
; Input: the PyInstaller one-folder build in dist\happyhorse (see packaging\happyhorse.spec).
; Output: dist\HappyHorse-Desktop-<version>-windows-x64-setup.exe
; User data (task history, settings, logs in %LOCALAPPDATA%\HappyHorse\HappyHorse Desktop, where
; platformdirs puts them) and saved videos are kept on uninstall unless the user ticks the box the
; uninstaller offers in a per-user install.
;
; Signing (optional): with /DSignCommand and /Shappyhorse=<signtool command with $f>, the setup program
; and its uninstaller are Authenticode-signed (build_installer.ps1 does this when given a certificate).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 happyhorse.iss
#endif
#define AppName "HappyHorse Desktop"
#define AppExe "happyhorse.exe"
#define AppPublisher "HappyHorse Desktop contributors"
; Where the app keeps its data: platformdirs' user_data_dir("HappyHorse Desktop", "HappyHorse").
#define DataDir "{localappdata}\HappyHorse\HappyHorse Desktop"

[Setup]
AppId={{6A3F1E52-8C0B-4C1B-9D7E-5B2A9F1C7E31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription={#AppName} Setup
; {autopf} is the per-user Programs folder in a per-user install and Program Files in an all-users one.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=HappyHorse-Desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The Qt 6 wheels the app is built with need 64-bit Windows 10 or later.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes
#ifdef SignCommand
SignTool=happyhorse
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole library folder: a file of the previous version left in it (an old Qt
; plugin or DLL) would be found by Qt's plugin scan and loaded with the new version's libraries.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\happyhorse\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  // Only a per-user uninstall may offer this: an all-users one runs elevated, where {localappdata}
  // is the administrator's own folder, not the data of the people who used the app.
  if (CurUninstallStep = usPostUninstall) and (not IsAdminInstallMode()) then
  begin
    DataDir := ExpandConstant('{#DataDir}');
    if DirExists(DataDir) and (not UninstallSilent()) then
      if MsgBox('Also delete your task history, settings and logs?' #13#10 +
                '(Saved videos in your Videos folder are never deleted.)',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
