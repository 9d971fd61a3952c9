import type { AppInfo, AppStatus, CapabilityId, CapabilityStatus } from '../../common/contract';
import type { CalendarSource } from '../../common/meetings/meetings-config';
import type { CredentialService } from './credentials/credential-service';
import type { PhoneDialer } from './meetings/meetings-service';
import type { ProfileService } from './profiles/profile-service';

/** The app's overall status, folded from each card's report; the tray and the dashboard show it. */
export interface AppStatusBoard {
  info(): AppInfo;
  status(): AppStatus;
  report(id: CapabilityId, status: CapabilityStatus): void;
  /** Something needs the employee now (a call is ringing): the host brings its window forward. */
  requestAttention(): void;
  on(name: 'status', listener: (status: AppStatus) => void): () => void;
  on(name: 'attention', listener: (payload: null) => void): () => void;
}

/** A secret for a named purpose, and whether the keychain is there; save and forget for the calendar addresses the employee adds. Never a way to list secrets. */
export type Secrets = Pick<CredentialService, 'status' | 'has' | 'secretFor' | 'save' | 'forget'>;

/** The active profile and the effective configuration, and the ways a host hands Scrivania a new profile. */
export type Profiles = Pick<
  ProfileService,
  | 'effective'
  | 'summary'
  | 'state'
  | 'active'
  | 'load'
  | 'importBytes'
  | 'importFromUrl'
  | 'offerBytes'
  | 'offerFromUrl'
  | 'setUserValue'
  | 'on'
>;

type NothingProvided = Record<never, never>;

/**
 * What each capability lends the others, by name. A capability reaches another only through these, after naming it
 * in `needs`; its concrete service stays its own.
 */
export interface Provisions {
  app: AppStatusBoard;
  credentials: Secrets;
  profiles: Profiles;
  phone: {
    /** Places a call for another capability (joining a meeting by phone); absent calls fail with a reason. */
    dialer: PhoneDialer;
    /** Origins the renderer's Content-Security-Policy must allow for the PBX's WebSocket. */
    connectSources(): string[];
  };
  meetings: {
    /** The calendars the meetings service reads, the employee's own included. */
    calendarSources(): readonly CalendarSource[];
  };
  vpn: NothingProvided;
  officePc: {
    /** The relay's WebSocket origin, for the renderer's Content-Security-Policy. */
    connectSources(): string[];
  };
  updates: NothingProvided;
  help: NothingProvided;
}
