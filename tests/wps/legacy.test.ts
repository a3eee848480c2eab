/** The built-ins filled in for older WPS Chromium builds, tested in a context that lacks them. */
import { runInNewContext } from 'node:vm';
import { installLegacySupport } from '../../src/shell/wps/legacy';

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

test('DOMRect (Chromium 61) is filled in where it is missing: the rectangle, its edges, fromRect and toJSON', () => {
  const g: Record<string, unknown> = {};
  installLegacySupport(g);
  const R = g.DOMRect as new (x?: number, y?: number, w?: number, h?: number) => Record<string, number>;
  expect(g.DOMRectReadOnly).toBe(R);
  const r = new R(10, 20, -4, 6);
  expect([r.x, r.y, r.width, r.height, r.left, r.right, r.top, r.bottom]).toEqual([10, 20, -4, 6, 6, 10, 20, 26]);
  const from = (R as unknown as { fromRect(o: object): { toJSON(): object } }).fromRect({ x: 1, width: 2 });
  expect(from.toJSON()).toEqual({ x: 1, y: 0, width: 2, height: 0, top: 0, right: 3, bottom: 0, left: 1 });
  const real = function RealDOMRect() {};
  const withReal: Record<string, unknown> = { DOMRect: real };
  installLegacySupport(withReal);
  expect(withReal.DOMRect).toBe(real);
});

test('leaves the real built-ins alone where they exist', () => {
  const g = runInNewContext('this') as Record<string, unknown>;
  const before = runInNewContext('Object.fromEntries', g);
  installLegacySupport(g);
  expect(runInNewContext('Object.fromEntries', g)).toBe(before);
});

test('globalThis is filled in on a global object that lacks it (the browser test removes it for real)', () => {
  const g: Record<string, unknown> = {};
  installLegacySupport(g);
  expect(g.globalThis).toBe(g);
});

test('ResizeObserver fallback: reports an observed element once, again on window resize, never after disconnect', async () => {
  const listeners = new Map<string, () => void>();
  const g: Record<string, unknown> = {
    addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
    removeEventListener: (type: string) => listeners.delete(type),
  };
  installLegacySupport(g);
  const RO = g.ResizeObserver as new (cb: (entries: { target: unknown; contentRect: { width: number } }[]) => void) => {
    observe(t: unknown): void;
    disconnect(): void;
  };
  const seen: number[] = [];
  const el = { getBoundingClientRect: () => ({ width: 360, height: 20, top: 0, left: 0, right: 360, bottom: 20 }) };
  const ro = new RO((entries) => seen.push(...entries.map((e) => e.contentRect.width)));
  ro.observe(el);
  await new Promise((r) => setTimeout(r, 30));
  expect(seen).toEqual([360]);
  listeners.get('resize')!();
  await new Promise((r) => setTimeout(r, 30));
  expect(seen).toEqual([360, 360]);
  ro.disconnect();
  expect(listeners.has('resize')).toBe(false);
});
