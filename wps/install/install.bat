@echo off
chcp 65001 >nul
rem 绩效申报助手（jixiao）WPS 加载项：双击运行，安装到当前用户的 WPS（不需要管理员权限，不需要联网）。
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1"
pause
