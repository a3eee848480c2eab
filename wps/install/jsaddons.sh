# 绩效申报助手（jixiao）WPS 加载项：安装与卸载的共用函数。
# 由 install.sh / uninstall.sh / install-macos.sh / uninstall-macos.sh 引用，不要单独运行。
#
# WPS 从 jsaddons 文件夹加载离线加载项：加载项文件放在 jsaddons/jixiao_<版本>/，
# 并在同一文件夹的 publish.xml 里登记一行
#   <jsplugin name="jixiao" type="et" url="jixiao_<版本>" version="<版本>" enable="enable_dev" install="null"/>
# publish.xml 里其他加载项的登记保持不变。只用 POSIX sh 与 awk，统信 UOS、麒麟、macOS 自带即可运行。

JIXIAO_NAME=jixiao
JIXIAO_VERSION=@VERSION@
JIXIAO_MARK=.jixiao-created-publish-xml

jixiao_say() { printf '%s\n' "$*"; }
jixiao_fail() { printf '错误：%s\n' "$*" >&2; exit 1; }

# Prints publish.xml ($1) without jixiao's <jsplugin> entries; every other entry is kept as written.
jixiao_strip_entry() {
  awk -v q="'" -v name="$JIXIAO_NAME" '
    { s = s $0 "\n" }
    END {
      pat = "name[ \t\r\n]*=[ \t\r\n]*[\"" q "]" name "[\"" q "]"
      out = ""
      while (match(s, /<jsplugin[ \t\r\n][^>]*>/)) {
        tag = substr(s, RSTART, RLENGTH)
        pre = substr(s, 1, RSTART - 1)
        rest = substr(s, RSTART + RLENGTH)
        if (tag ~ pat) {
          sub(/[ \t]*$/, "", pre)
          if (tag !~ /\/>$/ && match(rest, /<\/jsplugin[ \t\r\n]*>/)) rest = substr(rest, RSTART + RLENGTH)
          sub(/^[ \t]*\r?\n/, "", rest)
          out = out pre
        } else {
          out = out pre tag
        }
        s = rest
      }
      printf "%s", out s
    }' "$1"
}

# Prints the file ($1, jixiao entries already stripped) with jixiao's entry added before </jsplugins>.
jixiao_add_entry() {
  awk -v entry="$2" '
    { s = s $0 "\n" }
    END {
      if (match(s, /<\/jsplugins[ \t\r\n]*>/)) {
        pre = substr(s, 1, RSTART - 1)
        if (pre !~ /\n[ \t]*$/ && pre !~ /^[ \t]*$/) pre = pre "\n"
        sub(/[ \t]*$/, "", pre)
        printf "%s%s\n%s", pre, entry, substr(s, RSTART)
      } else if (match(s, /<jsplugins[ \t\r\n]*\/>/)) {
        printf "%s<jsplugins>\n%s\n</jsplugins>%s", substr(s, 1, RSTART - 1), entry, substr(s, RSTART + RLENGTH)
      } else {
        exit 3
      }
    }' "$1"
}

# Counts the add-in entries (jsplugin and jspluginonline) left in a publish.xml.
jixiao_count_entries() {
  awk '{ s = s $0 "\n" } END { n = 0; while (match(s, /<jsplugin(online)?[ \t\r\n\/>]/)) { n++; s = substr(s, RSTART + RLENGTH) } print n }' "$1"
}

