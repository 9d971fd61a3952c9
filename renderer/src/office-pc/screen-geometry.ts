import type { DisplayMode } from '../../../common/office-pc/office-pc-config';

export interface Size {
  width: number;
  height: number;
}

/** RDP wants even sizes within what servers accept; the pane's pixels are physical ones (CSS × devicePixelRatio). */
export const desktopSizeFor = (cssWidth: number, cssHeight: number, pixelRatio: number): Size => {
  const even = (value: number, min: number): number => Math.max(min, Math.min(8192, Math.floor((value * pixelRatio) / 2) * 2));
  return { width: even(cssWidth, 640), height: even(cssHeight, 480) };
};

/** The canvas's CSS size: the whole desktop scaled into the area (fit, resize) or one remote pixel per device pixel. */
export const canvasCssSize = (mode: DisplayMode, desktop: Size, area: Size, pixelRatio: number): Size => {
  if (mode === 'actual') return { width: desktop.width / pixelRatio, height: desktop.height / pixelRatio };
  const scale = Math.min(area.width / desktop.width, area.height / desktop.height);
  return { width: Math.floor(desktop.width * scale), height: Math.floor(desktop.height * scale) };
};

export const MAX_RECONNECT_ATTEMPTS = 8;

/** 1, 2, 4, 8, 16, 30, 30… seconds: quick after a blip, patient after a real outage. */
export const reconnectDelayMs = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** (attempt - 1));
