// Draws build/icon.png (1024×1024), the installers' icon, from the same shapes as assets/icons/icon.svg:
// a blue rounded square with a white desk and screen. Run `node build/make-icon.js` after changing the mark.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const UNIT = SIZE / 64; // the SVG's viewBox is 64×64
const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // per axis, for smooth edges

const insideRoundedSquare = (x, y) => {
  const radius = 14;
  const cx = Math.min(Math.max(x, radius), 64 - radius);
  const cy = Math.min(Math.max(y, radius), 64 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const insideWhite = (x, y) => (x >= 12 && x < 52 && y >= 40 && y < 46) || (x >= 18 && x < 46 && y >= 18 && y < 36);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let py = 0; py < SIZE; py++) {
  const row = py * (1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let covered = 0;
    let white = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = (px + (sx + 0.5) / SAMPLES) / UNIT;
        const y = (py + (sy + 0.5) / SAMPLES) / UNIT;
        if (!insideRoundedSquare(x, y)) continue;
        covered++;
        if (insideWhite(x, y)) white++;
      }
    }
    const at = row + 1 + px * 4;
    const share = covered === 0 ? 0 : white / covered;
    for (let channel = 0; channel < 3; channel++) rows[at + channel] = Math.round(BLUE[channel] * (1 - share) + WHITE[channel] * share);
    rows[at + 3] = Math.round((255 * covered) / SAMPLES ** 2);
  }
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('icon.png', import.meta.url), png);
console.log(`wrote build/icon.png (${SIZE}×${SIZE}, ${png.length} bytes)`);
