import type { RendererCapability } from '../capabilities/capability';
import { connectUpdates } from './store';

/** Shown in Settings; connected from the start so the tray-less web window still learns of a ready update. */
export const updatesCapability: RendererCapability = {
  id: 'updates',
  connect: ({ api }) => connectUpdates(api),
};
