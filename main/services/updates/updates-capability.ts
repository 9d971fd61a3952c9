import { join } from 'node:path';
import type { UpdatesState } from '../../../common/contract/updates';
import { defineCapability, forward, type CapabilityContext } from '../capability';
import { FeedUpdateEngine } from './feed-update-engine';
import { updatesRequestHandlers } from './handlers';
import { UpdateService } from './update-service';
import { readUpdatesConfig, type UpdatesConfigResult } from './updates-config';

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
      context.notify({
        title: { key: 'updates.notice.ready', params: { version } },
        body: { key: 'updates.notice.readyBody' },
        action: { label: { key: 'updates.restart' }, run: async () => install() },
      });
    }
    if (state.phase === 'error' && state.problem?.kind === 'refused' && announced.refused !== version) {
      announced.refused = version;
      context.notify({ title: { key: 'updates.notice.refused' }, body: { key: 'updates.problem.refused' } });
    }
  };
};

/** Checks for, downloads and installs updates from the organisation's server, as the updates section says. */
export const updatesCapability = defineCapability({
  name: 'updates',
  needs: [],
  create: (context) => {
    const log = context.log.child('updates');
    const { ports } = context;
    const engine =
      ports.updateEngine ??
      new FeedUpdateEngine({ downloadDir: join(context.dataDir, 'updates'), log, userAgent: `Scrivania/${context.version}` });
    const service = new UpdateService({ engine, currentVersion: context.version, log });
    const stopNotices = service.on(
      'state',
      updateNotices(context, () => service.install()),
    );
    // A per-machine installation: its administrator pushes every new version, so updates stay off whatever is configured.
    const settingsFor = (section: unknown): UpdatesConfigResult => {
      const read = readUpdatesConfig(section);
      return ports.updatesInstalledByAdministrator && read.ok ? { ok: true, config: { ...read.config, enabled: false } } : read;
    };
    return {
      requests: updatesRequestHandlers(service),
      provides: {},
      forwards: [forward(service, { state: 'updates.state' })],
      configure: ({ config }) => service.configure(settingsFor(config.updates)),
      start: () => service.configure(settingsFor(undefined)),
      dispose: () => {
        stopNotices();
        service.dispose();
      },
    };
  },
});
