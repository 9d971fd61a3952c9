import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import type { UpdateService } from './update-service';

export const updatesRequestHandlers = (service: UpdateService): Pick<RequestHandlers, RequestKeysOf<'updates'>> => ({
  'updates.status': () => service.state(),
  'updates.check': () => service.check(),
  'updates.install': () => service.install(),
});
