import { create } from 'zustand';
import type { Agenda, Occurrence, Reminder } from '../../../common/contract/meetings';
import type { OpenChoice } from '../../../common/meetings/meetings-config';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { shownErrorOr, type ShownError } from '../errors/catalogue';

/** A join handed to the OS: the URL is kept so the employee can open it where the host could not. */
export interface HandedOver {
  occurrenceId: string;
  url: string;
  opened: boolean;
}

interface MeetingsState {
  agenda?: Agenda | undefined;
  reminder?: Reminder | undefined;
  handedOver?: HandedOver | undefined;
  joining?: string | undefined;
  refreshing: boolean;
  /** The last refused request, as the pane says it. */
  error?: ShownError | undefined;
  join(occurrence: Occurrence): Promise<void>;
  joinByPhone(occurrence: Occurrence): Promise<void>;
  refresh(): Promise<void>;
  addCalendar(name: string, url: string): Promise<boolean>;
  removeCalendar(calendarId: string): Promise<void>;
  setNotifyMinutes(minutes: number): Promise<void>;
  setOpenIn(service: string, choice: OpenChoice): Promise<void>;
}

export const useMeetingsStore = create<MeetingsState>()((set) => {
  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await work();
      set({ error: undefined });
      return result;
    } catch (error) {
      set({ error: shownErrorOr(error, 'meetings.request-failed') });
      return undefined;
    }
  };
  return {
    refreshing: false,
    join: async (occurrence) => {
      set({ joining: occurrence.id, handedOver: undefined });
      const result = await attempt(() => getApi().invoke('meetings.join', { occurrenceId: occurrence.id }));
      set({ joining: undefined });
      if (!result) return;
      set({ handedOver: { occurrenceId: occurrence.id, ...result } });
      // The web host cannot reach the OS: the browser window opens the meeting itself.
      if (!result.opened && getApi().host === 'web') window.open(result.url, '_blank', 'noopener,noreferrer');
    },
    joinByPhone: async (occurrence) => {
      await attempt(() => getApi().invoke('meetings.joinByPhone', { occurrenceId: occurrence.id }));
    },
    refresh: async () => {
      set({ refreshing: true });
      await attempt(() => getApi().invoke('meetings.refresh', {}));
      set({ refreshing: false });
    },
    addCalendar: async (name, url) => (await attempt(() => getApi().invoke('meetings.addCalendar', { name, url }))) !== undefined,
    removeCalendar: async (calendarId) => {
      await attempt(() => getApi().invoke('meetings.removeCalendar', { calendarId }));
    },
    setNotifyMinutes: async (minutes) => {
      await attempt(() => getApi().invoke('meetings.setPreferences', { notifyMinutesBefore: minutes }));
    },
    setOpenIn: async (service, choice) => {
      await attempt(() => getApi().invoke('meetings.setPreferences', { openIn: { service, choice } }));
    },
  };
});

/** The agenda and reminders, from the start: a reminder must reach the employee on whatever pane they are. */
export const connectMeetings = (api: ScrivaniaApi): (() => void) => {
  const stops = [
    api.on('meetings.agenda', (agenda) => useMeetingsStore.setState({ agenda })),
    api.on('meetings.reminder', (reminder) => useMeetingsStore.setState({ reminder })),
  ];
  return () => stops.forEach((stop) => stop());
};
