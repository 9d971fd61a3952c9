import { ContractError } from '../../../common/contract';
import type { RequestHandlers } from '../handlers';
import { PhoneRequestError, type PhoneService } from './phone-service';

export type PhoneRequests =
  | 'phone.reportRegistration'
  | 'phone.recordCall'
  | 'phone.clearHistory'
  | 'phone.markMissedSeen'
  | 'phone.featureDial'
  | 'phone.featureApplied'
  | 'phone.setPreferences'
  | 'phone.dial';

/** A refusal the employee can act on travels as `failed` with its own one line. */
const answering = async <T>(key: string, work: () => Promise<T> | T): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PhoneRequestError) throw new ContractError('failed', `${key}: ${error.message}`);
    throw error;
  }
};

export const phoneRequestHandlers = (phone: PhoneService): Pick<RequestHandlers, PhoneRequests> => ({
  'phone.reportRegistration': (report) => {
    phone.reportRegistration(report);
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
  'phone.featureDial': (request) => answering('phone.featureDial', () => ({ dial: phone.featureDial(request) })),
  'phone.featureApplied': (request) => answering('phone.featureApplied', () => phone.featureApplied(request)),
  'phone.setPreferences': (change) => phone.setPreferences(change),
  'phone.dial': (request) =>
    answering('phone.dial', () => {
      phone.dial(request);
      return {};
    }),
});
