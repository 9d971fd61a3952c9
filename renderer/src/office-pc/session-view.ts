import type { StatusLevel } from '../../../common/contract';
import type { ConnectionPhase } from './store';

/**
 * Ctrl+Alt+Home, as on Windows' own Remote Desktop client, brings Scrivania back: it is never sent to the office PC
 * (Windows gives it no meaning there), so it works whatever the office PC is doing.
 */
export const EXIT_CHORD = 'Ctrl+Alt+Home';

export const isExitChord = (event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean =>
  event.code === 'Home' && event.ctrlKey && event.altKey && !event.metaKey;

/** The pane's badge tells what the session is doing first: main's level ("Ready") is only true while nothing is under way. */
export const sessionBadge = (phase: ConnectionPhase, mainLevel: StatusLevel): { level: StatusLevel; key: string } => {
  if (phase === 'loading' || phase === 'connecting') return { level: 'busy', key: 'officePc.badge.connecting' };
  if (phase === 'reconnecting') return { level: 'busy', key: 'officePc.badge.reconnecting' };
  if (phase === 'connected') return { level: 'ok', key: 'officePc.badge.connected' };
  return { level: mainLevel, key: `status.${mainLevel}` };
};
