@echo off
chcp 65001 >nul
rem 绩效申报助手（jixiao）WPS 加载项：双击运行，从当前用户的 WPS 卸载。
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0uninstall.ps1"
pause
