/**
 * Fills in the few newer built-ins the bundles use, for WPS builds whose
 * embedded Chromium predates them (the build lowers syntax to es2017/Chrome
 * 58; these are library calls syntax lowering cannot reach). Each one is
 * installed only when missing. WeakRef cannot be made weak here: the
 * fallback holds its target, which only the pane's focus tracking uses and
 * which lives as long as the pane anyway.
 */

type Target = Record<string, unknown>;

function define(target: object, name: string, value: unknown): void {
  if (name in target) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

export function installLegacySupport(g: Target = globalThis as unknown as Target): void {
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
