import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerOrDecline, whoOf } from './CallControls';
import { divertedLine } from './live-calls';
import { phone } from './connected';
import { usePhoneStore } from './store';

/** Alt+letter, matched on the key typed or, where Alt turns it into another character (macOS), on the physical key. */
const isAltLetter = (event: KeyboardEvent, letter: string): boolean => {
  if (!event.altKey || event.ctrlKey || event.metaKey) return false;
  const key = event.key.toLowerCase();
  return key === letter || (!/^[a-z]$/.test(key) && event.code === `Key${letter.toUpperCase()}`);
};

/** Alt+A answers and Alt+D declines the ringing call, whatever has the focus; nothing else sees those keys. */
const useRingingShortcuts = (callId: string | undefined): void => {
  useEffect(() => {
    if (!callId) return;
    const onKey = (event: KeyboardEvent): void => {
      const action = isAltLetter(event, 'a') ? 'answer' : isAltLetter(event, 'd') ? 'decline' : undefined;
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      if (action === 'answer') phone().answer(callId);
      else phone().decline(callId);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [callId]);
};

/**
 * A ringing call as an alert dialog over whatever pane is open, the office PC too: its heading says who calls and
 * for which line. The focus goes to the dialog itself, not to a button, so that a key typed a moment before it
 * appeared neither answers nor declines; Tab reaches Answer first, and Alt+A / Alt+D work at once. Escape does not
 * close it: the call is still ringing.
 */
export const RingingDialog = () => {
  const { t } = useTranslation();
  const call = usePhoneStore((store) => store.calls.find((each) => each.state === 'ringing' && each.direction === 'incoming'));
  const content = useRef<HTMLDivElement>(null);
  useRingingShortcuts(call?.id);
  if (!call) return null;
  const line = divertedLine(call);
  return (
    <AlertDialog.Root open>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="ringing-overlay" />
        <AlertDialog.Content
          ref={content}
          className="ringing-dialog surface"
          data-testid="incoming-banner"
          tabIndex={-1}
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            content.current?.focus();
          }}
          onEscapeKeyDown={(event) => event.preventDefault()}
        >
          <p className="ringing-state">{t('phone.call.state.ringing')}</p>
          <AlertDialog.Title className="ringing-title" data-testid="ringing-caller">
            {t('phone.call.ringingDialogTitle', { who: whoOf(call) })}
          </AlertDialog.Title>
          <AlertDialog.Description className="ringing-line">
            {line ? (
              <span data-testid="diverted-from">{t('phone.call.ringingDialogFor', { line })}</span>
            ) : (
              t('phone.call.ringingDialogDirect')
            )}
          </AlertDialog.Description>
          <div className="ringing-actions">
            <AnswerOrDecline call={call} />
          </div>
          <p className="muted ringing-hint">{t('phone.call.shortcutsHint')}</p>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
};
