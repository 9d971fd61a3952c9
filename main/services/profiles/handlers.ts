import { ContractError } from '../../../common/contract/errors';
import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import type { ProfileService } from './profile-service';

export const profilesRequestHandlers = (service: ProfileService): Pick<RequestHandlers, RequestKeysOf<'profiles'>> => ({
  'profiles.current': () => service.summary(),
  'profiles.import': async (request) => {
    const outcome =
      request.kind === 'file'
        ? await service.importBytes(Buffer.from(request.contentBase64, 'base64'), 'file')
        : await service.importFromUrl(request.url, 'url');
    if (!outcome.ok) throw new ContractError(outcome.kind === 'refused' ? 'bad-request' : 'failed', outcome.reason);
    return outcome.summary;
  },
  'profiles.effective': () => service.effectiveView(),
  'profiles.setUserValue': async ({ pointer, value }) => {
    const outcome = await service.setUserValue(pointer, value);
    if (!outcome.ok) throw new ContractError(outcome.locked ? 'forbidden' : 'bad-request', outcome.reason, 'pointer');
    return service.effectiveView();
  },
  'profiles.setUserField': async ({ key, value }) => {
    const outcome = await service.setUserField(key, value);
    if (!outcome.ok) throw new ContractError('bad-request', outcome.reason, 'value');
    return service.effectiveView();
  },
});
