import type { Capability, CapabilityContext } from '../capability';
import { phoneRequestHandlers, type PhoneRequests } from './handlers';
import { PhoneService } from './phone-service';

/** The phone's SIP user agent runs in the renderer, which reports its registration; main keeps history and features. */
export const createPhoneCapability = (context: CapabilityContext): Capability<PhoneRequests> & { service: PhoneService } => {
  const service = new PhoneService({ dataDir: context.dataDir, log: context.log.child('phone'), clock: () => new Date() });
  const stops = [
    service.on('config', (config) => context.emit('phone.config', config)),
    service.on('history', (history) => context.emit('phone.history', history)),
    service.on('features', (features) => context.emit('phone.features', features)),
    service.on('preferences', (preferences) => context.emit('phone.preferences', preferences)),
    service.on('dialRequested', (request) => context.emit('phone.dialRequested', request)),
    service.on('status', (status) => context.report('phone', status)),
  ];
  service.configure(undefined);
  void service.start();
  return {
    service,
    requests: phoneRequestHandlers(service),
    configure: ({ config }) => service.configure(config.phone),
    dispose: () => stops.forEach((stop) => stop()),
  };
};
