import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const candidates: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    `${process.env['PROGRAMFILES'] ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Microsoft\\Edge\\Application\\msedge.exe`,
  ],
};

export const findChromium = (platform: NodeJS.Platform = process.platform): string | undefined =>
  candidates[platform]?.find((path) => existsSync(path));

/** Opens `url` as an app window (no tabs, no address bar) in its own throwaway profile; false when no browser was found. */
export const openAppWindow = (url: string): boolean => {
  const browser = findChromium();
  if (!browser) return false;
  const profile = mkdtempSync(join(tmpdir(), 'scrivania-window-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to start as root with its sandbox on; only then is it turned off.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  spawn(browser, args, { stdio: 'ignore', detached: true }).unref();
  return true;
};
