; Inno Setup script for HappyHorse Desktop: a per-user install (no administrator rights needed).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\happyhorse.iss
;
; Input: the PyInstaller one-folder build in dist\happyhorse (see packaging\happyhorse.spec).
; Output: dist\HappyHorse-Desktop-<version>-setup.exe
; User data (task history, settings, logs in %LOCALAPPDATA%\HappyHorse\HappyHorse Desktop) and saved
; videos are kept on uninstall unless the user ticks the box the uninstaller offers.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "HappyHorse Desktop"
#define AppExe "happyhorse.exe"

[Setup]
AppId={{6A3F1E52-8C0B-4C1B-9D7E-5B2A9F1C7E31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HappyHorse Desktop contributors
DefaultDirName={localappdata}\Programs\HappyHorse Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=HappyHorse-Desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

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
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\HappyHorse\HappyHorse Desktop');
    if DirExists(DataDir) and (not UninstallSilent()) then
      if MsgBox('Also delete your task history, settings and logs?' #13#10 +
                '(Saved videos in your Videos folder are never deleted.)',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
