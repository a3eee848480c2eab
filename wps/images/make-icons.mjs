#!/usr/bin/env node
// Draws the WPS ribbon icons (32×32 PNG) from simple shapes, so the add-in
// carries no third-party artwork. Run: node wps/images/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 32;
const SAMPLES = 4; // 4×4 supersampling for smooth edges

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];

// Shapes are predicates over continuous coordinates (0..32).
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const segment = (x0, y0, x1, y1, w) => (x, y) => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= (w / 2) ** 2;
};
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));

function render(layers) {
  const px = new Float64Array(SIZE * SIZE * 4);
  for (const [shape, [r, g, b, a]] of layers) {
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        let hit = 0;
        for (let sy = 0; sy < SAMPLES; sy++)
          for (let sx = 0; sx < SAMPLES; sx++)
            if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hit++;
        const cover = (hit / (SAMPLES * SAMPLES)) * a;
        if (cover === 0) continue;
        const i = (y * SIZE + x) * 4;
        const da = px[i + 3];
        const oa = cover + da * (1 - cover);
        for (const [k, v] of [[0, r], [1, g], [2, b]]) px[i + k] = (v * cover + px[i + k] * da * (1 - cover)) / oa;
        px[i + 3] = oa;
      }
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(px) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 4;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(px[i]);
      raw[o + 1] = Math.round(px[i + 1]);
      raw[o + 2] = Math.round(px[i + 2]);
      raw[o + 3] = Math.round(px[i + 3] * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A sheet: white page, grey outline, a green header band and grid lines.
const sheet = (x0, y0, x1, y1) => [
  [roundRect(x0, y0, x1, y1, 1.5), hex('#6B7280')],
  [roundRect(x0 + 1, y0 + 1, x1 - 1, y1 - 1, 1), hex('#FFFFFF')],
  [rect(x0 + 1, y0 + 1, x1 - 1, y0 + 6), hex('#1E8E5A')],
  ...[11, 16, 21].filter((y) => y < y1 - 2).map((y) => [rect(x0 + 3, y0 + y - 0.5, x1 - 3, y0 + y + 0.5), hex('#B8C2CC')]),
  [rect(x0 + 10.5, y0 + 7, x0 + 11.5, y1 - 3), hex('#B8C2CC')],
];

const icons = {
  // 校验本表: a sheet with a green check badge.
  validate: [
    ...sheet(3, 3, 24, 28),
    [circle(23, 22, 8), hex('#FFFFFF')],
    [circle(23, 22, 7), hex('#1E8E5A')],
    [union(segment(19, 22, 22, 25.5, 2.4), segment(22, 25.5, 27.5, 18.5, 2.4)), hex('#FFFFFF')],
  ],
  // 打开助手: a window with a side pane on the right.
  pane: [
    [roundRect(2, 4, 30, 28, 2), hex('#4B5563')],
    [roundRect(3, 5, 29, 27, 1.5), hex('#FFFFFF')],
    [rect(3, 5, 29, 9), hex('#1E8E5A')],
    [rect(19, 9, 29, 27), hex('#DBEAFE')],
    [rect(18.5, 9, 19.5, 27), hex('#2563EB')],
    ...[13, 17, 21].map((y) => [rect(21, y - 0.75, 27, y + 0.75), hex('#2563EB')]),
    ...[13, 17, 21].map((y) => [rect(5, y - 0.5, 16.5, y + 0.5), hex('#B8C2CC')]),
  ],
  // 生成申报表: a sheet with an orange plus badge.
  generate: [
    ...sheet(3, 3, 24, 28),
    [circle(23, 22, 8), hex('#FFFFFF')],
    [circle(23, 22, 7), hex('#EA7A1A')],
    [union(rect(22, 17.5, 24, 26.5), rect(18.5, 21, 27.5, 23)), hex('#FFFFFF')],
  ],
};

const here = dirname(fileURLToPath(import.meta.url));
for (const [name, layers] of Object.entries(icons)) {
  const file = join(here, `${name}.png`);
  writeFileSync(file, png(render(layers)));
  console.log(`wrote ${file}`);
}