jixiao_install_to() {
  jsaddons=$1
  here=$2
  [ -f "$here/ribbon.xml" ] && [ -f "$here/index.html" ] && [ -f "$here/main.js" ] ||
    jixiao_fail "没有在 $here 找到加载项文件（ribbon.xml、index.html、main.js）。请在解压后的 ${JIXIAO_NAME}_${JIXIAO_VERSION} 文件夹里运行本脚本。"
  target="$jsaddons/${JIXIAO_NAME}_${JIXIAO_VERSION}"
  mkdir -p "$jsaddons" || jixiao_fail "无法创建文件夹 $jsaddons"

  publish="$jsaddons/publish.xml"
  created=0
  [ -f "$publish" ] || created=1
  # An earlier install that created publish.xml itself: the upgrade inherits that fact, so uninstall can still remove it.
  for old in "$jsaddons/${JIXIAO_NAME}"_*; do
    [ -f "$old/$JIXIAO_MARK" ] && created=1
  done

  # Copy first (into a temporary folder), register afterwards: WPS never sees a half-copied add-in.
  if [ "$(cd "$here" && pwd -P)" != "$(mkdir -p "$target" && cd "$target" && pwd -P)" ]; then
    rm -rf "$target.tmp"
    cp -R "$here" "$target.tmp" || jixiao_fail "复制加载项文件失败"
    rm -rf "$target"
    mv "$target.tmp" "$target"
  fi
  for old in "$jsaddons/${JIXIAO_NAME}"_*; do
    [ -d "$old" ] && [ "$old" != "$target" ] && rm -rf "$old"
  done
  rm -f "$target/$JIXIAO_MARK"
  [ "$created" = 1 ] && : >"$target/$JIXIAO_MARK"

  entry="  <jsplugin name=\"$JIXIAO_NAME\" type=\"et\" url=\"${JIXIAO_NAME}_${JIXIAO_VERSION}\" version=\"$JIXIAO_VERSION\" enable=\"enable_dev\" install=\"null\"/>"
  tmp="$publish.jixiao.tmp"
  if [ -s "$publish" ] && jixiao_strip_entry "$publish" >"$tmp.1" && jixiao_add_entry "$tmp.1" "$entry" >"$tmp"; then
    :
  else
    [ -s "$publish" ] && cp "$publish" "$publish.jixiao-broken" &&
      jixiao_say "提示：原 publish.xml 无法识别，已另存为 publish.xml.jixiao-broken，并新建 publish.xml。"
    {
      printf '%s\n' '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      printf '%s\n' '<jsplugins>'
      printf '%s\n' "$entry"
      printf '%s\n' '</jsplugins>'
    } >"$tmp"
  fi
  rm -f "$tmp.1"
  mv "$tmp" "$publish" || jixiao_fail "无法写入 $publish"

  jixiao_say "已安装绩效申报助手 $JIXIAO_VERSION："
  jixiao_say "  加载项文件：$target"
  jixiao_say "  登记文件：  $publish"
}

jixiao_uninstall_from() {
  jsaddons=$1
  publish="$jsaddons/publish.xml"
  created=0
  found=0
  for old in "$jsaddons/${JIXIAO_NAME}"_*; do
    [ -d "$old" ] || continue
    found=1
    [ -f "$old/$JIXIAO_MARK" ] && created=1
    rm -rf "$old"
  done
  if [ -f "$publish" ]; then
    tmp="$publish.jixiao.tmp"
    jixiao_strip_entry "$publish" >"$tmp" || jixiao_fail "无法读取 $publish"
    if [ "$created" = 1 ] && [ "$(jixiao_count_entries "$tmp")" = 0 ]; then
      # publish.xml was ours alone: remove it, as before the installation.
      rm -f "$tmp" "$publish"
    else
      mv "$tmp" "$publish"
    fi
  fi
  if [ "$found" = 1 ]; then
    jixiao_say "已从 $jsaddons 卸载绩效申报助手。"
  else
    jixiao_say "在 $jsaddons 没有找到绩效申报助手，publish.xml 中的登记（如有）已清除。"
  fi
}

jixiao_refuse_sudo() {
  if [ "$(id -u)" = 0 ] && [ -n "${SUDO_USER:-}" ]; then
    jixiao_fail "请不要用 sudo 运行：加载项要装在您自己的用户目录里。请直接运行 sh $0"
  fi
}
