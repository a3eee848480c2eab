# 绩效申报助手 @VERSION@ —— 把单位服务器的地址写进 Excel 加载项清单 manifest.xml（不需要 Node）。
# 用法：powershell -ExecutionPolicy Bypass -File set-url.ps1 https://服务器/路径/ [manifest.xml ...]
# 不给文件时处理本文件夹下的 online\manifest.xml 和 offline\manifest.xml。原文件先另存为 manifest.xml.bak。
# 只用 PowerShell 2.0 就有的写法（Windows 7 自带的版本也能运行）。
param(
  [Parameter(Position = 0)][string]$Url,
  [Parameter(Position = 1, ValueFromRemainingArguments = $true)][string[]]$Files
)
$ErrorActionPreference = 'Stop'
$Placeholder = '@PLACEHOLDER@'

if (-not $Url) {
  Write-Host '用法：powershell -ExecutionPolicy Bypass -File set-url.ps1 https://服务器/路径/'
  exit 2
}
$parsed = $null
if (-not [System.Uri]::TryCreate($Url, [System.UriKind]::Absolute, [ref]$parsed) -or $parsed.Scheme -ne 'https') {
  Write-Host "错误：地址必须是以 https:// 开头的完整网址，收到的是：$Url"
  exit 2
}
if ($Url -match '[\s"''<>\\?#]') {
  Write-Host "错误：地址中有空格、引号、尖括号、反斜杠、? 或 #（应是加载项文件所在文件夹的网址）：$Url"
  exit 2
}
if (-not $Url.EndsWith('/')) { $Url = $Url + '/' }
$xmlUrl = $Url.Replace('&', '&amp;')

$here = Split-Path -Parent $MyInvocation.MyCommand.Definition
if (-not $Files -or $Files.Count -eq 0) {
  $Files = @((Join-Path (Join-Path $here 'online') 'manifest.xml'), (Join-Path (Join-Path $here 'offline') 'manifest.xml'))
}
$utf8 = New-Object System.Text.UTF8Encoding($false)
$changed = 0
foreach ($f in $Files) {
  if (-not (Test-Path -LiteralPath $f)) { Write-Host "跳过：找不到 $f"; continue }
  $full = (Resolve-Path -LiteralPath $f).Path
  $text = [System.IO.File]::ReadAllText($full, $utf8)
  if ($text.IndexOf($Placeholder) -lt 0) {
    Write-Host "跳过：$full 中没有待替换的地址（$Placeholder），可能已经设置过；请用压缩包中的原始文件重新设置。"
    continue
  }
  $new = $text.Replace($Placeholder, $xmlUrl)
  # 写入前先确认结果仍是合法的 XML。
  $doc = New-Object System.Xml.XmlDocument
  $doc.LoadXml($new)
  [System.IO.File]::Copy($full, "$full.bak", $true)
  [System.IO.File]::WriteAllText($full, $new, $utf8)
  Write-Host "已写入：$full -> $Url"
  $changed++
}
if ($changed -eq 0) { Write-Host '没有修改任何文件。'; exit 1 }
exit 0
