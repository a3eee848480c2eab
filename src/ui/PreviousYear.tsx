import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { Session, SessionState } from '../app/session';
import { stack, wrapping } from './spacing';
import { comparedText } from '../app/view';

const useStyles = makeStyles({
  root: {
    display: 'block',
    paddingTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
});

/**
 * 与上年对比 (docs/spec/previous-year.md): which of last year's forms the check compared with, or why
 * it compared with none although one may be there. Nothing at all when there is nothing to say.
 */
export function PreviousYear({ state }: { state: SessionState }) {
  const styles = useStyles();
  const text = comparedText(state.compared) ?? state.comparedNote;
  if (!text) return null;
  return (
    <Text className={styles.root} size={200} data-testid="compared">
      {text}
    </Text>
  );
}

const usePickerStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    ...stack(tokens.spacingVerticalXS),
  },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', ...wrapping(tokens.spacingHorizontalS, '0px') },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** The bytes of a picked file (FileReader: Blob.arrayBuffer is newer than the WPS floor, Chromium 58). */
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error('无法读取所选文件'));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * 选择上年度申报表…: last year's workbook picked from disk, read in the pane (nothing is uploaded), compared with
 * by every check of the session until 不再对比.
 */
export function PreviousFilePicker({ session, state }: { session: Session; state: SessionState }) {
  const styles = usePickerStyles();
  const input = useRef<HTMLInputElement>(null);
  const picked = state.previousFile;
  const year = picked?.year != null ? `，${picked.year}年度` : '';
  return (
    <section className={styles.root} aria-label="与上年对比" data-testid="previous-file">
      <div className={styles.line}>
        {picked ? (
          <>
            <Text data-testid="previous-file-name">
              上年申报表：{picked.name}
              {year}
            </Text>
            <Button size="small" disabled={state.busy} onClick={() => void session.clearPreviousFile()}>
              不再对比
            </Button>
          </>
        ) : (
          <Button size="small" disabled={state.busy} onClick={() => input.current?.click()}>
            选择上年度申报表…
          </Button>
        )}
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="选择上年度申报表"
          hidden
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // The same file may be picked again after a change on disk.
            e.currentTarget.value = '';
            if (file) void session.pickPreviousFile(file.name, file.size, () => readBytes(file));
          }}
        />
      </div>
      {state.previousFileError && (
        <MessageBar intent="warning" layout="multiline" data-testid="previous-file-error">
          <MessageBarBody>{state.previousFileError}。本表已单独校验，未与上年对比。</MessageBarBody>
        </MessageBar>
      )}
      {!picked && (
        <Text size={200} className={styles.hint}>
          与上年度的申报表文件对比：文件只在本机的助手中读取，不会上传。
        </Text>
      )}
    </section>
  );
}
