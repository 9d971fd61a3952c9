import { useTranslation } from 'react-i18next';
import { globalCallShortcuts } from '../../../common/contract/phone';
import { useShellStore } from '../shell/store';
import { phone } from './connected';
import { usePhoneStore } from './store';

/** An Electron accelerator as this system names its keys: ⌘ and ⌥ on macOS, Ctrl and Alt elsewhere. */
const keysOf = (accelerator: string, mac: boolean): string =>
  accelerator.replace('CommandOrControl', mac ? 'Cmd' : 'Ctrl').replace('Alt', mac ? 'Option' : 'Alt');

/**
 * Settings: the phone's shortcuts. Alt+A / Alt+D answer and decline in the window; the desktop app can also take
 * answer and hang-up from any program while a call is on, which the employee can turn off.
 */
export const PhoneShortcutsSection = () => {
  const { t } = useTranslation();
  const info = useShellStore((state) => state.info);
  const configured = usePhoneStore((store) => store.config?.configured ?? false);
  const wanted = usePhoneStore((store) => store.preferences?.globalShortcuts !== false);
  if (!configured) return null;
  const desktop = info?.host === 'electron';
  const mac = info?.platform === 'darwin';
  return (
    <section aria-labelledby="phone-shortcuts-title" className="stack phone-shortcuts" data-section="phone-shortcuts">
      <h2 id="phone-shortcuts-title">{t('phone.shortcuts.title')}</h2>
      <p>{t('phone.shortcuts.inWindow')}</p>
      {desktop ? (
        <>
          <p>{t('phone.shortcuts.intro')}</p>
          <dl className="facts">
            <dt>{t('phone.shortcuts.answer')}</dt>
            <dd>
              <kbd>{keysOf(globalCallShortcuts.answer, mac)}</kbd>
            </dd>
            <dt>{t('phone.shortcuts.hangUp')}</dt>
            <dd>
              <kbd>{keysOf(globalCallShortcuts.hangUp, mac)}</kbd>
            </dd>
          </dl>
          <label>
            <input type="checkbox" checked={wanted} onChange={(event) => void phone().setGlobalShortcuts(event.target.checked)} />{' '}
            {t('phone.shortcuts.toggle')}
          </label>
        </>
      ) : (
        <p className="muted">{t('phone.shortcuts.desktopOnly')}</p>
      )}
    </section>
  );
};
