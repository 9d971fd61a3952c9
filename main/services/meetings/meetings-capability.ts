import { join } from 'node:path';
import { meetingsConfigFromSections, meetingsLocks } from '../../../common/meetings/meetings-config';
import { defineCapability, forward } from '../capability';
import { meetingsRequestHandlers } from './handlers';
import { MeetingsChoicesStore } from './meetings-choices-store';
import { MeetingsService } from './meetings-service';
import { UserCalendarsStore } from './user-calendars-store';
import { hostTimeZone } from './zoned-time';

/** The employee's calendars, the next meetings with their links, and reminders that cannot be missed. */
export const meetingsCapability = defineCapability({
  name: 'meetings',
  needs: ['credentials', 'phone'],
  create: (context, { credentials, phone }) => {
    const log = context.log.child('meetings');
    const { ports } = context;
    const service = new MeetingsService({
      log,
      clock: () => new Date(),
      timeZone: hostTimeZone,
      secretFor: (purpose) => credentials.secretFor(purpose),
      openExternal: ports.openExternal ?? (async () => false),
      ...(ports.canOpenScheme ? { canOpenScheme: ports.canOpenScheme } : {}),
      userAgent: `Scrivania/${context.version}`,
      phone: phone.dialer,
      choices: new MeetingsChoicesStore(join(context.dataDir, 'meetings', 'choices.json')),
      userCalendars: new UserCalendarsStore(join(context.dataDir, 'meetings', 'calendars.json'), credentials),
    });
    const stops = [
      service.on('reminder', (reminder) =>
        context.notify({
          title: { key: 'notices.meetingSoon', params: { title: reminder.title } },
          body: { key: 'notices.meetingStarts', params: { minutes: reminder.minutesBefore } },
          action: { label: { key: 'notices.meetingJoin' }, run: () => service.join(reminder.occurrenceId) },
        }),
      ),
      service.on('status', (status) => context.report('meetings', status)),
      // A calendar that failed may answer on the new network.
      context.onNetworkChange(() => service.networkChanged()),
    ];
    return {
      requests: meetingsRequestHandlers(service),
      provides: { calendarSources: () => service.calendarSources() },
      forwards: [forward(service, { agenda: 'meetings.agenda', reminder: 'meetings.reminder' })],
      // Calendars come from the profile; without any, the meetings card stays "not configured".
      configure: ({ config, locks }) => {
        if (config.calendars.length === 0) return service.configure(undefined);
        const parsed = meetingsConfigFromSections(config);
        if (!parsed.ok) log.warn("the profile's meetings configuration does not apply", { reason: parsed.error });
        service.configure(parsed.ok ? { ...parsed.config, locked: meetingsLocks(Object.keys(locks)) } : undefined);
      },
      start: () => {
        service.configure(undefined);
        void service.restoreChoices();
        void service.restoreCalendars();
      },
      dispose: async () => {
        stops.forEach((stop) => stop());
        await service.flush();
        service.dispose();
      },
    };
  },
});
