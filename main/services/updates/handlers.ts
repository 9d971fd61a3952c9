import type { RequestHandlers } from '../handlers';
import type { UpdateService } from './update-service';

export type UpdatesRequestKey = 'updates.status' | 'updates.check' | 'updates.install';

export const updatesRequestHandlers = (service: UpdateService): Pick<RequestHandlers, UpdatesRequestKey> => ({
  'updates.status': () => service.state(),
  'updates.check': () => service.check(),
  'updates.install': () => service.install(),
});
