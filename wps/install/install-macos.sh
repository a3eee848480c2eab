#!/bin/sh
# 绩效申报助手（jixiao）WPS 表格加载项 —— macOS 安装脚本。
# 用法：打开“终端”，把本文件拖进终端窗口，回车；或运行  sh install-macos.sh
# WPS for Mac 的加载项文件夹（jsaddons）有两处，凡是存在的都安装：
#   ~/Library/Containers/com.kingsoft.wpsoffice.mac/Data/.kingsoft/wps/jsaddons（当前版本；国际版为
#     com.kingsoft.wpsoffice.mac.global）
#   ~/Library/Application Support/Kingsoft/WPS Office/jsaddons（较早的版本）
# 都不存在时（WPS 还没打开过），装到第一处并提示。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jsaddons.sh"
jixiao_refuse_sudo
jixiao_warn_if_wps_running
done_one=0
for dir in $(jixiao_macos_jsaddons); do
  dir=$(printf '%s' "$dir" | sed 's/\\040/ /g')
  jixiao_install_to "$dir" "$HERE"
  done_one=1
done
if [ "$done_one" = 0 ]; then
  jixiao_say "注意：没有找到 WPS 的数据文件夹（没有装 WPS，或还没打开过一次），仍按默认位置安装。"
  jixiao_install_to "$HOME/Library/Containers/com.kingsoft.wpsoffice.mac/Data/.kingsoft/wps/jsaddons" "$HERE"
fi
jixiao_say ""
jixiao_say "下一步：完全退出 WPS（菜单 WPS Office → 退出，或 Command+Q），再打开 WPS 表格。"
jixiao_say "若 WPS 询问是否信任“jixiao”加载项，请选择信任，然后按提示再重启一次 WPS。"
