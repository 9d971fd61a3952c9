import type { RendererCapability } from '../capabilities/capability';
import { HelpPane } from './HelpPane';
import { connectHelp } from './store';

export const helpCapability: RendererCapability = {
  id: 'help',
  connect: ({ api }) => connectHelp(api),
  pane: { view: 'help', Pane: HelpPane, labelKey: 'nav.help' },
};
