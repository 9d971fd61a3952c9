import { join } from 'node:path';
import type { UpdatesState } from '../../../common/contract/updates';
import type { Capability, CapabilityContext } from '../capability';
import { FeedUpdateEngine } from './feed-update-engine';
import { updatesRequestHandlers, type UpdatesRequestKey } from './handlers';
import type { UpdateEngine } from './update-engine';
import { UpdateService, type UpdateServicePorts } from './update-service';
import { readUpdatesConfig, type UpdatesConfigResult } from './updates-config';

export interface UpdatesCapabilityPorts {
  currentVersion: string;
  userAgent: string;
  /** The Electron host's electron-updater; elsewhere the feed engine, which checks but cannot install. */
  engine?: UpdateEngine;
  timers?: UpdateServicePorts['timers'];
  /** A per-machine installation: its administrator pushes every new version, so updates stay off whatever is configured. */
  installedByAdministrator?: boolean;
}

/**
 * A desktop notification once per version when an update is ready (with Restart), and when one was refused: the
 * employee may never open Settings.
 */
const updateNotices = (context: CapabilityContext, install: () => void) => {
  const announced = { ready: '', refused: '' };
  return (state: UpdatesState): void => {
    const version = state.available?.version;
    if (!version) return;
    if (state.phase === 'downloaded' && announced.ready !== version) {
      announced.ready = version;
      context.notify({ title: { key: 'updates.notice.ready', params: { version } }, body: { key: 'updates.notice.readyBody' }, action: { label: { key: 'updates.restart' }, run: async () => install() } });
    }
    if (state.phase === 'error' && state.problem?.kind === 'refused' && announced.refused !== version) {
      announced.refused = version;
      context.notify({ title: { key: 'updates.notice.refused' }, body: { key: 'updates.problem.refused' } });
    }
  };
};

/** Checks for, downloads and installs updates from the organisation's server, as the updates section says. */
export const createUpdatesCapability = (context: CapabilityContext, ports: UpdatesCapabilityPorts): Capability<UpdatesRequestKey> & { service: UpdateService } => {
  const log = context.log.child('updates');
  const engine = ports.engine ?? new FeedUpdateEngine({ downloadDir: join(context.dataDir, 'updates'), log, userAgent: ports.userAgent });
  const service = new UpdateService({ engine, currentVersion: ports.currentVersion, log, ...(ports.timers ? { timers: ports.timers } : {}) });
  const notices = updateNotices(context, () => service.install());
  const stops = [
    service.on('state', (state) => {
      context.emit('updates.state', state);
      notices(state);
    }),
  ];
  const settingsFor = (section: unknown): UpdatesConfigResult => {
    const read = readUpdatesConfig(section);
    return ports.installedByAdministrator && read.ok ? { ok: true, config: { ...read.config, enabled: false } } : read;
  };
  service.configure(settingsFor(undefined));
  return {
    requests: updatesRequestHandlers(service),
    service,
    configure: ({ config }) => service.configure(settingsFor(config.updates)),
    dispose: () => {
      stops.forEach((stop) => stop());
      service.dispose();
    },
  };
};
