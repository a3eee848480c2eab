# 绩效申报助手（jixiao）WPS 表格加载项 —— Windows 安装脚本。
# 用法：双击同一文件夹里的 install.bat（它以本用户身份运行本脚本，不需要管理员权限，也不需要联网）。
# 安装到 %APPDATA%\kingsoft\wps\jsaddons\jixiao_<版本>，并在该文件夹的 publish.xml 里登记；
# publish.xml 中其他加载项的登记保持不变。
$ErrorActionPreference = 'Stop'
$Name = 'jixiao'
$Version = '@VERSION@'
$Mark = '.jixiao-created-publish-xml'
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$JsAddons = if ($env:JIXIAO_JSADDONS) { $env:JIXIAO_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$Target = Join-Path $JsAddons "$($Name)_$Version"
$Publish = Join-Path $JsAddons 'publish.xml'

foreach ($f in 'ribbon.xml', 'index.html', 'main.js') {
  if (-not (Test-Path (Join-Path $Here $f))) {
    Write-Host "错误：没有在 $Here 找到加载项文件 $f。请在解压后的 $($Name)_$Version 文件夹里运行 install.bat。"
    exit 1
  }
}
New-Item -ItemType Directory -Force -Path $JsAddons | Out-Null

# An earlier install that created publish.xml itself passes that fact on, so uninstall can remove the file again.
$created = -not (Test-Path $Publish)
foreach ($old in @(Get-ChildItem -Path $JsAddons -Directory -Filter "$($Name)_*")) {
  if (Test-Path (Join-Path $old.FullName $Mark)) { $created = $true }
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
foreach ($old in @(Get-ChildItem -Path $JsAddons -Directory -Filter "$($Name)_*")) {
  if ($old.FullName.TrimEnd('\') -ne $Target.TrimEnd('\')) { Remove-Item $old.FullName -Recurse -Force }
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
foreach ($node in @($doc.DocumentElement.SelectNodes("jsplugin[@name='$Name']"))) {
  [void]$node.ParentNode.RemoveChild($node)
}
$entry = $doc.CreateElement('jsplugin')
$entry.SetAttribute('name', $Name)
$entry.SetAttribute('type', 'et')
$entry.SetAttribute('url', "$($Name)_$Version")
$entry.SetAttribute('version', $Version)
$entry.SetAttribute('enable', 'enable_dev')
$entry.SetAttribute('install', 'null')
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
