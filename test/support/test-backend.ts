import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostKind } from '../../common/contract';
import { createBackend, type BackendOptions } from '../../main/host/core/backend';
import type { Logger } from '../../main/services/logging/logger';

/** A backend with its own empty data folder, trusting no profile keys and reading no OS policy. */
export const testBackend = (host: HostKind, log: Logger) =>
  createBackend({ host, log, dataDir: mkdtempSync(join(tmpdir(), 'scrivania-data-')), trustedKeys: [] });

/** A backend on a data folder the test chose, e.g. the one a backend it disposed used: a restart. */
export const testBackendAt = (dataDir: string, log: Logger, extra: Partial<BackendOptions> = {}) =>
  createBackend({ host: 'web', log, dataDir, trustedKeys: [], ...extra });
