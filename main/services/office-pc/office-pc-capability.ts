import type { Capability, CapabilityContext } from '../capability';
import { officePcRequestHandlers, type OfficePcRequests } from './handlers';
import { OfficePcService } from './office-pc-service';

export const createOfficePcCapability = (context: CapabilityContext): Capability<OfficePcRequests> => {
  const service = new OfficePcService({ log: context.log.child('officePc'), dataDir: context.dataDir });
  context.emit('officePc.state', service.state());
  const stops = [service.on('state', (state) => context.emit('officePc.state', state)), service.on('status', (status) => context.report('officePc', status))];
  return {
    requests: officePcRequestHandlers(service),
    configure: ({ config }) => service.configure(config.officePc),
    dispose: () => {
      stops.forEach((stop) => stop());
      void service.dispose();
    },
  };
};
