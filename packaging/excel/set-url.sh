#!/bin/sh
# 绩效申报助手 @VERSION@ —— 把单位服务器的地址写进 Excel 加载项清单 manifest.xml（不需要 Node）。
# 用法：sh set-url.sh https://服务器/路径/ [manifest.xml ...]
# 不给文件时处理本文件夹下的 online/manifest.xml 和 offline/manifest.xml。
# 原文件先另存为 manifest.xml.bak；地址必须以 https:// 开头（Office 只加载 https 的加载项）。
set -eu
PLACEHOLDER='@PLACEHOLDER@'
if [ $# -lt 1 ]; then
  echo "用法：sh set-url.sh https://服务器/路径/ [manifest.xml ...]" >&2
  exit 2
fi
url=$1
shift
case "$url" in
  https://?*) ;;
  *) echo "错误：地址必须以 https:// 开头，收到的是：$url" >&2; exit 2 ;;
esac
# 地址里不能有空白、引号、尖括号、反斜杠（会破坏 XML 或不是合法的网址），也不能有 ? 和 #（它是文件夹的地址）。
if printf '%s' "$url" | grep -q "[[:space:]\"'<>\\?#]"; then
  printf '%s\n' "错误：地址中有空格、引号、尖括号、反斜杠、? 或 #（应是加载项文件所在文件夹的网址）：$url" >&2
  exit 2
fi
case "$url" in
  */) ;;
  *) url="$url/" ;;
esac
# XML 中的 & 写成 &amp;；再为 sed 的替换部分转义 & 和分隔符 |。
xml_url=$(printf '%s' "$url" | sed 's/&/\&amp;/g')
sed_url=$(printf '%s' "$xml_url" | sed 's/[&|]/\\&/g')
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
  set -- "$here/online/manifest.xml" "$here/offline/manifest.xml"
fi
done_any=0
for f in "$@"; do
  if [ ! -f "$f" ]; then
    echo "跳过：找不到 $f"
    continue
  fi
  if ! grep -q "$PLACEHOLDER" "$f"; then
    echo "跳过：$f 中没有待替换的地址（$PLACEHOLDER），可能已经设置过；请用压缩包中的原始文件重新设置。"
    continue
  fi
  cp "$f" "$f.bak"
  sed "s|$PLACEHOLDER|$sed_url|g" "$f.bak" > "$f.tmp"
  mv "$f.tmp" "$f"
  echo "已写入：$f → $url"
  done_any=1
done
if [ "$done_any" -eq 0 ]; then
  echo "没有修改任何文件。" >&2
  exit 1
fi
