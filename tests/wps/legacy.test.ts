/** The built-ins filled in for older WPS Chromium builds, tested in a context that lacks them. */
import { runInNewContext } from 'node:vm';
import { installLegacySupport } from '../../src/wps/legacy';

function bareContext() {
  const g = runInNewContext(`
    delete Promise.prototype.finally;
    delete String.prototype.trimStart;
    delete String.prototype.trimEnd;
    delete Object.fromEntries;
    delete Array.prototype.flat;
    delete Array.prototype.flatMap;
    this.WeakRef = undefined; delete this.WeakRef;
    this.queueMicrotask = undefined; delete this.queueMicrotask;
    this;
  `) as Record<string, unknown>;
  return g;
}

test('fills in what is missing, and works like the real thing', async () => {
  const g = bareContext();
  expect(runInNewContext('typeof Object.fromEntries', g)).toBe('undefined');
  installLegacySupport(g);
  expect(runInNewContext(`JSON.stringify(Object.fromEntries([['a', 1], ['b', 2]]))`, g)).toBe('{"a":1,"b":2}');
  expect(runInNewContext(`'  x '.trimStart() + '|' + ' y  '.trimEnd()`, g)).toBe('x |' + ' y');
  expect(runInNewContext(`JSON.stringify([1, [2, [3]]].flat())`, g)).toBe('[1,2,[3]]');
  expect(runInNewContext(`JSON.stringify([1, 2].flatMap((v) => [v, v * 10]))`, g)).toBe('[1,10,2,20]');
  expect(runInNewContext(`const o = {}; new WeakRef(o).deref() === o`, g)).toBe(true);
  const order = (await runInNewContext(
    `
    const seen = [];
    queueMicrotask(() => seen.push('micro'));
    seen.push('sync');
    Promise.reject(new Error('x')).finally(() => seen.push('finally')).catch(() => seen.push('caught'))
      .then(() => Promise.resolve(5).finally(() => seen.push('f2')))
      .then((v) => { seen.push(v); return seen; });
  `,
    g,
  )) as unknown[];
  expect(order).toEqual(['sync', 'micro', 'finally', 'caught', 'f2', 5]);
});

test('leaves the real built-ins alone where they exist', () => {
  const g = runInNewContext('this') as Record<string, unknown>;
  const before = runInNewContext('Object.fromEntries', g);
  installLegacySupport(g);
  expect(runInNewContext('Object.fromEntries', g)).toBe(before);
});
