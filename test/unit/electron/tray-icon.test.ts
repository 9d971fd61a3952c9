import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { levelColours, trayIconPng } from '../../../main/host/electron/tray-icon';

/** Reads back the RGBA of one pixel of our own PNG (one IDAT, filter 0 on every row). */
const pixel = (png: Buffer, x: number, y: number): number[] => {
  const size = png.readUInt32BE(16);
  const idatAt = png.indexOf('IDAT');
  const length = png.readUInt32BE(idatAt - 4);
  const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length));
  const at = y * (1 + size * 4) + 1 + x * 4;
  return [...raw.subarray(at, at + 4)];
};

describe('tray icon', () => {
  it('is a valid PNG whose centre has the level colour and whose corner is transparent', () => {
    const png = trayIconPng('error', 32);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(pixel(png, 16, 16)).toEqual([...levelColours.error, 255]);
    expect(pixel(png, 0, 0)[3]).toBe(0);
  });

  it('differs between levels', () => {
    expect(pixel(trayIconPng('ok'), 16, 16)).not.toEqual(pixel(trayIconPng('warning'), 16, 16));
  });
});
