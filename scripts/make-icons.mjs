// Draws the add-in's ribbon icons as PNG files into assets/ (no image library, no copyrighted art):
//   node scripts/make-icons.mjs [folder]      (default: assets/)
// Shapes are signed-distance functions sampled 4×4 per pixel for smooth edges.
// Microsoft's icon guidance for add-in commands: every size in SIZES, and a WHITE FILL behind the
// dark strokes, so an icon stays legible on each Office theme (Colorful, White, Dark Gray, Black):
// near-black strokes alone vanish on the dark themes.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

/** The sizes Microsoft lists for add-in command icons. */
export const SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

const BLUE = [15, 108, 189]; // Fluent brand blue
const DARK = [36, 36, 36];
const GREEN = [16, 124, 16];
const WHITE = [255, 255, 255];

// Distance functions on the unit square (0..1, y down).
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - w / 2;
};
const outline = (f, w) => (x, y) => Math.abs(f(x, y)) - w / 2;
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

/** layers: [shape, colour] painted in order. */
function render(size, layers) {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, color] of layers) {
        let cover = 0;
        for (let sj = 0; sj < n; sj++)
          for (let si = 0; si < n; si++) {
            const x = (i + (si + 0.5) / n) / size;
            const y = (j + (sj + 0.5) / n) / size;
            if (shape(x, y) <= 0) cover++;
          }
        const c = cover / (n * n);
        if (c === 0) continue;
        // "over" compositing
        const na = c + a * (1 - c);
        r = (color[0] * c + r * a * (1 - c)) / na;
        g = (color[1] * c + g * a * (1 - c)) / na;
        b = (color[2] * c + b * a * (1 - c)) / na;
        a = na;
      }
      const k = (j * size + i) * 4;
      px[k] = Math.round(r);
      px[k + 1] = Math.round(g);
      px[k + 2] = Math.round(b);
      px[k + 3] = Math.round(a * 255);
    }
  }
  return png(size, px);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A sheet: frame with two inner rule lines each way.
const sheet = (x0, y0, x1, y1, w) =>
  union(
    outline(roundRect(x0, y0, x1, y1, 0.06), w),
    segment(x0, y0 + (y1 - y0) / 3, x1, y0 + (y1 - y0) / 3, w * 0.8),
    segment(x0, y0 + (2 * (y1 - y0)) / 3, x1, y0 + (2 * (y1 - y0)) / 3, w * 0.8),
    segment(x0 + (x1 - x0) / 2.6, y0, x0 + (x1 - x0) / 2.6, y1, w * 0.8),
  );
/** The white body behind a sheet's strokes (the same rounded rectangle, filled). */
const sheetFill = (x0, y0, x1, y1) => roundRect(x0, y0, x1, y1, 0.06);
const tick = (w) => union(segment(0.5, 0.72, 0.64, 0.86, w), segment(0.64, 0.86, 0.92, 0.5, w));

const icons = {
  // The add-in: white tick on a brand-blue tile.
  logo: [
    // A white rim: the blue tile alone sinks into the Dark Gray and Black themes.
    [roundRect(0, 0, 1, 1, 0.2), WHITE],
    [roundRect(0.08, 0.08, 0.92, 0.92, 0.15), BLUE],
    [union(segment(0.26, 0.52, 0.44, 0.7, 0.12), segment(0.44, 0.7, 0.76, 0.32, 0.12)), WHITE],
  ],
  // 校验本表: a sheet with a green tick.
  validate: [
    [sheetFill(0.08, 0.1, 0.78, 0.78), WHITE],
    [sheet(0.08, 0.1, 0.78, 0.78, 0.075), DARK],
    [roundRect(0.42, 0.42, 0.98, 0.98, 0.28), WHITE],
    [tick(0.11), GREEN],
  ],
  // 打开助手: a window with a pane on the right.
  pane: [
    [roundRect(0.08, 0.14, 0.92, 0.86, 0.08), WHITE],
    [outline(roundRect(0.08, 0.14, 0.92, 0.86, 0.08), 0.075), DARK],
    [roundRect(0.56, 0.14, 0.92, 0.86, 0.08), BLUE],
    [segment(0.64, 0.32, 0.84, 0.32, 0.06), WHITE],
    [segment(0.64, 0.47, 0.84, 0.47, 0.06), WHITE],
    [segment(0.64, 0.62, 0.8, 0.62, 0.06), WHITE],
  ],
  // 生成申报表: a sheet with a blue plus.
  template: [
    [sheetFill(0.08, 0.1, 0.78, 0.78), WHITE],
    [sheet(0.08, 0.1, 0.78, 0.78, 0.075), DARK],
    [roundRect(0.46, 0.46, 0.98, 0.98, 0.26), BLUE],
    [union(segment(0.72, 0.57, 0.72, 0.87, 0.09), segment(0.57, 0.72, 0.87, 0.72, 0.09)), WHITE],
  ],
};

for (const [name, layers] of Object.entries(icons)) {
  for (const size of SIZES) {
    writeFileSync(join(assets, `${name}-${size}.png`), render(size, layers));
  }
}
console.log(`icons written to ${assets}`);
