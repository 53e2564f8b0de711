; The Windows installer, built by `packaging/build windows` with makensis (Debian: nsis).
; Defined on the command line: VERSION (0.1.0), VERSION4 (0.1.0.0), STAGE (the folder of
; files to install), ICON (copydesk.ico), OUTFILE.
;
; Installs for the current user, with no administrator rights needed (as newsroom PCs often
; are locked down), into %LOCALAPPDATA%\Programs\Copydesk; `/S` installs silently and `/D=DIR`
; chooses the folder. Adds a Start-menu entry and an uninstaller (Settings > Apps), and
; offers Copydesk in "Open with" for .json files without taking the default from whatever
; opens them now.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APPID "org.copydesk.Copydesk"
!define PROGID "Copydesk.Story"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

Name "Copydesk"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Copydesk"
InstallDirRegKey HKCU "Software\Copydesk" "InstallDir"
BrandingText "Copydesk ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=1033 "ProductName" "Copydesk"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "Copydesk installer"
VIAddVersionKey /LANG=1033 "CompanyName" "Copydesk maintainers"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Copydesk maintainers; MIT OR Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\copydesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Copydesk"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Copydesk" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; copydesk.exe: the window (GUI subsystem: no console). copydesk.com: the same program
  ; marked as a console program, which a terminal picks for `copydesk check …` (.COM
  ; comes before .EXE in PATHEXT), so output, exit status and waiting work as usual.
  File "${STAGE}\copydesk.exe"
  File "${STAGE}\copydesk.com"
  File "${STAGE}\README.md"
  SetOutPath "$INSTDIR\samples"
  File "${STAGE}\samples\*.json"
  File "${STAGE}\samples\*.txt"
  SetOutPath "$INSTDIR\dictionaries"
  File "${STAGE}\dictionaries\*.*"
  SetOutPath "$INSTDIR\schema"
  File "${STAGE}\schema\*.json"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Copydesk.lnk" "$INSTDIR\copydesk.exe" "" "$INSTDIR\copydesk.exe" 0 \
    SW_SHOWNORMAL "" "Write news stories and see them as readers will"

  ; A ProgID for Copydesk stories, offered in "Open with" for .json; the default stays.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Copydesk story"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "Copydesk story"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\copydesk.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\copydesk.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  ; The program itself, for "Open with" > "Choose another app".
  WriteRegStr HKCU "Software\Classes\Applications\copydesk.exe" "FriendlyAppName" "Copydesk"
  WriteRegStr HKCU "Software\Classes\Applications\copydesk.exe\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\copydesk.exe\shell\open\command" "" '"$INSTDIR\copydesk.exe" "%1"'
  ; Settings > Default apps lists Copydesk with what it can open.
  WriteRegStr HKCU "Software\Copydesk\Capabilities" "ApplicationName" "Copydesk"
  WriteRegStr HKCU "Software\Copydesk\Capabilities" "ApplicationDescription" "Newsroom editor"
  WriteRegStr HKCU "Software\Copydesk\Capabilities\FileAssociations" ".json" "${PROGID}"
  WriteRegStr HKCU "Software\RegisteredApplications" "Copydesk" "Software\Copydesk\Capabilities"
  WriteRegStr HKCU "Software\Copydesk" "InstallDir" "$INSTDIR"

  ; Settings > Apps: name, version, size, and how to uninstall.
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "Copydesk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Copydesk maintainers"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\copydesk.exe",0'
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0

  ; Tell Explorer that associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\copydesk.exe"
  Delete "$INSTDIR\copydesk.com"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\samples\*.json"
  Delete "$INSTDIR\samples\*.txt"
  Delete "$INSTDIR\dictionaries\*.*"
  RMDir "$INSTDIR\dictionaries"
  Delete "$INSTDIR\schema\*.json"
  RMDir "$INSTDIR\samples"
  RMDir "$INSTDIR\schema"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Copydesk.lnk"

  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\copydesk.exe"
  DeleteRegValue HKCU "Software\RegisteredApplications" "Copydesk"
  DeleteRegKey HKCU "Software\Copydesk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
