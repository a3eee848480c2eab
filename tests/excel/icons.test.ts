/**
 * The ribbon icons (issue 17): every size Microsoft lists, drawn by scripts/make-icons.mjs (the
 * checked-in PNGs are exactly what it draws), legible on each Office theme: a white fill behind
 * the dark strokes, so an icon does not vanish on Dark Gray or Black.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const SIZES = [16, 20, 24, 32, 40, 48, 64, 80];
const ICONS = ['logo', 'validate', 'pane', 'template'];
/** Ribbon backgrounds of the Office themes (approximate: Colorful, White, Dark Gray, Black). */
const THEMES: Record<string, [number, number, number]> = {
  colorful: [243, 243, 243],
  white: [255, 255, 255],
  darkGray: [68, 68, 68],
  black: [38, 38, 38],
};

interface Image {
  width: number;
  height: number;
  rgba: Buffer;
}

/** A non-interlaced 8-bit RGBA PNG with filter 0 on every row (what the script writes). */
function decode(buf: Buffer): Image {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const linear = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = (r: number, g: number, b: number) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);

/** Share of the icon's square that stands out from the background by a contrast ratio of 3:1 or more. */
function legibleShare(img: Image, bg: [number, number, number]): number {
  const lb = luminance(...bg);
  let good = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    const a = img.rgba[i * 4 + 3]! / 255;
    const [r, g, b] = [0, 1, 2].map((k) => img.rgba[i * 4 + k]! * a + bg[k]! * (1 - a)) as [number, number, number];
    const l = luminance(r, g, b);
    if ((Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05) >= 3) good++;
  }
  return good / (img.width * img.height);
}

const png = (name: string, size: number) => readFileSync(join(ROOT, 'assets', `${name}-${size}.png`));

test('every icon in every size, exactly as scripts/make-icons.mjs draws it', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-icons-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-icons.mjs'), out], { stdio: 'pipe' });
    for (const name of ICONS)
      for (const size of SIZES) {
        const img = decode(png(name, size));
        expect([name, size, img.width, img.height]).toEqual([name, size, size, size]);
        expect(readFileSync(join(out, `${name}-${size}.png`)).equals(png(name, size))).toBe(true);
      }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.each(ICONS)('%s stands out on every Office theme, at every size', (name) => {
  for (const size of SIZES) {
    const img = decode(png(name, size));
    for (const [theme, bg] of Object.entries(THEMES)) {
      const share = legibleShare(img, bg);
      expect({ size, theme, legible: share >= 0.25 }).toEqual({ size, theme, legible: true });
    }
  }
});

test('the measure says no: dark strokes on a transparent ground vanish on the Black theme', () => {
  const size = 32;
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) if (i % 3 === 0) rgba.set([36, 36, 36, 255], i * 4);
  expect(legibleShare({ width: size, height: size, rgba }, THEMES.black!)).toBe(0);
  expect(legibleShare({ width: size, height: size, rgba }, THEMES.white!)).toBeGreaterThan(0.3);
});

test('the manifest names every size of every icon', () => {
  const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
  for (const name of ICONS) for (const size of SIZES) expect(manifest).toContain(`/assets/${name}-${size}.png"`);
});
