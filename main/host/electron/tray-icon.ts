import type { StatusLevel } from '../../../common/contract';
import { encodeRgbaPng } from './png';

export const levelColours: Record<StatusLevel, [number, number, number]> = {
  ok: [26, 127, 55],
  idle: [11, 92, 173],
  busy: [9, 105, 218],
  warning: [191, 135, 0],
  error: [207, 34, 46],
  unconfigured: [110, 119, 129],
};

/** A filled, anti-aliased disc in the level's colour as a PNG: the tray needs no image files per state. */
export const trayIconPng = (level: StatusLevel, size = 32): Buffer => {
  const [red, green, blue] = levelColours[level];
  const rowBytes = 1 + size * 4;
  const pixels = Buffer.alloc(rowBytes * size);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      const coverage = Math.max(0, Math.min(1, radius - distance + 0.5));
      pixels.set([red, green, blue, Math.round(coverage * 255)], y * rowBytes + 1 + x * 4);
    }
  }
  return encodeRgbaPng(size, pixels);
};
