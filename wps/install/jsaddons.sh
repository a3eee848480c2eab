# 绩效申报助手（jixiao）WPS 加载项：安装与卸载的共用函数。
# 由 install.sh / uninstall.sh / install-macos.sh / uninstall-macos.sh 引用，不要单独运行。
#
# WPS 从 jsaddons 文件夹加载离线加载项：加载项文件放在 jsaddons/jixiao_<版本>/，
# 并在同一文件夹的 publish.xml 里登记一行
#   <jsplugin name="jixiao" type="et" url="jixiao_<版本>" version="<版本>" enable="enable_dev" install="null" customDomain=""/>
# publish.xml 里其他加载项的登记保持不变。只用 POSIX sh 与 awk，统信 UOS、麒麟、macOS 自带即可运行。
# 只动本加载项自己的东西：名为 jixiao_<版本号> 的文件夹（如 jixiao_0.1.0，不碰 jixiao_tools_1.0），
# 以及 publish.xml 中 name="jixiao" 的 jsplugin / jspluginonline 登记（后者是 wpsjs debug 调试时留下的）。

JIXIAO_NAME=jixiao
JIXIAO_VERSION=@VERSION@
JIXIAO_MARK=.jixiao-created-publish-xml

jixiao_say() { printf '%s\n' "$*"; }
jixiao_fail() { printf '错误：%s\n' "$*" >&2; exit 1; }

# Whether a folder ($1) is one of this add-in's own: jixiao_<version>, the version digits and dots only.
jixiao_is_own_folder() {
  [ -d "$1" ] || return 1
  v=${1##*/}
  v=${v#"${JIXIAO_NAME}"_}
  case "$v" in
  '' | *[!0-9.]* | .* | *. | *..*) return 1 ;;
  esac
  return 0
}

# Prints publish.xml ($1) without jixiao's <jsplugin> and <jspluginonline> entries (wpsjs debug writes the
# latter; two entries with one name break loading); every other entry is kept as written.
jixiao_strip_entry() {
  awk -v q="'" -v name="$JIXIAO_NAME" '
    { s = s $0 "\n" }
    END {
      pat = "name[ \t\r\n]*=[ \t\r\n]*[\"" q "]" name "[\"" q "]"
      out = ""
      while (match(s, /<jsplugin(online)?[ \t\r\n][^>]*>/)) {
        tag = substr(s, RSTART, RLENGTH)
        pre = substr(s, 1, RSTART - 1)
        rest = substr(s, RSTART + RLENGTH)
        if (tag ~ pat) {
          sub(/[ \t]*$/, "", pre)
          close_re = (tag ~ /^<jspluginonline/) ? "</jspluginonline[ \t\r\n]*>" : "</jsplugin[ \t\r\n]*>"
          if (tag !~ /\/>$/ && match(rest, close_re)) rest = substr(rest, RSTART + RLENGTH)
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
    jixiao_is_own_folder "$old" && [ -f "$old/$JIXIAO_MARK" ] && created=1
  done

  # Copy first (into a temporary folder), register afterwards: WPS never sees a half-copied add-in.
  if [ "$(cd "$here" && pwd -P)" != "$(mkdir -p "$target" && cd "$target" && pwd -P)" ]; then
    rm -rf "$target.tmp"
    cp -R "$here" "$target.tmp" || jixiao_fail "复制加载项文件失败"
    rm -rf "$target"
    mv "$target.tmp" "$target"
  fi
  for old in "$jsaddons/${JIXIAO_NAME}"_*; do
    jixiao_is_own_folder "$old" && [ "$old" != "$target" ] && rm -rf "$old"
  done
  rm -f "$target/$JIXIAO_MARK"
  [ "$created" = 1 ] && : >"$target/$JIXIAO_MARK"

  # The attributes wpsjs build writes for an offline add-in.
  entry="  <jsplugin name=\"$JIXIAO_NAME\" type=\"et\" url=\"${JIXIAO_NAME}_${JIXIAO_VERSION}\" version=\"$JIXIAO_VERSION\" enable=\"enable_dev\" install=\"null\" customDomain=\"\"/>"
  tmp="$publish.jixiao.tmp"
  if [ -s "$publish" ] && grep -q "<jspluginonline[^>]*name=[\"']$JIXIAO_NAME[\"']" "$publish" 2>/dev/null; then
    jixiao_say "提示：publish.xml 中有调试时留下的 jspluginonline 登记（name=\"$JIXIAO_NAME\"），已移除，以免与本次安装重名。"
  fi
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
    jixiao_is_own_folder "$old" || continue
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

# Version compare: prints 1 when $1 >= $2 (dotted numbers), else 0.
jixiao_version_at_least() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(a, x, "."); m = split(b, y, "."); k = (n > m) ? n : m
    for (i = 1; i <= k; i++) { p = (i <= n) ? x[i] + 0 : 0; q = (i <= m) ? y[i] + 0 : 0
      if (p > q) { print 1; exit } if (p < q) { print 0; exit } }
    print 1 }'
}

# The installed WPS package and its version on Linux, from the package manager: prints "<package> <version>".
jixiao_linux_wps_package() {
  for p in cn.wps.wps-office-pro wps-office cn.wps.wps-office wps-office-pro; do
    if command -v dpkg-query >/dev/null 2>&1; then
      v=$(dpkg-query -W -f='${Status} ${Version}' "$p" 2>/dev/null | awk '$3 == "installed" { print $4 }')
      [ -n "$v" ] && { printf '%s %s\n' "$p" "${v#*:}"; return 0; }
    fi
    if command -v rpm >/dev/null 2>&1; then
      v=$(rpm -q --qf '%{VERSION}' "$p" 2>/dev/null) && [ -n "$v" ] && { printf '%s %s\n' "$p" "$v"; return 0; }
    fi
  done
  return 1
}

# Says what WPS this Linux desktop has, plainly, before installing. Kingsoft's published floor for JS
# add-ins: Linux enterprise (专业版/政务版, 11.8) 11.8.2.9346. For the Linux personal edition (11.1) Kingsoft
# publishes nothing; public reports show JS add-ins loading on 11.1.0.117xx. Installation goes ahead whatever is found (WPS may be installed or
# upgraded later). JIXIAO_WPS_DIRS (colon-separated) replaces the folders looked at, for tests.
jixiao_report_linux_wps() {
  dirs=${JIXIAO_WPS_DIRS-/opt/kingsoft/wps-office:/opt/apps/cn.wps.wps-office-pro:/opt/apps/cn.wps.wps-office:/usr/lib/office6}
  found=
  old_ifs=$IFS
  IFS=:
  for d in $dirs; do
    if [ -n "$d" ] && [ -d "$d" ]; then found=$d; break; fi
  done
  IFS=$old_ifs
  pkgline=$(jixiao_linux_wps_package) || pkgline=
  pkg=${pkgline%% *}
  ver=${pkgline#* }
  if [ -z "$found" ] && [ -z "$pkgline" ]; then
    jixiao_say "注意：没有找到 WPS Office（查找了 /opt/kingsoft/wps-office、/opt/apps/cn.wps.wps-office-pro 等位置）。"
    jixiao_say "      加载项文件仍会装好；装上 WPS Office 专业版/政务版 11.8.2.9346 或更新版本后即可使用。"
    return 0
  fi
  where=${found:-$pkg}
  if [ -z "$pkgline" ]; then
    jixiao_say "检测到 WPS Office：$where（无法读出版本号）。"
    jixiao_say "      JS 加载项需要专业版/政务版 11.8.2.9346 或更新版本；Linux 个人版能否加载，金山没有公开说明。"
    jixiao_say "      加载项文件仍会照常安装。"
    return 0
  fi
  # The edition: the professional/government packages carry "pro" in their name; 11.1 is the personal line.
  case "$pkg:$ver" in
  *pro*:1[2-9].* | *pro*:[2-9][0-9].*) edition=new ;;
  *pro*:*) edition=pro ;;
  *:11.1.*) edition=personal ;;
  *:11.*) edition=pro ;;
  *:1[2-9].* | *:[2-9][0-9].*) edition=new ;;
  *) edition=old ;;
  esac
  case "$edition" in
  personal)
    jixiao_say "注意：检测到 WPS Office 个人版 $ver（$where）。金山只公开了专业版/政务版的最低版本（11.8.2.9346），"
    jixiao_say "      没有说明 Linux 个人版能否加载 JS 加载项；有公开报告称个人版 11.1.0.117xx 可以加载。"
    jixiao_say "      若重启 WPS 后没有出现“绩效申报”选项卡，请改用专业版/政务版 11.8.2.9346 或更新版本（请联系信息中心）。"
    jixiao_say "      加载项文件仍会照常安装。"
    ;;
  pro)
    if [ "$(jixiao_version_at_least "$ver" 11.8.2.9346)" = 1 ]; then
      jixiao_say "检测到 WPS Office $ver（$where），支持 JS 加载项。"
    else
      jixiao_say "注意：检测到 WPS Office $ver（$where），低于 JS 加载项所需的 11.8.2.9346，加载项可能不会出现；"
      jixiao_say "      请升级 WPS。加载项文件仍会照常安装。"
    fi
    ;;
  new)
    jixiao_say "检测到 WPS Office $ver（$where）。"
    ;;
  *)
    jixiao_say "注意：检测到 WPS Office $ver（$where），这个版本不能加载 JS 加载项；需要专业版/政务版 11.8.2.9346 或更新版本。"
    jixiao_say "      加载项文件仍会照常安装。"
    ;;
  esac
}

