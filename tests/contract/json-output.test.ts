/**
 * The JSON output of `jixiao check --format json` is a documented contract:
 * this test pins it byte for byte on the bundled example (through the built
 * command line) and on the variants the other tests build (the typed forms of
 * tests/read/fixtures.ts, the forms of tests/helpers/form-builder.ts, the
 * template, and the example with each of its fields made wrong in a few ways),
 * so a refactoring of how findings are built or carried cannot change a byte.
 *
 * The expected text lives in json-output.golden.txt. It was written by this
 * test (JIXIAO_WRITE_GOLDEN=1) on the code before the refactoring; rewrite it
 * only for a deliberate, documented change of the contract.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { check } from '../../src/check';
import { JsonStream, jsonFinding } from '../../src/cli/output/format-json';
import type { DeclarationForm, Field } from '../../src/form/types';
import { MemoryHost } from '../fakes/memory';
import { readDeclaration } from '../../src/read';
import type { CellValue } from '../../src/sheet/grid';
import type { CheckOptions, Explanation } from '../../src/report/types';
import { buildTemplate, type TemplateParams } from '../../src/template';
import { buildCli, EXAMPLE, jixiao, ROOT } from '../cli/run-cli';
import { XlsxHost } from '../../src/host/exceljs';
import { rollForward } from '../../src/next/roll';
import { applyToGrid } from '../next/helpers';
import { at, exampleForm, put, setIndicators, setProjects, specsOf, validForm } from '../helpers/form-builder';
import { buildGrid, type GridSpec } from '../helpers/grid-builder';
import { stressForm, typedForm, withJunkAround, type FormSpec, type TypedFormOptions } from '../read/fixtures';
import { parseRef, refText } from '../../src/sheet/cell-range';
import { editionBForm } from '../editions/fixtures';

const GOLDEN = path.join(__dirname, 'json-output.golden.txt');

/** One JSON entry as the command line writes it for a form (JsonStream.entry, without the separator). */
function entry(file: string, form: DeclarationForm, options: CheckOptions = {}): string {
  const report = check(form, options);
  const department = form.header.department?.text.trim();
  return new JsonStream()
    .entry({ kind: 'form', file, sheet: form.sheet, report, department: department ? department : null })
    .trim();
}

function readSpec(spec: FormSpec, grid: GridSpec = {}): DeclarationForm {
  const r = readDeclaration(
    buildGrid(spec.rows, { sheet: '申报表', merges: spec.merges, numFmt: spec.numFmt, ...grid }),
  );
  if (!r.form) throw new Error(`not read as a form: ${r.reason}`);
  return r.declaration;
}

async function readTemplate(p: TemplateParams): Promise<DeclarationForm> {
  const host = new MemoryHost();
  const sheet = await host.createSheet(buildTemplate(p));
  const r = readDeclaration(await host.readGrid(sheet));
  if (!r.form) throw new Error(r.reason);
  return r.declaration;
}

