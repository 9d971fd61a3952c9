import type { RendererCapability } from '../capabilities/capability';
import { OfficePcPane } from './OfficePcPane';
import { connectOfficePc } from './store';

export const officePcCapability: RendererCapability = {
  id: 'officePc',
  connect: ({ api }) => connectOfficePc(api),
  pane: { view: 'officePc', Pane: OfficePcPane, labelKey: 'capability.officePc.title' },
  card: {},
};
