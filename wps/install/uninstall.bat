@echo off
rem jixiao (WPS add-in): double-click to uninstall it from the current user's WPS.
rem Plain ASCII on purpose (see install.bat).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0uninstall.ps1"
pause
