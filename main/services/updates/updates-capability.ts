import { join } from 'node:path';
import type { Capability, CapabilityContext } from '../capability';
import { FeedUpdateEngine } from './feed-update-engine';
import { updatesRequestHandlers, type UpdatesRequestKey } from './handlers';
import type { UpdateEngine } from './update-engine';
import { UpdateService, type UpdateServicePorts } from './update-service';
import { readUpdatesConfig } from './updates-config';

export interface UpdatesCapabilityPorts {
  currentVersion: string;
  userAgent: string;
  /** The Electron host's electron-updater; elsewhere the feed engine, which checks but cannot install. */
  engine?: UpdateEngine;
  timers?: UpdateServicePorts['timers'];
}

/** Checks for, downloads and installs updates from the organisation's server, as the updates section says. */
export const createUpdatesCapability = (context: CapabilityContext, ports: UpdatesCapabilityPorts): Capability<UpdatesRequestKey> & { service: UpdateService } => {
  const log = context.log.child('updates');
  const engine = ports.engine ?? new FeedUpdateEngine({ downloadDir: join(context.dataDir, 'updates'), log, userAgent: ports.userAgent });
  const service = new UpdateService({ engine, currentVersion: ports.currentVersion, log, ...(ports.timers ? { timers: ports.timers } : {}) });
  const stops = [service.on('state', (state) => context.emit('updates.state', state))];
  service.configure(readUpdatesConfig(undefined));
  return {
    requests: updatesRequestHandlers(service),
    service,
    configure: ({ config }) => service.configure(readUpdatesConfig(config.updates)),
    dispose: () => {
      stops.forEach((stop) => stop());
      service.dispose();
    },
  };
};
