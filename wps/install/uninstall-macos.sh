#!/bin/sh
# 绩效申报助手（jixiao）WPS 表格加载项 —— macOS 卸载脚本：从安装脚本用到的每个 jsaddons 文件夹卸载。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jsaddons.sh"
jixiao_refuse_sudo
for dir in $(jixiao_macos_jsaddons); do
  dir=$(printf '%s' "$dir" | sed 's/\\040/ /g')
  [ -d "$dir" ] && jixiao_uninstall_from "$dir"
done
jixiao_say "重启 WPS 后“绩效申报”选项卡即消失。"
