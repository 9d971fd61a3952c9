import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionLine } from './ConnectionLine';
import { officePc } from './controller';
import { EXIT_CHORD, isExitChord } from './session-view';
import { RemoteScreen } from './RemoteScreen';
import { SessionToolbar } from './SessionToolbar';

/** Kept in the window's own storage: the hint about the way out is shown until the employee has seen it once. */
const HINT_SEEN_KEY = 'scrivania.officePc.wholeWindowHintSeen';
const HINT_MS = 12_000;
/** How long the toolbar stays after the pointer left it (or the session started). */
const TOOLBAR_HOLD_MS = 2_500;

const hintSeen = (): boolean => {
  try {
    return window.localStorage.getItem(HINT_SEEN_KEY) === '1';
  } catch {
    return false;
  }
};
const rememberHintSeen = (): void => {
  try {
    window.localStorage.setItem(HINT_SEEN_KEY, '1');
  } catch {
    // Storage refused (private window): the hint simply comes again next time.
  }
};

/** The toolbar slides in when the pointer reaches the top edge or something in it has the focus, and out shortly after. */
const useAutoHide = (toolbar: React.RefObject<HTMLDivElement | null>) => {
  const [shown, setShown] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const show = useCallback(() => {
    clearTimeout(timer.current);
    setShown(true);
  }, []);
  const hideSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!toolbar.current?.matches(':hover, :focus-within')) setShown(false);
    }, TOOLBAR_HOLD_MS);
  }, [toolbar]);
  useEffect(() => {
    hideSoon();
    return () => clearTimeout(timer.current);
  }, [hideSoon]);
  return { shown, show, hideSoon };
};

const ExitHint = () => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => !hintSeen());
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      rememberHintSeen();
      setOpen(false);
    }, HINT_MS);
    return () => clearTimeout(timer);
  }, [open]);
  if (!open) return null;
  return (
    <aside className="office-pc-exit-hint surface" aria-labelledby="office-pc-exit-hint-title" data-testid="office-pc-exit-hint">
      <h2 id="office-pc-exit-hint-title">{t('officePc.session.hintTitle')}</h2>
      <p>
        {t('officePc.session.hintBefore')} <kbd>{EXIT_CHORD}</kbd> {t('officePc.session.hintAfter')}
      </p>
      <button
        type="button"
        onClick={() => {
          rememberHintSeen();
          setOpen(false);
          officePc.canvas.focus({ preventScroll: true });
        }}
      >
        {t('officePc.session.hintDismiss')}
      </button>
    </aside>
  );
};

/** The live session over the whole window, as Remote Desktop clients show it: the screen, one slim bar that hides, the way out. */
export const WholeWindowSession = () => {
  const toolbar = useRef<HTMLDivElement>(null);
  const { shown, show, hideSoon } = useAutoHide(toolbar);

  // The exit chord works wherever the focus is, and never reaches the office PC.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isExitChord(event)) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.type === 'keydown') officePc.leaveWholeWindow();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('keyup', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('keyup', onKey, { capture: true });
    };
  }, []);
  useEffect(() => officePc.canvas.focus({ preventScroll: true }), []);

  return (
    <div className="office-pc-whole-window">
      <div className="office-pc-reveal" aria-hidden="true" onPointerEnter={show} onPointerLeave={hideSoon} />
      <div
        ref={toolbar}
        className={shown ? 'office-pc-floating-toolbar shown' : 'office-pc-floating-toolbar'}
        data-testid="office-pc-floating-toolbar"
        data-shown={shown}
        onPointerEnter={show}
        onPointerLeave={hideSoon}
        onFocus={show}
        onBlur={hideSoon}
      >
        <SessionToolbar wholeWindow />
      </div>
      <RemoteScreen />
      <ConnectionLine hidden />
      <ExitHint />
    </div>
  );
};
