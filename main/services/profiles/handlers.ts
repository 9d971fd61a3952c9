import { ContractError } from '../../../common/contract/errors';
import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import type { NotDone, ProfileService } from './profile-service';

/** Refused (the profile itself is wrong) is a bad request; failed (could not fetch or store) is a failure. */
const notDone = (outcome: NotDone, path?: string): ContractError =>
  new ContractError(outcome.kind === 'refused' ? 'bad-request' : 'failed', outcome.reason, path, outcome.problem);

export const profilesRequestHandlers = (service: ProfileService): Pick<RequestHandlers, RequestKeysOf<'profiles'>> => ({
  'profiles.current': () => service.summary(),
  'profiles.import': async (request) => {
    const outcome =
      request.kind === 'file'
        ? await service.importBytes(Buffer.from(request.contentBase64, 'base64'), 'file')
        : await service.importFromUrl(request.url, 'url');
    if (!outcome.ok) throw notDone(outcome);
    return outcome.summary;
  },
  'profiles.preview': async (request) => {
    const outcome =
      request.kind === 'file'
        ? await service.previewBytes(Buffer.from(request.contentBase64, 'base64'), 'file')
        : await service.previewFromUrl(request.url, 'url');
    if (!outcome.ok) throw notDone(outcome);
    return outcome.preview;
  },
  'profiles.install': async ({ previewId }) => {
    const outcome = await service.installPreview(previewId);
    if (!outcome.ok) throw notDone(outcome);
    return outcome.summary;
  },
  'profiles.discard': async ({ previewId }) => ({ discarded: await service.discardPreview(previewId) }),
  'profiles.effective': () => service.effectiveView(),
  'profiles.setUserValue': async ({ pointer, value }) => {
    const outcome = await service.setUserValue(pointer, value);
    if (!outcome.ok) throw new ContractError(outcome.locked ? 'forbidden' : 'bad-request', outcome.reason, 'pointer', outcome.problem);
    return service.effectiveView();
  },
  'profiles.setUserField': async ({ key, value }) => {
    const outcome = await service.setUserField(key, value);
    if (!outcome.ok) throw new ContractError('bad-request', outcome.reason, 'value', outcome.problem);
    return service.effectiveView();
  },
});
