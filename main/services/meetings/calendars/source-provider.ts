import { calendarSecretPurpose, type CalendarSecretPurpose, type CalendarSource } from '../../../../common/meetings/meetings-config';
import type { CalendarProvider } from './calendar-provider';
import { FileCalendarProvider } from './file-provider';
import { HttpCalendarProvider, type SecretAnswer } from './http-provider';

export interface SourceProviderOptions {
  /** The keychain, for a calendar that needs a password or token. */
  secretFor: (purpose: CalendarSecretPurpose) => Promise<SecretAnswer>;
  timeoutMs: number;
  userAgent: string;
}

/** What reads a configured calendar: its file, or its URL with the keychain's password or token when it needs one. */
export const providerForSource = (source: CalendarSource, options: SourceProviderOptions): CalendarProvider => {
  if (source.file !== undefined) return new FileCalendarProvider(source.file);
  const auth =
    source.auth === 'basic'
      ? { kind: 'basic' as const, username: source.username ?? '' }
      : source.auth === 'bearer'
        ? { kind: 'bearer' as const }
        : undefined;
  return new HttpCalendarProvider({
    url: source.url ?? '',
    ...(auth ? { auth, secret: () => options.secretFor(calendarSecretPurpose(source.id)) } : {}),
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
  });
};