# Warns when WPS is running: it reads its add-ins when it starts, so a running WPS must be quit (all of it,
# including the background process Linux keeps) before the add-in appears. Installation goes ahead.
# JIXIAO_PROCESSES (one command name a line) replaces the list of running programs, for tests.
jixiao_warn_if_wps_running() {
  procs=${JIXIAO_PROCESSES-$(ps -A -o comm= 2>/dev/null || true)}
  if printf '%s\n' "$procs" | sed 's#.*/##' | grep -Eqx '(wps|et|wpp|wpsoffice|wpspdf|wpscloudsvr|WPS Office)'; then
    jixiao_say "注意：WPS 正在运行。安装会照常进行，但要在安装后完全退出 WPS（包括后台常驻的进程）再打开，"
    jixiao_say "      “绩效申报”选项卡才会出现。"
  fi
  return 0
}

# The macOS jsaddons folders of the WPS installs present (their parent exists), one a line, spaces written
# as \040 so that a plain `for` splits the list only between folders.
jixiao_macos_jsaddons() {
  for app in com.kingsoft.wpsoffice.mac com.kingsoft.wpsoffice.mac.global; do
    [ -d "$HOME/Library/Containers/$app" ] &&
      printf '%s\n' "$HOME/Library/Containers/$app/Data/.kingsoft/wps/jsaddons" | sed 's/ /\\040/g'
  done
  if [ -d "$HOME/Library/Application Support/Kingsoft" ]; then
    printf '%s\n' "$HOME/Library/Application Support/Kingsoft/WPS Office/jsaddons" | sed 's/ /\\040/g'
  fi
  return 0
}