/** Every Field of a form, in a fixed order (depth first, keys in insertion order). */
function fieldsOf(form: DeclarationForm): Field[] {
  const out: Field[] = [];
  const walk = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    if (Array.isArray(o)) {
      for (const x of o) walk(x);
      return;
    }
    const f = o as Partial<Field>;
    if (f.ref && typeof f.ref.address === 'string' && 'value' in f && 'formula' in f) {
      out.push(f as Field);
      return;
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(form);
  return out;
}

/** Values that make a field wrong in different ways. */
const HOSTILE: CellValue[] = [null, '……', -1, 1e9, '无', 'abc', '150%'];

async function sections(): Promise<string[]> {
  const out: string[] = [];
  const add = (name: string, body: string): void => {
    out.push(`## ${name}\n${body}\n`);
  };

  const typed: [string, TypedFormOptions][] = [
    ['typed', {}],
    ['typed share plain', { share: 'plain' }],
    ['typed share text', { share: 'text' }],
    ['typed amounts text', { amounts: 'text' }],
    ['typed history bare', { history: 'bare' }],
    ['typed history relative', { history: 'relative' }],
    ['typed date cell', { date: 'cell' }],
    ['typed date in label', { date: 'inLabel' }],
    ['typed extra projects', { extraProjects: 3, blankProjectRow: true }],
    ['typed extra indicators', { extraIndicators: 4 }],
    ['typed labels', { labels: { 收入构成: '收入\n构成', 部门整体绩效目标申报表: '部门整体 绩效目标申报表' } }],
  ];
  for (const [name, o] of typed) add(name, entry(`${name}.xlsx`, readSpec(typedForm(o))));
  add('typed at F20 with junk', entry('junk.xlsx', readSpec(withJunkAround(typedForm(), 5, 3), { origin: 'F20' })));
  add('stress 30x40', entry('stress.xlsx', readSpec(stressForm(30, 40))));
  // Sheet names an A1 reference must quote, and one it must not.
  for (const sheet of ["O'Neil 表", '2026 申报', 'Sheet1', 'AB12']) {
    add(`sheet ${sheet}`, entry('quoted.xlsx', readSpec(typedForm(), { sheet })));
  }

  // Edition B (docs/spec/editions.md): added with the `edition` field; everything above was unchanged by it.
  add('edition B correct', entry('b.xlsx', readSpec(editionBForm())));
  add('edition B year-less history headers', entry('b.xlsx', readSpec(editionBForm({ history: 'yearless' }))));
  add('edition B unknown line', entry('b.xlsx', readSpec(editionBForm({ unknownLine: true, historyError: true }))));

  add('form-builder example', entry('example.xlsx', exampleForm()));
  add('form-builder valid', entry('valid.xlsx', validForm()));
  add('form-builder example, budget year 2030', entry('example.xlsx', exampleForm(), { budgetYear: 2030 }));
  add('form-builder example, classifications', entry('example.xlsx', exampleForm(), { classifications: ['核心型'] }));

  const noProjects = validForm();
  setProjects(noProjects, []);
  add('form-builder no projects', entry('p.xlsx', noProjects));
  const duplicate = validForm();
  const lt = duplicate.longTermIndicators!;
  setIndicators(duplicate, 'longTerm', [
    ...specsOf(lt),
    { ...specsOf(lt)[0]!, l1: undefined, l2: undefined, l3: ' 公用经费控制率' },
  ]);
  add('form-builder duplicate indicator', entry('d.xlsx', duplicate));
  const qualitative = validForm();
  for (const r of qualitative.longTermIndicators!.rows.filter((x) => String(x.level1.value).includes('履职'))) {
    put(r.value, '按时办理');
  }
  add('form-builder qualitative 履职效能', entry('q.xlsx', qualitative));
  const broken = exampleForm();
  broken.problems.push({
    section: 'funding',
    message: '未找到“部门总体资金情况”中的“单位资金”行',
    cells: [parseRef(at(8, 2))!],
  });
  broken.problems.push({ section: 'form', message: '结构问题', cells: [] });
  // Typed cells: the reader can no longer hand over text that is no address (the third entry the golden once held).
  broken.staleFormulas = [
    { cell: parseRef(at(7, 3))!, formula: 'SUM(D9:D10)', cached: 0, computed: 374.13, numFmt: '0.00' },
    { cell: { sheet: '表 1', row: 7, col: 4 }, formula: 'D8/D8', cached: null, computed: 1, numFmt: '0.00%' },
  ];
  add('form-builder broken and stale', entry('b.xlsx', broken));

  // The history rules of issue 16 on planted values (history-basis appears nowhere else).
  const history = validForm();
  const row = (name: string) => history.annualIndicators!.rows.find((r) => r.level3.value === name)!;
  put(row('网络信息服务次数').history!.yearBeforeLast, '新增');
  put(row('网络信息服务次数').history!.lastYear, '无');
  put(row('办理群众来访信访事项数量').history!.lastYear, '≥1500件/年');
  put(row('预算执行率').value, '98%');
  put(row('在职人员控制率').value, '101%');
  add('form-builder history planted', entry('h.xlsx', history));

  // The previous-* rules: the example rolled to 2027 by `next`, then edited as in previous-year.md's worked example.
  {
    const host = await XlsxHost.load(EXAMPLE);
    const lastGrid = await host.readGrid('附件2');
    const lastRead = readDeclaration(lastGrid);
    if (!lastRead.form) throw new Error(lastRead.reason);
    const roll = rollForward(lastRead.declaration, lastGrid);
    if (!roll.ok) throw new Error(roll.message);
    const nextRead = readDeclaration(applyToGrid(lastGrid, roll.edits));
    if (!nextRead.form) throw new Error(nextRead.reason);
    const next = nextRead.declaration;
    const previous = lastRead.declaration;
    add('rolled example against the example', entry('next.xlsx', next, { previous }));
    const named = (name: string) => next.annualIndicators!.rows.find((r) => r.level3.text === name)!;
    put(next.funding!.expenditure.lines.personnel!.lastYear!, 320, '0.00');
    put(named('预算执行率').value, '98%');
    put(named('会议费控制率').history!.lastYear, '90%');
    put(named('网络信息服务次数').level3, null);
    put(next.longTermIndicators!.rows.find((r) => r.level3.text === '预算执行率')!.value, '98%');
    add('rolled example edited, against the example', entry('next.xlsx', next, { previous }));
    put(next.header.department!, '阳新县财政局');
    add('rolled example of another department', entry('next.xlsx', next, { previous }));
  }

  // Explanations: every warning of the example explained, one explanation at a wrong cell.
  const base = check(exampleForm());
  const explanations: Explanation[] = base.findings
    .filter((f) => f.severity === 'warning' && f.cells[0])
    .map((f, i) => ({ rule: f.rule, cell: i === 0 ? 'ZZ999' : refText(f.cells[0]!), text: `说明${i}` }));
  add('form-builder example explained', entry('example.xlsx', exampleForm(), { explanations }));

  add('template prefilled', entry('t.xlsx', await readTemplate({ department: '测试局', budgetYear: 2026 })));
  add(
    'template empty',
    entry('t.xlsx', await readTemplate({ department: '', budgetYear: 2027, horizonYear: 2031, prefillCommon: false })),
  );
  add(
    'template named',
    entry('t.xlsx', await readTemplate({ department: '测试局', budgetYear: 2026, projectRows: 2, sheetName: '表 一' })),
  );

  // The example with each field made wrong in turn: every distinct finding, in order of first appearance.
  const seen = new Set<string>();
  const lines: string[] = [];
  const count = fieldsOf(exampleForm()).length;
  for (let i = 0; i < count; i++) {
    for (const v of HOSTILE) {
      const form = exampleForm();
      const field = fieldsOf(form)[i]!;
      put(field, v, typeof v === 'number' ? '0.00' : 'General');
      for (const f of check(form).findings) {
        const s = JSON.stringify(jsonFinding(f));
        if (!seen.has(s)) {
          seen.add(s);
          lines.push(s);
        }
      }
      // The same value as a formula's result: no fix may overwrite a formula.
      if (i % 7 === 0) {
        put(field, v, undefined, '=1+1');
        for (const f of check(form).findings) {
          const s = JSON.stringify(jsonFinding(f));
          if (!seen.has(s)) {
            seen.add(s);
            lines.push(s);
          }
        }
      }
    }
  }
  add('form-builder example, each field made wrong', lines.join('\n'));
  return out;
}

beforeAll(() => {
  buildCli();
});

test('jixiao check --format json gives today’s output, byte for byte', async () => {
  const rel = path.relative(ROOT, EXAMPLE);
  const run = jixiao(['check', rel, '--format', 'json']);
  expect(run.stderr).toBe('');
  const text = [`## cli example\n${run.stdout}`, ...(await sections())].join('\n');
  if (process.env.JIXIAO_WRITE_GOLDEN === '1') await fs.writeFile(GOLDEN, text, 'utf8');
  const golden = await fs.readFile(GOLDEN, 'utf8');
  // Compared section by section first, so a failure names the variant.
  const split = (s: string) => s.split(/\n(?=## )/);
  const got = split(text);
  const want = split(golden);
  for (let i = 0; i < Math.max(got.length, want.length); i++) expect(got[i]).toBe(want[i]);
  expect(text === golden).toBe(true);
}, 300_000);

test('the golden output covers every rule that reports on a form', async () => {
  const golden = await fs.readFile(GOLDEN, 'utf8');
  const { ALL_RULES } = await import('../../src/rules/index');
  const missing = ALL_RULES.map((r) => r.meta.id).filter((id) => !golden.includes(`"rule":"${id}"`));
  expect(missing).toEqual([]);
});
