import { defineCapability, forward } from '../capability';
import { phoneRequestHandlers } from './handlers';
import { PhoneService } from './phone-service';

/** The phone's SIP user agent runs in the renderer, which reports its registration; main keeps history and features. */
export const phoneCapability = defineCapability({
  name: 'phone',
  needs: [],
  create: (context) => {
    const service = new PhoneService({ dataDir: context.dataDir, log: context.log.child('phone'), clock: () => new Date() });
    const stopReporting = service.on('status', (status) => context.report('phone', status));
    return {
      requests: phoneRequestHandlers(service),
      provides: { dialer: service.dialer(), connectSources: () => service.connectSources() },
      forwards: [
        forward(service, {
          config: 'phone.config',
          history: 'phone.history',
          features: 'phone.features',
          preferences: 'phone.preferences',
          dialRequested: 'phone.dialRequested',
          calls: 'phone.calls',
          commandRequested: 'phone.commandRequested',
        }),
      ],
      configure: ({ config }) => service.configure(config.phone),
      start: () => {
        service.configure(undefined);
        void service.start();
      },
      dispose: stopReporting,
    };
  },
});
