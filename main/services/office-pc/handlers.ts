import { ContractError } from '../../../common/contract';
import type { RequestHandlers } from '../handlers';
import { OfficePcRequestError, type OfficePcService } from './office-pc-service';

export type OfficePcRequests = 'officePc.openSession' | 'officePc.sessionOutcome' | 'officePc.closeSession' | 'officePc.answerCertificate' | 'officePc.checkReachability';

/** A refusal the employee can act on travels as `forbidden` or `failed` with its own one line. */
const answering = async <T>(key: string, work: () => Promise<T> | T): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OfficePcRequestError) throw new ContractError(error.kind, `${key}: ${error.message}`);
    throw error;
  }
};

export const officePcRequestHandlers = (officePc: OfficePcService): Pick<RequestHandlers, OfficePcRequests> => ({
  'officePc.openSession': () => answering('officePc.openSession', () => officePc.openSession()),
  'officePc.sessionOutcome': ({ sessionId }) => answering('officePc.sessionOutcome', () => officePc.sessionOutcome(sessionId)),
  'officePc.closeSession': ({ sessionId }) => ({ closed: officePc.closeSession(sessionId) }),
  'officePc.answerCertificate': ({ sha256, trust }) => answering('officePc.answerCertificate', async () => ({ trusted: await officePc.answerCertificate(sha256, trust) })),
  'officePc.checkReachability': () => answering('officePc.checkReachability', () => officePc.checkReachability()),
});
