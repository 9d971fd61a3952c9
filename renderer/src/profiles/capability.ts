import type { RendererCapability } from '../capabilities/capability';
import { ProfilePane } from './ProfilePane';
import { connectProfiles } from './store';

export const profilesCapability: RendererCapability = {
  id: 'profiles',
  connect: ({ api }) => connectProfiles(api),
  pane: { view: 'profile', Pane: ProfilePane, labelKey: 'nav.profile' },
};
