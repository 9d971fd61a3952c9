// Draws build/icon.png (1024×1024), the installers' icon, from the same shapes as assets/icons/icon.svg:
// a blue rounded square with a white desk and screen. Run `node build/make-icon.js` after changing the mark.
import { writeFileSync } from 'node:fs';
import { importTypeScript } from '../scripts/import-typescript.js';

const { encodeRgbaPng } = await importTypeScript('make-icon', ["export { encodeRgbaPng } from './main/host/electron/png';"]);

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

const png = encodeRgbaPng(SIZE, rows, 9);
writeFileSync(new URL('icon.png', import.meta.url), png);
console.log(`wrote build/icon.png (${SIZE}×${SIZE}, ${png.length} bytes)`);
