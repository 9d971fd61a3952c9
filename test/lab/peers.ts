import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Whether an executable of that name is on PATH. */
export const onPath = (binary: string): boolean =>
  (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/**
 * A lab peer's tests may skip for `reason` outside CI only: with CI=true a missing peer throws, which fails the
 * test file with the reason instead of hiding the missing feature.
 */
export const skipReasonOutsideCi = (reason: string | undefined): string | undefined => {
  if (reason && process.env['CI'] === 'true') throw new Error(`${reason}; CI=true, so this fails instead of skipping`);
  return reason;
};

/** A TCP port free on 127.0.0.1 right now (the kernel picks it, then it is released for the peer to take). */
export const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Ends a peer: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export const stopChild = async (child: ChildProcess | undefined, graceMs = 2_000): Promise<void> => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(killer);
};
