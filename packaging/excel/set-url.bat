@echo off
rem 绩效申报助手 @VERSION@: writes the unit's server address into manifest.xml (see 部署说明.txt).
rem Usage: set-url.bat https://server/path/
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0set-url.ps1" %*
if errorlevel 1 pause
