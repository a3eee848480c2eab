/**
 * Fills in the few newer built-ins the bundles use, for WPS builds whose
 * embedded Chromium predates them (the build lowers syntax to es2017/Chrome
 * 58; these are library calls syntax lowering cannot reach). Each one is
 * installed only when missing. WeakRef cannot be made weak here: the
 * fallback holds its target, which only the pane's focus tracking uses and
 * which lives as long as the pane anyway. ResizeObserver (Chromium 64; the
 * pane's Fluent UI measures a few elements with it) falls back to reporting
 * each observed element once when observed and again when the window resizes,
 * which is when a task pane's elements change size. DOMRect (Chromium 61) is a
 * plain rectangle with the same getters.
 */

type Target = Record<string, unknown>;

function define(target: object, name: string, value: unknown): void {
  if (name in target) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * The global object without naming `globalThis` unguarded (Chromium 71): main.js runs this first,
 * and a ReferenceError here would leave every ribbon callback undefined.
 */
export function globalObject(): Target {
  if (typeof globalThis !== 'undefined') return globalThis;
  if (typeof self !== 'undefined') return self as unknown as Target;
  if (typeof window !== 'undefined') return window as unknown as Target;
  throw new Error('no global object');
}

export function installLegacySupport(g: Target = globalObject()): void {
  define(g, 'globalThis', g);
  const promise = g.Promise as PromiseConstructor | undefined;
  if (promise) {
    define(promise.prototype, 'finally', function (this: Promise<unknown>, fn?: () => void) {
      const run = () => (typeof fn === 'function' ? fn() : undefined);
      return this.then(
        (v) => promise.resolve(run()).then(() => v),
        (e: unknown) =>
          promise.resolve(run()).then(() => {
            throw e;
          }),
      );
    });
  }
  const string = g.String as StringConstructor | undefined;
  if (string) {
    define(string.prototype, 'trimStart', function (this: string) {
      return this.replace(/^[\s\uFEFF\xA0]+/, '');
    });
    define(string.prototype, 'trimEnd', function (this: string) {
      return this.replace(/[\s\uFEFF\xA0]+$/, '');
    });
  }
  const object = g.Object as ObjectConstructor | undefined;
  if (object) {
    define(object, 'fromEntries', (entries: Iterable<readonly [PropertyKey, unknown]>) => {
      const out: Record<PropertyKey, unknown> = {};
      for (const [k, v] of entries) out[k] = v;
      return out;
    });
  }
  const array = g.Array as ArrayConstructor | undefined;
  if (array) {
    define(array.prototype, 'flat', function flat(this: unknown[], depth = 1): unknown[] {
      return depth < 1
        ? this.slice()
        : this.reduce<unknown[]>((acc, v) => acc.concat(Array.isArray(v) ? flat.call(v, depth - 1) : [v]), []);
    });
    define(
      array.prototype,
      'flatMap',
      function (this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown) {
        return this.reduce<unknown[]>((acc, v, i, a) => acc.concat(fn(v, i, a) as unknown[]), []);
      },
    );
  }
  if (promise) {
    define(g, 'queueMicrotask', (fn: () => void) => {
      void promise.resolve().then(fn);
    });
  }
  define(g, 'ResizeObserver', resizeObserverFallback(g));
  // DOMRect (Chromium 61): the tab strip builds one when PageUp/PageDown moves focus; without it the key throws.
  if (!('DOMRect' in g)) {
    const rect = domRectFallback();
    define(g, 'DOMRect', rect);
    define(g, 'DOMRectReadOnly', rect);
  }
  define(
    g,
    'WeakRef',
    class WeakRefFallback<T extends object> {
      constructor(private readonly target: T) {}
      deref(): T {
        return this.target;
      }
    },
  );
}

function domRectFallback(): unknown {
  return class DOMRectFallback {
    constructor(
      public x = 0,
      public y = 0,
      public width = 0,
      public height = 0,
    ) {}
    get left(): number {
      return Math.min(this.x, this.x + this.width);
    }
    get right(): number {
      return Math.max(this.x, this.x + this.width);
    }
    get top(): number {
      return Math.min(this.y, this.y + this.height);
    }
    get bottom(): number {
      return Math.max(this.y, this.y + this.height);
    }
    static fromRect(r: { x?: number; y?: number; width?: number; height?: number } = {}): DOMRectFallback {
      return new DOMRectFallback(r.x, r.y, r.width, r.height);
    }
    toJSON(): Record<string, number> {
      const { x, y, width, height, top, right, bottom, left } = this;
      return { x, y, width, height, top, right, bottom, left };
    }
  };
}

interface BoxSize {
  inlineSize: number;
  blockSize: number;
}

interface ResizeEntry {
  target: Element;
  contentRect: DOMRectReadOnly;
  borderBoxSize: BoxSize[];
  contentBoxSize: BoxSize[];
}

type ResizeCallback = (entries: ResizeEntry[], observer: unknown) => void;

function resizeObserverFallback(g: Target): unknown {
  const win = g as unknown as Window;
  return class ResizeObserverFallback {
    private readonly targets: Element[] = [];
    private pending: Element[] = [];
    private scheduled = false;
    private readonly onResize = () => this.report(this.targets);

    constructor(private readonly callback: ResizeCallback) {}

    observe(target: Element): void {
      if (this.targets.indexOf(target) >= 0) return;
      this.targets.push(target);
      if (this.targets.length === 1 && typeof win.addEventListener === 'function') {
        win.addEventListener('resize', this.onResize);
      }
      this.report([target]);
    }

    unobserve(target: Element): void {
      const i = this.targets.indexOf(target);
      if (i >= 0) this.targets.splice(i, 1);
      this.pending = this.pending.filter((t) => t !== target);
      if (this.targets.length === 0) this.stop();
    }

    disconnect(): void {
      this.targets.length = 0;
      this.pending = [];
      this.stop();
    }

    private stop(): void {
      if (typeof win.removeEventListener === 'function') win.removeEventListener('resize', this.onResize);
    }

    private report(targets: Element[]): void {
      for (const t of targets) if (this.pending.indexOf(t) < 0) this.pending.push(t);
      if (this.scheduled) return;
      this.scheduled = true;
      const run = () => {
        this.scheduled = false;
        const list = this.pending.filter((t) => this.targets.indexOf(t) >= 0);
        this.pending = [];
        if (list.length === 0) return;
        this.callback(list.map(entryOf), this);
      };
      if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(run);
      else setTimeout(run, 16);
    }
  };
}

function entryOf(target: Element): ResizeEntry {
  const r = target.getBoundingClientRect();
  const box = [{ inlineSize: r.width, blockSize: r.height }];
  return { target, contentRect: r, borderBoxSize: box, contentBoxSize: box };
}
