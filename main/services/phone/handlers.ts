import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import type { PhoneService } from './phone-service';

export const phoneRequestHandlers = (phone: PhoneService): Pick<RequestHandlers, RequestKeysOf<'phone'>> => ({
  'phone.reportRegistration': (report) => {
    phone.reportRegistration(report);
    return {};
  },
  'phone.reportCalls': (report) => {
    phone.reportCalls(report);
    return {};
  },
  'phone.command': (command) => {
    phone.command(command);
    return {};
  },
  'phone.recordCall': async (call) => ({ id: await phone.recordCall(call) }),
  'phone.clearHistory': async () => {
    await phone.clearHistory();
    return {};
  },
  'phone.markMissedSeen': async () => {
    await phone.markMissedSeen();
    return {};
  },
  'phone.featureDial': (request) => ({ dial: phone.featureDial(request) }),
  'phone.featureApplied': (request) => phone.featureApplied(request),
  'phone.setPreferences': (change) => phone.setPreferences(change),
  'phone.dial': (request) => {
    phone.dial(request);
    return {};
  },
});
