# 绩效申报助手（jixiao）WPS 表格加载项 —— Windows 安装脚本。
# 用法：双击同一文件夹里的 install.bat（它以本用户身份运行本脚本，不需要管理员权限，也不需要联网）。
# 安装到 %APPDATA%\kingsoft\wps\jsaddons\jixiao_<版本>，并在该文件夹的 publish.xml 里登记；
# publish.xml 中其他加载项的登记保持不变。先说明本机的 WPS 能否加载 JS 加载项，然后照常安装；
# 只想看检测结果、不安装：powershell -ExecutionPolicy Bypass -File .\install.ps1 -Check
# 本脚本只用 Windows PowerShell 2.0（Windows 7 自带）就有的写法（tests/wps/powershell.test.ts 检查）。
param([switch]$Check)
$ErrorActionPreference = 'Stop'
$Name = 'jixiao'
$Version = '@VERSION@'
$Mark = '.jixiao-created-publish-xml'
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$JsAddons = if ($env:JIXIAO_JSADDONS) { $env:JIXIAO_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$Target = Join-Path $JsAddons "$($Name)_$Version"
$Publish = Join-Path $JsAddons 'publish.xml'

# This add-in's own folders only: jixiao_<version> (digits and dots), never jixiao_tools_1.0 and the like.
function Get-OwnFolders([string]$Dir) {
  if (-not (Test-Path -LiteralPath $Dir)) { return }
  Get-ChildItem -LiteralPath $Dir -Force | Where-Object { $_.PSIsContainer -and $_.Name -match ('^' + $Name + '_\d+(\.\d+)*$') }
}

# The WPS versions installed: version-named folders (11.1.0.9566, holding office6) under the usual install
# roots and where the registry's InstallRoot points (the version folder, its office6, or their parent).
# JIXIAO_WPS_ROOTS (;-separated) replaces the roots, for tests.
function Find-WpsVersions {
  $candidates = @()
  $roots = @()
  if ($env:JIXIAO_WPS_ROOTS) {
    $roots = @($env:JIXIAO_WPS_ROOTS.Split(';'))
  } else {
    foreach ($base in @($env:LOCALAPPDATA, ${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
      if ($base) { $roots += (Join-Path $base 'Kingsoft\WPS Office') }
    }
    foreach ($key in @('HKCU:\Software\Kingsoft\Office\6.0\Common', 'HKLM:\SOFTWARE\Kingsoft\Office\6.0\Common', 'HKLM:\SOFTWARE\Wow6432Node\Kingsoft\Office\6.0\Common')) {
      try {
        $root = [string](Get-ItemProperty -Path $key -Name InstallRoot -ErrorAction Stop).InstallRoot
        if ($root) {
          $root = $root.TrimEnd('\')
          $parent = Split-Path -Parent $root
          $candidates += $root
          $candidates += $parent
          $roots += $root
          $roots += $parent
        }
      } catch { }
    }
  }
  foreach ($root in $roots) {
    if (-not $root -or -not (Test-Path -LiteralPath $root)) { continue }
    foreach ($dir in @(Get-ChildItem -LiteralPath $root -Force | Where-Object { $_.PSIsContainer })) { $candidates += $dir.FullName }
  }
  $found = @()
  foreach ($dir in $candidates) {
    if (-not $dir) { continue }
    $leaf = Split-Path -Leaf $dir
    if ($leaf -match '^\d+\.\d+\.\d+\.\d+$' -and (Test-Path -LiteralPath (Join-Path $dir 'office6'))) {
      $found += (New-Object System.Version($leaf))
    }
  }
  $found | Sort-Object -Descending
}

# Kingsoft's published floors for JS add-ins on Windows: personal (11.1) 11.1.0.9566, enterprise (11.8) 11.8.2.8808.
function Report-Wps {
  $versions = @(Find-WpsVersions)
  if ($versions.Count -eq 0) {
    Write-Host '注意：没有找到 WPS Office。加载项文件仍会装好；装上 WPS Office（个人版 11.1.0.9566、企业版 11.8.2.8808 或更新版本）后即可使用。'
    return
  }
  $v = $versions[0]
  if ($v.Major -ge 12) {
    Write-Host "检测到 WPS Office $v。"
  } elseif ($v.Major -eq 11 -and $v.Minor -eq 1) {
    if ($v -ge (New-Object System.Version('11.1.0.9566'))) { Write-Host "检测到 WPS Office 个人版 $v，支持 JS 加载项。" }
    else { Write-Host "注意：检测到 WPS Office 个人版 $v，低于 JS 加载项所需的 11.1.0.9566，加载项可能不会出现，请升级 WPS。加载项文件仍会照常安装。" }
  } elseif ($v.Major -eq 11) {
    if ($v -ge (New-Object System.Version('11.8.2.8808'))) { Write-Host "检测到 WPS Office $v，支持 JS 加载项。" }
    else { Write-Host "注意：检测到 WPS Office $v，低于 JS 加载项所需的 11.8.2.8808（企业版），加载项可能不会出现，请升级 WPS。加载项文件仍会照常安装。" }
  } else {
    Write-Host "注意：检测到 WPS Office $v，这个版本不能加载 JS 加载项；需要个人版 11.1.0.9566、企业版 11.8.2.8808 或更新版本。加载项文件仍会照常安装。"
  }
}

# Finding WPS must never stop the installation (a folder that cannot be listed, a registry without access).
try { Report-Wps } catch { Write-Host '提示：无法确定本机的 WPS 版本，继续安装。' }
# WPS reads its add-ins when it starts: a running WPS must be quit, tray icon included, before the add-in appears.
try {
  $running = @(Get-Process -Name 'wps', 'et', 'wpp', 'wpspdf', 'wpscloudsvr' -ErrorAction SilentlyContinue)
  if ($running.Count -gt 0) {
    Write-Host '注意：WPS 正在运行。安装会照常进行，但要在安装后完全退出 WPS（包括任务栏右下角托盘里的 WPS 图标）再打开，“绩效申报”选项卡才会出现。'
  }
} catch { }
if ($Check) { exit 0 }

foreach ($f in 'ribbon.xml', 'index.html', 'main.js') {
  if (-not (Test-Path (Join-Path $Here $f))) {
    Write-Host "错误：没有在 $Here 找到加载项文件 $f。请在解压后的 $($Name)_$Version 文件夹里运行 install.bat。"
    exit 1
  }
}
New-Item -ItemType Directory -Force -Path $JsAddons | Out-Null

# An earlier install that created publish.xml itself passes that fact on, so uninstall can remove the file again.
$created = -not (Test-Path $Publish)
foreach ($old in @(Get-OwnFolders $JsAddons)) {
  if (Test-Path -LiteralPath (Join-Path $old.FullName $Mark)) { $created = $true }
}

# Copy first, register afterwards: WPS never sees a half-copied add-in.
$hereFull = (Resolve-Path $Here).Path.TrimEnd('\')
if ($hereFull -ne $Target.TrimEnd('\')) {
  $tmp = "$Target.tmp"
  if (Test-Path $tmp) { Remove-Item $tmp -Recurse -Force }
  Copy-Item -Path $hereFull -Destination $tmp -Recurse
  if (Test-Path $Target) { Remove-Item $Target -Recurse -Force }
  Rename-Item -Path $tmp -NewName (Split-Path -Leaf $Target)
}
foreach ($old in @(Get-OwnFolders $JsAddons)) {
  if ($old.FullName.TrimEnd('\') -ne $Target.TrimEnd('\')) { Remove-Item -LiteralPath $old.FullName -Recurse -Force }
}
$markFile = Join-Path $Target $Mark
if (Test-Path $markFile) { Remove-Item $markFile -Force }
if ($created) { New-Item -ItemType File -Path $markFile -Force | Out-Null }

$doc = New-Object System.Xml.XmlDocument
if (Test-Path $Publish) {
  try { $doc.Load($Publish) } catch {
    Copy-Item $Publish "$Publish.jixiao-broken" -Force
    Write-Host '提示：原 publish.xml 无法识别，已另存为 publish.xml.jixiao-broken，并新建 publish.xml。'
    $doc = New-Object System.Xml.XmlDocument
  }
}
if ($null -eq $doc.DocumentElement -or $doc.DocumentElement.Name -ne 'jsplugins') {
  $doc = New-Object System.Xml.XmlDocument
  [void]$doc.AppendChild($doc.CreateXmlDeclaration('1.0', 'UTF-8', 'yes'))
  [void]$doc.AppendChild($doc.CreateElement('jsplugins'))
}
# jspluginonline entries of this name are left by wpsjs debug: two entries with one name break loading.
$online = @($doc.DocumentElement.SelectNodes("jspluginonline[@name='$Name']")).Count
if ($online -gt 0) { Write-Host "提示：publish.xml 中有调试时留下的 jspluginonline 登记（name=`"$Name`"），已移除，以免与本次安装重名。" }
foreach ($node in @($doc.DocumentElement.SelectNodes("jsplugin[@name='$Name'] | jspluginonline[@name='$Name']"))) {
  [void]$node.ParentNode.RemoveChild($node)
}
$entry = $doc.CreateElement('jsplugin')
$entry.SetAttribute('name', $Name)
$entry.SetAttribute('type', 'et')
$entry.SetAttribute('url', "$($Name)_$Version")
$entry.SetAttribute('version', $Version)
$entry.SetAttribute('enable', 'enable_dev')
$entry.SetAttribute('install', 'null')
# The attributes wpsjs build writes for an offline add-in.
$entry.SetAttribute('customDomain', '')
[void]$doc.DocumentElement.AppendChild($entry)

$settings = New-Object System.Xml.XmlWriterSettings
$settings.Indent = $true
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$writer = [System.Xml.XmlWriter]::Create($Publish, $settings)
try { $doc.Save($writer) } finally { $writer.Close() }

Write-Host "已安装绩效申报助手 $Version："
Write-Host "  加载项文件：$Target"
Write-Host "  登记文件：  $Publish"
Write-Host ''
Write-Host '下一步：完全退出 WPS（包括右下角托盘里的 WPS 图标），再打开 WPS 表格。'
Write-Host '若 WPS 询问是否信任“jixiao”加载项，请选择信任，然后按提示再重启一次 WPS。'
Write-Host '之后功能区会出现“绩效申报”选项卡。'
