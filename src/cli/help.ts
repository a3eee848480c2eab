/** Usage texts (Chinese), one per topic. */
import type { HelpTopic } from './args';

const MAIN = `jixiao — 部门整体绩效目标申报表：生成模板、批量校验

用法：
  jixiao template 输出.xlsx [选项]     生成空白申报表模板
  jixiao check 路径... [选项]          校验一个或多个申报表
  jixiao next 上年.xlsx 新表.xlsx      由上一年度的申报表生成下一年度的申报表
  jixiao help [check|template|next]   显示命令说明
  jixiao --version                    显示版本号

退出码：0 没有错误；1 发现错误；2 有文件无法读取或参数有误。
`;

const TEMPLATE = `用法：jixiao template 输出.xlsx [选项]

生成一张空白的部门整体绩效目标申报表（.xlsx）。

选项：
  --department 名称    部门（单位）名称
  --year 年份          预算年度，2000–2100（默认：明年）
  --horizon 年份       长期目标截止年份，预算年度至其后 20 年（默认：预算年度 + 3）
  --projects 行数      项目支出情况的空行数，0–500（默认：4）
  --no-common          不预填共性指标
  --filler 姓名        填报人
  --phone 电话         联系电话
  --force              输出文件已存在时覆盖它

示例：
  jixiao template 申报表.xlsx --department 某某县信访局 --year 2026
`;

const CHECK = `用法：jixiao check 路径... [选项]

校验申报表。路径可以是文件、文件夹（递归查找 *.xlsx，跳过 ~$ 开头的临时文件）
或通配符（*、**、?，例如 "报表/**/*.xlsx"）。多个文件并行校验，结果按给出的顺序输出；
一个文件无法读取（损坏、过大、超时）只影响它自己。

选项：
  --format text|json   输出格式（默认：text）
  --annotate 目录      把每个文件的副本写入该目录：问题单元格标色并加批注，
                       另加“校验结果”工作表；原文件不会被改动
  --year 年份          预算年度（默认：从表头年份或填报日期推断）
  --summary 文件.xlsx  运行结束时写出审核汇总工作簿（汇总、问题明细、规则统计）
  --force              审核汇总或标注副本已存在时覆盖它
  --jobs 数量          同时校验的文件数（默认：CPU 核数）
  --previous 上年      与上年度的申报表对比（previous-* 规则）：给文件时每张表都与它对比；
                       给文件夹时每张表与其中同一部门（单位）的上年申报表对比
  --no-cache           （与 --previous 一起）重新读取每张上年申报表，不使用也不保存缓存

退出码：0 没有错误；1 发现错误；2 有文件无法读取或参数有误。

示例：
  jixiao check 申报表.xlsx
  jixiao check 各单位报表/ --format json > 结果.json
  jixiao check "2026/**/*.xlsx" --annotate 已标注
  jixiao check 各单位报表/ --summary 审核汇总.xlsx --annotate 已标注
  jixiao check 2027年/ --previous 2026年/ --summary 审核汇总.xlsx
`;

const NEXT = `用法：jixiao next 上年.xlsx 新表.xlsx [选项]

由上一年度的申报表生成下一年度的申报表：资金表“上年”列移入“前年”列，当年金额移入“上年”列，
年度绩效指标的近两年指标值同样移动，年份表头加一年；当年金额、项目本年度预算和填报日期清空待填；
其余内容（格式、合并单元格、公式、名称、数据验证、页面设置、图片）原样保留。
上一年度的文件不会被改动。生成后列出移动了什么、还要填什么，并校验新表。

选项：
  --year 年份          新申报表的预算年度（默认：上一年度的预算年度 + 1）
  --force              新表文件已存在时覆盖它

示例：
  jixiao next 2026年申报表.xlsx 2027年申报表.xlsx
`;

export function usage(topic: HelpTopic): string {
  if (topic === 'next') return NEXT;
  if (topic === 'check') return CHECK;
  if (topic === 'template') return TEMPLATE;
  return MAIN;
}
