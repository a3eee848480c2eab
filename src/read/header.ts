import { hasDateBlanks } from '../form/values';
/**
 * Section 0 and 1: the title block (title, 填报日期, 单位：万元) and the row of
 * three label/value pairs (部门（单位）名称, 填报人, 联系电话).
 */
import { LABEL_NAMES, titleYearOf, type LabelKey } from '../form/labels';
import type { Field, Header } from '../form/types';
import type { LabelHit, ReadContext } from './locate';

export function readHeader(ctx: ReadContext, formTop: number): Header {
  const { labels, view } = ctx;
  // The header sits above the sections; a label repeated further down (in a note, say) is not it.
  const pick = (key: LabelKey): LabelHit | null => labels.first(key, -Infinity, formTop) ?? labels.all(key)[0] ?? null;

  const titleHit = pick('title');
  const dateHit = pick('fillDate');
  const unitHit = pick('unit');

  let fillDate: Field | null = null;
  if (dateHit) {
    // "填报日期：  2025年  11月   26日" keeps the date in the label cell itself, and so does a label
    // with the blanks still empty ("填报日期：    年   月   日", as `jixiao next` leaves it).
    fillDate = hasDateBlanks(dateHit.rest) ? view.field(dateHit.row, dateHit.col) : ctx.valueRightOf(dateHit);
  } else {
    ctx.problem('header', `未找到“${LABEL_NAMES.fillDate}”`);
  }

  let unit: Field | null = null;
  if (unitHit) unit = unitHit.rest ? view.field(unitHit.row, unitHit.col) : ctx.valueRightOf(unitHit);
  else if (dateHit && /单位:/.test(dateHit.rest)) unit = view.field(dateHit.row, dateHit.col);

  return {
    title: titleHit ? view.field(titleHit.row, titleHit.col) : null,
    titleYear: findTitleYear(ctx, titleHit, formTop),
    department: pairValue(ctx, pick('department'), 'department'),
    filler: pairValue(ctx, pick('filler'), 'filler'),
    phone: pairValue(ctx, pick('phone'), 'phone'),
    fillDate,
    unit,
  };
}

function pairValue(ctx: ReadContext, hit: LabelHit | null, key: LabelKey): Field | null {
  if (!hit) {
    ctx.problem('header', `未找到“${LABEL_NAMES[key]}”`);
    return null;
  }
  if (hit.rest) return valueInLabel(ctx, hit);
  const value = ctx.valueRightOf(hit);
  if (ctx.labels.at(value.ref.row, value.ref.col)) {
    // The next label follows at once: the form has no cell to write this value in.
    ctx.problem('header', `“${LABEL_NAMES[key]}”右侧没有填写内容的单元格`, [ctx.view.cell(hit.row, hit.col)]);
    return null;
  }
  return value;
}

/**
 * “部门(单位)名称:某某县交通运输局”: the label and its value in one cell. The
 * Field is that cell with the text after the first colon as its value, so the
 * rules read the value and flag the cell where it is written.
 */
function valueInLabel(ctx: ReadContext, hit: LabelHit): Field {
  const cell = ctx.view.field(hit.row, hit.col);
  const raw = cell.text || String(cell.value ?? '');
  const at = raw.search(/[:：]/);
  const value = at >= 0 ? raw.slice(at + 1).trim() : hit.rest;
  return { ...cell, value, text: value };
}

/**
 * The budget year the title block states: the title cell itself (“2021年度部门
 * 整体支出绩效目标申报表”), or a cell of its own near it (“(    2021     年度)”),
 * above the form's first section.
 */
function findTitleYear(
  ctx: ReadContext,
  title: LabelHit | null,
  formTop: number,
): { year: number; cell: Field } | null {
  const { view } = ctx;
  const top = title ? Math.max(view.top, title.area.top - 2) : view.top;
  const bottom = title ? Math.min(formTop, title.area.bottom + 3) : Math.min(formTop, view.top + 6);
  for (let r = top; r < bottom; r++) {
    for (let c = view.left; c < view.right; c++) {
      if (!view.hasOwnContent(r, c)) continue;
      const v = view.rawValue(r, c);
      if (typeof v !== 'string' || v.length > 64) continue;
      const year = titleYearOf(v);
      if (year !== null) return { year, cell: view.field(r, c) };
    }
  }
  return null;
}
