import { hasDateBlanks } from '../form/values';
/**
 * Section 0 and 1: the title block (title, 填报日期, 单位：万元) and the row of
 * three label/value pairs (部门（单位）名称, 填报人, 联系电话).
 */
import { LABEL_NAMES, type LabelKey } from '../form/labels';
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
  const value = ctx.valueRightOf(hit);
  if (ctx.labels.at(value.ref.row, value.ref.col)) {
    // The next label follows at once: the form has no cell to write this value in.
    ctx.problem('header', `“${LABEL_NAMES[key]}”右侧没有填写内容的单元格`, [ctx.view.cell(hit.row, hit.col)]);
    return null;
  }
  return value;
}
