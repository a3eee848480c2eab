#!/bin/sh
# 绩效申报助手（jixiao）WPS 表格加载项 —— macOS 安装脚本。
# 用法：打开“终端”，把本文件拖进终端窗口，回车；或运行  sh install-macos.sh
# 安装到 ~/Library/Containers/com.kingsoft.wpsoffice.mac/Data/.kingsoft/wps/jsaddons
# （国际版 WPS 的容器 com.kingsoft.wpsoffice.mac.global 存在时也一并安装）。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jsaddons.sh"
jixiao_refuse_sudo
CONTAINERS="$HOME/Library/Containers"
done_one=0
for app in com.kingsoft.wpsoffice.mac com.kingsoft.wpsoffice.mac.global; do
  if [ -d "$CONTAINERS/$app" ]; then
    jixiao_install_to "$CONTAINERS/$app/Data/.kingsoft/wps/jsaddons" "$HERE"
    done_one=1
  fi
done
if [ "$done_one" = 0 ]; then
  jixiao_say "提示：没有找到 WPS 的数据文件夹（请先打开一次 WPS），仍按默认位置安装。"
  jixiao_install_to "$CONTAINERS/com.kingsoft.wpsoffice.mac/Data/.kingsoft/wps/jsaddons" "$HERE"
fi
jixiao_say ""
jixiao_say "下一步：完全退出 WPS（菜单 WPS Office → 退出，或 Command+Q），再打开 WPS 表格。"
jixiao_say "若 WPS 询问是否信任“jixiao”加载项，请选择信任，然后按提示再重启一次 WPS。"
