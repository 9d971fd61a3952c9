import { PaneHeader } from '../capabilities/PaneHeader';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../bridge/api';
import { useProfilesStore } from '../profiles/store';
import { useShellStore } from '../shell/store';
import { DiagnosticsSection } from './DiagnosticsSection';
import { SelfTestSection } from './SelfTestSection';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shownErrorOr, type ShownError } from '../errors/catalogue';

interface Helpdesk {
  phone?: string;
  email?: string;
  url?: string;
  hours?: string;
}

interface QuickLink {
  title: string;
  url: string;
}

/** The organisation's help desk (a call goes through the softphone), "Check my setup", the diagnostics bundle, quick links, and what this app is. */
export const HelpPane = () => {
  const { t } = useTranslation();
  const info = useShellStore((state) => state.info);
  const show = useShellStore((state) => state.show);
  const config = useProfilesStore((state) => state.state?.effective.config);
  const helpdesk = (config?.['helpdesk'] ?? {}) as Helpdesk;
  const links = (config?.['links'] ?? []) as QuickLink[];
  const [callError, setCallError] = useState<ShownError>();

  const callHelpdesk = async (number: string): Promise<void> => {
    setCallError(undefined);
    try {
      await getApi().invoke('phone.dial', { target: number });
      show('phone');
    } catch (failure) {
      setCallError(shownErrorOr(failure, 'help.call-failed'));
    }
  };

  const hasHelpdesk = Object.values(helpdesk).some(Boolean);
  return (
    <section className="pane" data-pane="help" aria-labelledby="pane-title">
      <PaneHeader view="help" title={t('help.title')} />
      {hasHelpdesk ? (
        <section aria-labelledby="helpdesk-title" className="stack" data-testid="helpdesk">
          <h2 id="helpdesk-title">{t('help.helpdesk')}</h2>
          {helpdesk.phone && (
            <div className="inline">
              <span>{t('help.phone', { phone: helpdesk.phone })}</span>
              <button type="button" onClick={() => void callHelpdesk(helpdesk.phone as string)}>
                {t('help.call')}
              </button>
            </div>
          )}
          {callError && <ErrorNotice error={callError} />}
          {helpdesk.email && (
            <p>
              {t('help.email')} <a href={`mailto:${helpdesk.email}`}>{helpdesk.email}</a>
            </p>
          )}
          {helpdesk.url && (
            <p>
              <a href={helpdesk.url} target="_blank" rel="noreferrer">
                {t('help.website')}
              </a>
            </p>
          )}
          {helpdesk.hours && <p className="muted">{t('help.hours', { hours: helpdesk.hours })}</p>}
        </section>
      ) : (
        <p className="muted">{t('help.noHelpdesk')}</p>
      )}
      <SelfTestSection />
      <DiagnosticsSection />
      {links.length > 0 && (
        <section aria-labelledby="links-title">
          <h2 id="links-title">{t('help.links')}</h2>
          <ul className="facts">
            {links.map((link) => (
              <li key={link.url}>
                <a href={link.url} target="_blank" rel="noreferrer">
                  {link.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t('help.about')}</h2>
      {info && (
        <ul className="facts">
          <li>{t('help.version', { version: info.version })}</li>
          <li>{t(`help.host.${info.host}`)}</li>
          <li>{t('help.platform', { platform: info.platform, arch: info.arch })}</li>
        </ul>
      )}
    </section>
  );
};
