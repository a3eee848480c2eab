# 绩效申报助手（jixiao）WPS 表格加载项 —— Windows 卸载脚本（由 uninstall.bat 运行）。
# 删除 %APPDATA%\kingsoft\wps\jsaddons 里的 jixiao_<版本> 文件夹和 publish.xml 中 jixiao 的登记，
# 其他加载项不受影响；若 publish.xml 是安装时新建的、且已没有其他登记，也一并删除。
# 只用 Windows PowerShell 2.0（Windows 7 自带）就有的写法。
$ErrorActionPreference = 'Stop'
$Name = 'jixiao'
$Mark = '.jixiao-created-publish-xml'
$JsAddons = if ($env:JIXIAO_JSADDONS) { $env:JIXIAO_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$Publish = Join-Path $JsAddons 'publish.xml'

$created = $false
$found = $false
if (Test-Path -LiteralPath $JsAddons) {
  # This add-in's own folders only: jixiao_<version>, never jixiao_tools_1.0 and the like.
  $own = @(Get-ChildItem -LiteralPath $JsAddons -Force | Where-Object { $_.PSIsContainer -and $_.Name -match ('^' + $Name + '_\d+(\.\d+)*$') })
  foreach ($old in $own) {
    $found = $true
    if (Test-Path -LiteralPath (Join-Path $old.FullName $Mark)) { $created = $true }
    Remove-Item -LiteralPath $old.FullName -Recurse -Force
  }
}
if (Test-Path $Publish) {
  $doc = New-Object System.Xml.XmlDocument
  $doc.PreserveWhitespace = $true
  $doc.Load($Publish)
  # jsplugin and the jspluginonline entries wpsjs debug leaves.
  foreach ($node in @($doc.DocumentElement.SelectNodes("jsplugin[@name='$Name'] | jspluginonline[@name='$Name']"))) {
    $prev = $node.PreviousSibling
    if ($null -ne $prev -and $prev.NodeType -eq [System.Xml.XmlNodeType]::Whitespace) { [void]$prev.ParentNode.RemoveChild($prev) }
    [void]$node.ParentNode.RemoveChild($node)
  }
  $left = $doc.DocumentElement.SelectNodes('jsplugin|jspluginonline').Count
  if ($created -and $left -eq 0) {
    Remove-Item $Publish -Force
  } else {
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    $writer = [System.Xml.XmlWriter]::Create($Publish, $settings)
    try { $doc.Save($writer) } finally { $writer.Close() }
  }
}
if ($found) { Write-Host "已从 $JsAddons 卸载绩效申报助手。" } else { Write-Host "在 $JsAddons 没有找到绩效申报助手，publish.xml 中的登记（如有）已清除。" }
Write-Host '重启 WPS 后“绩效申报”选项卡即消失。'
