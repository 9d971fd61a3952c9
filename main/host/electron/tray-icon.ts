import { deflateSync } from 'node:zlib';
import type { StatusLevel } from '../../../common/contract';

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
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
};

const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (bytes: Buffer): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
