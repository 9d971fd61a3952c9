import { ClipboardPaste, Keyboard, LayoutDashboard, Maximize, Minimize, PanelTopOpen, Power, ShieldAlert } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayMode } from '../../../common/office-pc/office-pc-config';
import { officePc } from './controller';
import { EXIT_CHORD } from './session-view';
import { useOfficePcStore } from './store';

/** Whether something in the page is full screen now. */
const useFullScreen = (): boolean => {
  const [fullScreen, setFullScreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const changed = (): void => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  return fullScreen;
};

/** After a toolbar action the keys go to the office PC again, and the toolbar may hide. */
const thenBackToScreen =
  (action: () => void): (() => void) =>
  () => {
    action();
    officePc.canvas.focus({ preventScroll: true });
  };

interface ToolButtonProps {
  icon: ReactNode;
  label: string;
  onClick: () => void;
  className?: string;
  /** On a narrow window only the icon shows; the label stays the button's name and its tooltip. */
  narrowIconOnly?: boolean;
}

const ToolButton = ({ icon, label, onClick, className, narrowIconOnly = false }: ToolButtonProps) => (
  <button
    type="button"
    className={className ?? 'secondary'}
    onClick={onClick}
    {...(narrowIconOnly ? { 'aria-label': label, title: label } : {})}
  >
    {icon}
    <span className={narrowIconOnly ? 'office-pc-narrow-hidden' : undefined}>{label}</span>
  </button>
);

export interface SessionToolbarProps {
  /** Over the whole window (auto-hiding, with the way back to Scrivania) or inside the pane (with the way to the whole window). */
  wholeWindow: boolean;
}

/** The live session's controls: keys Windows reserves, the clipboard, scaling, full screen, the way out, disconnect. */
export const SessionToolbar = ({ wholeWindow }: SessionToolbarProps) => {
  const { t } = useTranslation();
  const { displayMode, state } = useOfficePcStore();
  const fullScreen = useFullScreen();
  const mode = displayMode ?? state?.display ?? 'resize';
  const icon = { className: 'office-pc-tool-icon', 'aria-hidden': true, focusable: false } as const;
  const toggleFullScreen = (): void => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
      return;
    }
    // The whole page goes full screen, the session over the whole window in it: a ringing call still shows above it.
    officePc.wholeWindow();
    // Keyboard lock hands Alt+Tab, the Windows key and Esc to the office PC while full screen (Chromium only).
    void document.documentElement
      .requestFullscreen()
      .then(() => (navigator as Navigator & { keyboard?: { lock?: () => Promise<void> } }).keyboard?.lock?.().catch(() => undefined))
      .catch(() => undefined);
  };
  return (
    <div className="office-pc-session-toolbar" role="toolbar" aria-label={t('officePc.toolbar')}>
      {wholeWindow && <span className="office-pc-session-name">{state?.name ?? state?.host ?? ''}</span>}
      <ToolButton
        icon={<ShieldAlert {...icon} />}
        label={t('officePc.ctrlAltDel')}
        onClick={thenBackToScreen(() => officePc.ctrlAltDel())}
      />
      <ToolButton icon={<Keyboard {...icon} />} label={t('officePc.windowsKey')} onClick={thenBackToScreen(() => officePc.windowsKey())} />
      <ToolButton
        icon={<ClipboardPaste {...icon} />}
        label={t('officePc.sendClipboard')}
        narrowIconOnly
        onClick={thenBackToScreen(
          () => void officePc.sendClipboard().catch(() => useOfficePcStore.setState({ clipboardNotice: 'copy-failed' })),
        )}
      />
      <label className="office-pc-scale">
        <span className="office-pc-narrow-hidden">{t('officePc.display.label')}</span>
        <select
          value={mode}
          onChange={(event) => {
            officePc.setDisplayMode(event.target.value as DisplayMode);
            officePc.canvas.focus({ preventScroll: true });
          }}
        >
          <option value="resize">{t('officePc.display.resize')}</option>
          <option value="fit">{t('officePc.display.fit')}</option>
          <option value="actual">{t('officePc.display.actual')}</option>
        </select>
      </label>
      <ToolButton
        icon={fullScreen ? <Minimize {...icon} /> : <Maximize {...icon} />}
        label={t(fullScreen ? 'officePc.session.leaveFullScreen' : 'officePc.fullScreen')}
        narrowIconOnly
        onClick={thenBackToScreen(toggleFullScreen)}
      />
      {wholeWindow ? (
        <button type="button" className="secondary" onClick={() => officePc.leaveWholeWindow()} data-testid="office-pc-back">
          <LayoutDashboard {...icon} />
          <span>{t('officePc.session.back')}</span>
          <kbd>{EXIT_CHORD}</kbd>
        </button>
      ) : (
        <ToolButton icon={<PanelTopOpen {...icon} />} label={t('officePc.session.wholeWindow')} onClick={() => officePc.wholeWindow()} />
      )}
      <ToolButton icon={<Power {...icon} />} label={t('officePc.disconnect')} className="danger" onClick={() => officePc.disconnect()} />
    </div>
  );
};
