import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import type { OfficePcService } from './office-pc-service';

export const officePcRequestHandlers = (officePc: OfficePcService): Pick<RequestHandlers, RequestKeysOf<'officePc'>> => ({
  'officePc.openSession': () => officePc.openSession(),
  'officePc.sessionOutcome': ({ sessionId }) => officePc.sessionOutcome(sessionId),
  'officePc.sessionSignedIn': ({ sessionId }) => ({ signedIn: officePc.sessionSignedIn(sessionId) }),
  'officePc.closeSession': ({ sessionId }) => ({ closed: officePc.closeSession(sessionId) }),
  'officePc.answerCertificate': async ({ sha256, trust }) => ({ trusted: await officePc.answerCertificate(sha256, trust) }),
  'officePc.checkReachability': () => officePc.checkReachability(),
});
