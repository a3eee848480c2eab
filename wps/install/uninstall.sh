#!/bin/sh
# 绩效申报助手（jixiao）WPS 表格加载项 —— Linux 卸载脚本。
# 删除 jsaddons 里的 jixiao_<版本> 文件夹和 publish.xml 中 jixiao 的登记，其他加载项不受影响。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jsaddons.sh"
jixiao_refuse_sudo
jixiao_uninstall_from "${JIXIAO_JSADDONS:-$HOME/.local/share/Kingsoft/wps/jsaddons}"
jixiao_say "重启 WPS 后“绩效申报”选项卡即消失。"
