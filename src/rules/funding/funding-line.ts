import { editionById } from '../../form/editions';
import type { Rule } from '../rule';
import { fundingBlocks, linesOf } from '../support/funding-model';
import { addr } from '../support/util';
import { withFunding } from '../support/funding';

/**
 * A row between a block's first line and its 合计 whose label is not one of
 * the edition's lines: never dropped (it counts into the block's sum), but
 * named once, since the 合计 and 占比 fixes can no longer rely on it.
 */
export const fundingLine: Rule = {
  meta: {
    id: 'funding-line',
    severity: 'warning',
    section: 'funding',
    title: '未识别的收支行',
    description:
      '收入、支出两块中，第一行与“合计”之间每一行都计入本块合计；行名不是本版申报表（见“版本”）的收支行时提示一次，写出行名。此时该块的合计、占比只指出问题，不给修正值。',
    messages: {
      unknown:
        '“{block}”中的“{label}”不是{edition}的收支行（应为 {lines}）：已计入{name}合计，本块合计与占比不给修正值，请核对这一行',
      unlabelled:
        '“{block}”第 {row} 行有金额但没有行名：已计入{name}合计，本块合计与占比不给修正值，请写明行名或删除这一行',
    },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      const edition = editionById(ctx.form.edition);
      for (const def of fundingBlocks(ctx.form)) {
        const seen = new Map<string, number>();
        const found: { label: string; cells: ReturnType<typeof addr>[]; row: number }[] = [];
        for (const l of linesOf(funding, def)) {
          if (l.known) continue;
          const key = l.name.replace(/\s+/g, '');
          const at = key ? seen.get(key) : undefined;
          if (at !== undefined) {
            found[at]!.cells.push(addr(l.line.label));
            continue;
          }
          if (key) seen.set(key, found.length);
          found.push({ label: l.name, cells: [addr(l.line.label)], row: l.line.label.ref.row + 1 });
        }
        for (const f of found) {
          const common = { block: def.label, name: def.name };
          ctx.report({
            severity: 'warning',
            ...(f.label
              ? {
                  messageId: 'unknown',
                  data: {
                    ...common,
                    label: f.label.replace(/\s+/g, ' '),
                    edition: edition.name,
                    lines: def.lines.map((x) => x.name).join('、'),
                  },
                }
              : { messageId: 'unlabelled', data: { ...common, row: f.row } }),
            cells: f.cells,
          });
        }
      }
    });
  },
};
