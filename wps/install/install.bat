@echo off
rem jixiao (WPS add-in): double-click to install for the current user (no administrator rights, no network).
rem This file is plain ASCII on purpose: cmd reads it in the console code page, so no code page switch is needed;
rem install.ps1 prints the Chinese messages itself.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1"
pause
