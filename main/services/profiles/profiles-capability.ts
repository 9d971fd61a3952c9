import { defineCapability, forward } from '../capability';
import { profilesRequestHandlers } from './handlers';
import { ProfileService } from './profile-service';

/** The signed profile from the help desk, the OS policy and the employee's own settings, as one effective configuration. */
export const profilesCapability = defineCapability({
  name: 'profiles',
  needs: [],
  create: (context) => {
    const { ports } = context;
    const service = new ProfileService({
      dataDir: context.dataDir,
      trustedKeys: ports.trustedKeys,
      ...(ports.readPolicy ? { readPolicy: ports.readPolicy } : {}),
      ...(ports.defaultProfileUrl ? { defaultProfileUrl: ports.defaultProfileUrl } : {}),
      log: context.log.child('profiles'),
    });
    context.emit('profiles.changed', service.state());
    // A profile address that failed may answer on the new network.
    const stopWatching = context.onNetworkChange(() => void service.checkNow());
    return {
      requests: profilesRequestHandlers(service),
      provides: service,
      forwards: [forward(service, { changed: 'profiles.changed' })],
      start: () => void service.start(),
      dispose: () => {
        stopWatching();
        service.stop();
      },
    };
  },
});
