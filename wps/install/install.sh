#!/bin/sh
# 绩效申报助手（jixiao）WPS 表格加载项 —— Linux 安装脚本（含统信 UOS、银河麒麟 Kylin 等国产桌面）。
# 用法：在解压（或从 U 盘复制）得到的 jixiao_<版本> 文件夹里运行：  sh install.sh
# 安装到 ~/.local/share/Kingsoft/wps/jsaddons，不需要管理员权限，也不需要联网。
# 先说明本机的 WPS 能否加载 JS 加载项（没有找到 WPS、个人版、版本过低都会明说），然后照常安装。
# 只想看检测结果、不安装：sh install.sh --check
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jsaddons.sh"
jixiao_refuse_sudo
jixiao_report_linux_wps
jixiao_warn_if_wps_running
if [ "${1:-}" = "--check" ]; then
  exit 0
fi
jixiao_install_to "${JIXIAO_JSADDONS:-$HOME/.local/share/Kingsoft/wps/jsaddons}" "$HERE"
jixiao_say ""
jixiao_say "下一步：完全退出 WPS（Linux 上 WPS 会常驻后台，可在终端运行 quickstartoffice restart，"
jixiao_say "或注销后重新登录），再打开 WPS 表格。若 WPS 询问是否信任“jixiao”加载项，请选择信任，"
jixiao_say "然后按提示再重启一次 WPS。之后功能区会出现“绩效申报”选项卡。"
