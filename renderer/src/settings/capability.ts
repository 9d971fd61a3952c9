import type { RendererCapability } from '../capabilities/capability';
import { SettingsPane } from './SettingsPane';

export const settingsCapability: RendererCapability = {
  id: 'settings',
  pane: { view: 'settings', Pane: SettingsPane, labelKey: 'nav.settings' },
};
