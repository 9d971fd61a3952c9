import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { stopChild } from '../peers';
import type { DemoWindow } from './demo-window';

export interface DemoElectronApp {
  stop(): Promise<void>;
}

/**
 * The unpackaged Electron app on the demo's data folder, with the demo's key trusted and the keychain's session bus;
 * its output goes to a file beside the data. `onExit` hears of it closing before the demo stops it.
 */
export const startDemoElectronApp = (
  window: Extract<DemoWindow, { kind: 'electron' }>,
  options: { dir: string; env: Record<string, string>; onExit(why: string): void },
): DemoElectronApp => {
  const log = join(options.dir, 'electron.log');
  const child = spawn(window.command, window.args, {
    env: { ...process.env, ...options.env, ...window.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = createWriteStream(log);
  child.stdout?.pipe(output);
  child.stderr?.pipe(output);
  let stopping = false;
  let ended = false;
  const end = (why: string): void => {
    ended = true;
    if (!stopping) options.onExit(why);
  };
  child.once('exit', (code) => end(`exited with code ${code}; see ${log}`));
  child.once('error', (error) => end(`could not start: ${error.message}`));
  return {
    stop: async () => {
      stopping = true;
      if (!ended) await stopChild(child, 5_000);
    },
  };
};
