#!/bin/sh
# 绩效申报助手（jixiao）WPS 表格加载项 —— macOS 卸载脚本。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jsaddons.sh"
jixiao_refuse_sudo
CONTAINERS="$HOME/Library/Containers"
for app in com.kingsoft.wpsoffice.mac com.kingsoft.wpsoffice.mac.global; do
  dir="$CONTAINERS/$app/Data/.kingsoft/wps/jsaddons"
  [ -d "$dir" ] && jixiao_uninstall_from "$dir"
done
jixiao_say "重启 WPS 后“绩效申报”选项卡即消失。"
