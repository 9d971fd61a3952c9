import { defineCapability, forward } from '../capability';
import { AppService } from './app-service';
import { appRequestHandlers, appStreamHandlers } from './handlers';
import { browserPhoneLinks } from './phone-links';

/** What Scrivania is, how it is doing overall, and what the host does for it (its window, the OS's phone links). */
export const appCapability = defineCapability({
  name: 'app',
  needs: [],
  create: (context) => {
    const app = new AppService({
      host: context.ports.host,
      version: context.version,
      platform: process.platform,
      arch: process.arch,
      versions: { node: process.versions.node, ...context.ports.runtimeVersions },
      clock: () => new Date(),
    });
    context.emit('app.status', app.status());
    return {
      requests: appRequestHandlers(app, context.ports.phoneLinks ?? browserPhoneLinks),
      streams: appStreamHandlers,
      provides: app,
      forwards: [forward(app, { status: 'app.status' })],
    };
  },
});
