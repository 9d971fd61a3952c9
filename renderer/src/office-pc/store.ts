import { create } from 'zustand';
import type { OfficePcState } from '../../../common/contract/office-pc';
import type { DisplayMode } from '../../../common/office-pc/office-pc-config';
import type { ScrivaniaApi } from '../../../common/contract';
import type { OfficePcFailure } from './failures';
import type { DesktopSize } from './rdp-connection';

export type ConnectionPhase = 'idle' | 'loading' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'ended';

export interface OfficePcStore {
  /** Main's view: configuration, reachability, sessions, a certificate question. */
  state?: OfficePcState | undefined;
  phase: ConnectionPhase;
  failure?: OfficePcFailure | undefined;
  /** The office PC's own reason when it ended the session. */
  endedReason?: string | undefined;
  reconnect?: { attempt: number; maxAttempts: number; delaySeconds: number } | undefined;
  /** Set when the keychain has no password: the pane asks for it; `canSave` when a keychain exists. */
  askPassword?: { canSave: boolean; reason: string } | undefined;
  desktop?: DesktopSize | undefined;
  displayMode?: DisplayMode | undefined;
  cursor: string;
  /** A short line about the clipboard, e.g. that text from the office PC was copied. */
  clipboardNotice?: 'copied' | 'copy-failed' | 'sent' | undefined;
  /**
   * The employee went back to Scrivania with the session running: the pane shows it inside the window's frame
   * instead of over the whole window, until they ask for the whole window again or come back to the pane.
   */
  inFrame: boolean;
}

export const useOfficePcStore = create<OfficePcStore>()(() => ({ phase: 'idle', cursor: 'default', inFrame: false }));

/** Whether the pane gives the session the whole window: while it is live, unless the employee went back to Scrivania. */
export const showsWholeWindow = (store: Pick<OfficePcStore, 'phase' | 'inFrame'>): boolean =>
  (store.phase === 'connected' || store.phase === 'reconnecting') && !store.inFrame;

/** Follows main's office PC state for as long as the returned function is not called. */
export const connectOfficePc = (api: ScrivaniaApi): (() => void) =>
  api.on('officePc.state', (state) => useOfficePcStore.setState({ state }));
