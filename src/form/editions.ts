/**
 * The editions of the form the reader knows, as data (docs/spec/editions.md).
 * One description per edition, in this one place: its title, its funding
 * blocks and their lines, the line the project table sums to, and its
 * sections. The reader detects the edition from what the sheet prints; the
 * rules and the roll forward take the lines from here. Adding an edition is
 * adding a description below (and a fixture that reads it): see docs/reader.md.
 */
import type { SectionCode } from './types';

/** Public ids (the JSON's `edition`, the summary's 版本 column): never renamed once released. */
export type EditionId = 'hubei-a' | 'hubei-b';

export interface EditionLine {
  /** The line's code in DeclarationForm's FundingBlock.lines. */
  code: string;
  /** The printed label, for messages. */
  name: string;
  /** Other spellings, normalised (see normalizeLabel). */
  aliases: readonly string[];
}

export interface EditionBlock {
  key: 'income' | 'expenditure';
  /** For messages: 收入合计. */
  name: string;
  /** The block label printed on the form. */
  label: string;
  lines: readonly EditionLine[];
}

export interface EditionDescription {
  id: EditionId;
  /** Chinese name shown to the user (text output, summary workbook, pane). */
  name: string;
  /** The title printed on the form, normalised. */
  title: string;
  /** True for the edition the template generates. */
  current: boolean;
  blocks: readonly [EditionBlock, EditionBlock];
  /** The expenditure line whose 当年金额 the projects' 本年度预算 add up to (project-sum, project-missing). */
  projectsLine: string;
  /** The sections the edition prints, in order. */
  sections: readonly SectionCode[];
}

const SECTIONS: readonly SectionCode[] = [
  'header',
  'funding',
  'functions',
  'annualTasks',
  'projects',
  'goals',
  'longTermIndicators',
  'annualIndicators',
];

/** Edition A: Hubei's current form (docs/spec/form.md), the one `jixiao template` generates. */
const HUBEI_A: EditionDescription = {
  id: 'hubei-a',
  name: '湖北省现行版（部门整体绩效目标申报表）',
  title: '部门整体绩效目标申报表',
  current: true,
  blocks: [
    {
      key: 'income',
      name: '收入',
      label: '收入构成',
      lines: [
        { code: 'appropriation', name: '财政拨款', aliases: ['财政拨款', '财政拨款收入'] },
        {
          code: 'specialAccount',
          name: '财政专户管理资金',
          aliases: ['财政专户管理资金', '财政专户管理资金收入', '财政专户资金'],
        },
        { code: 'unitFunds', name: '单位资金', aliases: ['单位资金', '单位资金收入'] },
      ],
    },
    {
      key: 'expenditure',
      name: '支出',
      label: '支出构成',
      lines: [
        { code: 'personnel', name: '人员类项目支出', aliases: ['人员类项目支出', '人员类项目', '人员类支出'] },
        { code: 'operations', name: '运转类项目支出', aliases: ['运转类项目支出', '运转类项目', '运转类支出'] },
        {
          code: 'specialPurpose',
          name: '特定目标类项目支出',
          aliases: ['特定目标类项目支出', '特定目标类项目', '特定目标类支出'],
        },
      ],
    },
  ],
  projectsLine: 'specialPurpose',
  sections: SECTIONS,
};

/**
 * Edition B: Hubei's earlier form, 部门整体支出绩效目标申报表 (used up to the
 * 2023 budget year at least). Same columns and, as far as published copies
 * show, the same family of sections; its lines are 财政拨款 · 其他资金 and
 * 基本支出 · 项目支出. Here 项目支出 is a funding line, not the section 项目支出情况.
 */
const HUBEI_B: EditionDescription = {
  id: 'hubei-b',
  name: '湖北省早期版（部门整体支出绩效目标申报表）',
  title: '部门整体支出绩效目标申报表',
  current: false,
  blocks: [
    {
      key: 'income',
      name: '收入',
      label: '收入构成',
      lines: [
        { code: 'appropriation', name: '财政拨款', aliases: ['财政拨款', '财政拨款收入'] },
        { code: 'otherFunds', name: '其他资金', aliases: ['其他资金', '其他资金收入', '其他收入'] },
      ],
    },
    {
      key: 'expenditure',
      name: '支出',
      label: '支出构成',
      lines: [
        { code: 'basic', name: '基本支出', aliases: ['基本支出'] },
        { code: 'project', name: '项目支出', aliases: ['项目支出'] },
      ],
    },
  ],
  projectsLine: 'project',
  sections: SECTIONS,
};

/** Every edition the reader knows; the first is the default when a sheet shows none of them clearly. */
export const EDITIONS: readonly EditionDescription[] = [HUBEI_A, HUBEI_B];

export const DEFAULT_EDITION: EditionDescription = HUBEI_A;

export function editionById(id: EditionId | undefined): EditionDescription {
  return EDITIONS.find((e) => e.id === id) ?? DEFAULT_EDITION;
}

/** The edition `jixiao template` generates. */
export const CURRENT_EDITION: EditionDescription = EDITIONS.find((e) => e.current) ?? HUBEI_A;

/** The line of `edition` whose normalised label is `label`, in either block, or null. */
export function editionLineOf(
  edition: EditionDescription,
  label: string,
): { block: EditionBlock; line: EditionLine } | null {
  for (const block of edition.blocks) {
    for (const line of block.lines) if (line.aliases.includes(label)) return { block, line };
  }
  return null;
}
