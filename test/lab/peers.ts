import { accessSync, constants } from 'node:fs';
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
