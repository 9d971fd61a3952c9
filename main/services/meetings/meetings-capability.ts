import { meetingsConfigFromSections, meetingsLocks } from '../../../common/meetings/meetings-config';
import type { Capability, CapabilityContext } from '../capability';
import { meetingsRequestHandlers, type MeetingsRequests } from './handlers';
import { MeetingsService, type MeetingsServicePorts } from './meetings-service';
import { hostTimeZone } from './zoned-time';

export type MeetingsHostPorts = Pick<MeetingsServicePorts, 'openExternal' | 'canOpenScheme' | 'phone' | 'userAgent'>;

export const createMeetingsCapability = (context: CapabilityContext, ports: MeetingsHostPorts): Capability<MeetingsRequests> & { service: MeetingsService } => {
  const log = context.log.child('meetings');
  const service = new MeetingsService({ log, clock: () => new Date(), timeZone: hostTimeZone, secretFor: (purpose) => context.credentials.secretFor(purpose), ...ports });
  const stops = [
    service.on('agenda', (agenda) => context.emit('meetings.agenda', agenda)),
    service.on('reminder', (reminder) => {
      context.emit('meetings.reminder', reminder);
      context.notify({
        title: { key: 'notices.meetingSoon', params: { title: reminder.title } },
        body: { key: 'notices.meetingStarts', params: { minutes: reminder.minutesBefore } },
        action: { label: { key: 'notices.meetingJoin' }, run: () => service.join(reminder.occurrenceId) },
      });
    }),
    service.on('status', (status) => context.report('meetings', status)),
  ];
  service.configure(undefined);
  return {
    service,
    requests: meetingsRequestHandlers(service),
    // Calendars come from the profile; without any, the meetings card stays "not configured".
    configure: ({ config, locks }) => {
      if (config.calendars.length === 0) return service.configure(undefined);
      const parsed = meetingsConfigFromSections(config);
      if (!parsed.ok) log.warn("the profile's meetings configuration does not apply", { reason: parsed.error });
      service.configure(parsed.ok ? { ...parsed.config, locked: meetingsLocks(Object.keys(locks)) } : undefined);
    },
    dispose: () => {
      stops.forEach((stop) => stop());
      service.dispose();
    },
  };
};
