import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Session } from '../app/session';
import {
  defaultTemplateInput,
  readTemplateForm,
  type TemplateField,
  type TemplateFormInput,
} from '../app/template-form';
import { stack, wrapping } from './spacing';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', ...stack(tokens.spacingVerticalM) },
  row: { display: 'flex', flexWrap: 'wrap', ...wrapping(tokens.spacingHorizontalM, tokens.spacingVerticalM) },
  half: { flexGrow: 1, flexBasis: '120px', minWidth: 0 },
  // Fluent's Input keeps a minimum width of its own; in a 320 px pane two must fit side by side.
  input: { width: '100%', minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** The 生成申报表 form: a new sheet from the template, never over a sheet with content. */
export function TemplateForm({ session, busy, today }: { session: Session; busy: boolean; today: Date }) {
  const styles = useStyles();
  const [input, setInput] = useState<TemplateFormInput>(() => defaultTemplateInput(today));
  const [horizonTouched, setHorizonTouched] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<TemplateField, string>>>({});

  const set = (field: TemplateField) => (_: unknown, d: { value: string }) => {
    setInput((cur) => {
      const next = { ...cur, [field]: d.value };
      // The horizon follows the budget year (+3) until the user sets it.
      if (field === 'budgetYear' && !horizonTouched && /^\d{4}$/.test(d.value.trim())) {
        next.horizonYear = String(Number(d.value.trim()) + 3);
      }
      return next;
    });
    if (field === 'horizonYear') setHorizonTouched(true);
  };

  const submit = async (e: { preventDefault(): void }) => {
    e.preventDefault();
    const r = readTemplateForm(input);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    await session.generate(r.params);
  };

  const field = (
    name: TemplateField,
    label: string,
    extra: { required?: boolean; hint?: string; numeric?: boolean } = {},
  ) => (
    <Field
      label={label}
      required={extra.required}
      validationMessage={errors[name]}
      validationState={errors[name] ? 'error' : 'none'}
      hint={extra.hint}
    >
      <Input
        className={styles.input}
        value={String(input[name])}
        onChange={set(name)}
        inputMode={extra.numeric ? 'numeric' : undefined}
        name={name}
      />
    </Field>
  );

  return (
    <form className={styles.root} onSubmit={(e) => void submit(e)} aria-label="生成申报表" noValidate>
      <Text className={styles.hint}>在新工作表中生成空白申报表（含公式、下拉列表、打印设置），不会覆盖已有内容。</Text>
      {field('department', '部门（单位）名称')}
      <div className={styles.row}>
        <div className={styles.half}>{field('budgetYear', '预算年度', { required: true, numeric: true })}</div>
        <div className={styles.half}>{field('horizonYear', '长期目标截止年份', { numeric: true })}</div>
      </div>
      {field('projectRows', '项目行数', { numeric: true, hint: '项目支出情况表的空行数，之后可以插入或删除行' })}
      <Checkbox
        label="预填共性指标（运行成本、管理效率等的常用指标）"
        checked={input.prefillCommon}
        onChange={(_, d) => setInput((cur) => ({ ...cur, prefillCommon: d.checked === true }))}
      />
      <div className={styles.row}>
        <div className={styles.half}>{field('filler', '填报人')}</div>
        <div className={styles.half}>{field('phone', '联系电话')}</div>
      </div>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? '正在生成…' : '生成申报表'}
        </Button>
      </div>
    </form>
  );
}
