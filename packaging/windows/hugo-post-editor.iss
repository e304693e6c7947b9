; Inno Setup script: the Windows installer of Hugo Post Editor.
; Build on Windows after PyInstaller (see .github/workflows/package.yml):
;   python packaging\make_icons.py packaging\build\icons
;   pyinstaller --noconfirm packaging\hugo-post-editor.spec
;   iscc /DAppVersion=0.5.0 packaging\windows\hugo-post-editor.iss
; It cannot be built on Linux; the output is dist\hugo-post-editor-<version>-windows-x64-setup.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Hugo Post Editor"
#define AppExe "hugo-post-editor.exe"

[Setup]
AppId={{7C3B8E0A-4F7D-4C53-9B8E-2D6C1A9F5E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Hugo Post Editor team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=hugo-post-editor-{#AppVersion}-windows-x64-setup
SetupIconFile=..\build\icons\hugo-post-editor.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "markdown"; Description: "Open .md files with {#AppName}"; GroupDescription: "File types:"

[Files]
Source: "..\..\dist\hugo-post-editor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "HugoPostEditor.md"; ValueData: ""; Flags: uninsdeletevalue; Tasks: markdown
Root: HKA; Subkey: "Software\Classes\HugoPostEditor.md"; ValueType: string; ValueName: ""; ValueData: "Markdown post"; Flags: uninsdeletekey; Tasks: markdown
Root: HKA; Subkey: "Software\Classes\HugoPostEditor.md\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: markdown
Root: HKA; Subkey: "Software\Classes\HugoPostEditor.md\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: markdown

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
