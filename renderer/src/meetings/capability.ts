import type { RendererCapability } from '../capabilities/capability';
import { MeetingsPane } from './MeetingsPane';
import { NextMeeting } from './NextMeeting';
import { connectMeetings } from './store';

export const meetingsCapability: RendererCapability = {
  id: 'meetings',
  connect: ({ api }) => connectMeetings(api),
  pane: { view: 'meetings', Pane: MeetingsPane, labelKey: 'capability.meetings.title' },
  card: { Extra: NextMeeting },
};
