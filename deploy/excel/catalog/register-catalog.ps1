<#
  绩效申报助手：把共享文件夹登记为 Excel 的受信任加载项目录（Office 2016 及以上，写当前用户的注册表）。
  兼容 Windows PowerShell 2.0（Windows 7 自带）及以上。

  用法（以要使用 Excel 的用户身份运行；组策略里作为“用户配置 → 登录脚本”运行）：
    powershell -NoProfile -ExecutionPolicy Bypass -File register-catalog.ps1 -SharePath \\fileserver\excel-addins
    powershell -NoProfile -ExecutionPolicy Bypass -File register-catalog.ps1 -Remove

  写入 HKCU\Software\Microsoft\Office\16.0\WEF\TrustedCatalogs\{6686f50e-740e-4a75-a9b9-3b80db38a499}：
    Id    = 同一个 GUID（字符串）
    Url   = 共享路径（字符串）
    Flags = 1（DWORD：在“加载项”对话框的“共享文件夹”中显示）
  重复运行结果相同；-Remove 只删除这一项，其他目录不动。改动在 Excel 下次启动时生效。
#>
param(
    [string]$SharePath = '',
    [switch]$Remove
)

$ErrorActionPreference = 'Stop'
$CatalogId = '{6686f50e-740e-4a75-a9b9-3b80db38a499}'
$Catalogs = 'HKCU:\Software\Microsoft\Office\16.0\WEF\TrustedCatalogs'
$Key = Join-Path $Catalogs $CatalogId

if ($Remove) {
    if (Test-Path $Key) {
        Remove-Item -Path $Key -Recurse
        Write-Host ('已删除受信任加载项目录 ' + $CatalogId + '。请重启 Excel。')
    } else {
        Write-Host '没有登记过这个目录，无需删除。'
    }
    exit 0
}

if ($SharePath -eq '') {
    Write-Host '请用 -SharePath 给出共享文件夹，例如 -SharePath \\fileserver\excel-addins'
    exit 2
}
if (-not $SharePath.StartsWith('\\')) {
    Write-Host ('共享路径应以 \\ 开头（例如 \\fileserver\excel-addins），收到的是：' + $SharePath)
    exit 2
}

if (-not (Test-Path $Catalogs)) {
    New-Item -Path $Catalogs -Force | Out-Null
}
if (-not (Test-Path $Key)) {
    New-Item -Path $Key | Out-Null
}
New-ItemProperty -Path $Key -Name 'Id' -Value $CatalogId -PropertyType String -Force | Out-Null
New-ItemProperty -Path $Key -Name 'Url' -Value $SharePath -PropertyType String -Force | Out-Null
New-ItemProperty -Path $Key -Name 'Flags' -Value 1 -PropertyType DWord -Force | Out-Null
Write-Host ('已把 ' + $SharePath + ' 登记为受信任加载项目录。请重启 Excel，然后在“开始”→“加载项”→“共享文件夹”中添加“绩效申报助手”。')
exit 0
