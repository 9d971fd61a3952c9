import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneLinks } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shownErrorOr, type ShownError } from '../errors/catalogue';

/**
 * Whether tel: and sip: links open Scrivania's phone: what the OS says now, and a button to change it. Scrivania
 * never takes the links by itself. A browser window cannot take them at all, so it shows nothing.
 */
export const PhoneLinksSection = () => {
  const { t } = useTranslation();
  const [links, setLinks] = useState<PhoneLinks>();
  const [asked, setAsked] = useState(false);
  const [error, setError] = useState<ShownError>();

  useEffect(() => {
    getApi()
      .invoke('app.phoneLinks', {})
      .then(setLinks, (failure: unknown) => setError(shownErrorOr(failure, 'settings.phone-links-failed')));
  }, []);

  const use = async (on: boolean): Promise<void> => {
    setError(undefined);
    try {
      setLinks(await getApi().invoke('app.usePhoneLinks', { use: on }));
      setAsked(on);
    } catch (failure) {
      setError(shownErrorOr(failure, 'settings.phone-links-failed'));
    }
  };

  if ((!links && !error) || links?.availability === 'browser') return null;
  return (
    <section aria-labelledby="phone-links-title" className="stack" data-section="phone-links">
      <h2 id="phone-links-title">{t('settings.phoneLinks.title')}</h2>
      <p>{t('settings.phoneLinks.intro')}</p>
      {links?.availability === 'not-installed' && <p role="status">{t('settings.phoneLinks.notInstalled')}</p>}
      {links?.availability === 'available' && (
        <>
          <p role="status">{t(links.handledHere ? 'settings.phoneLinks.handled' : 'settings.phoneLinks.notHandled')}</p>
          {asked && !links.handledHere && <p className="muted">{t('settings.phoneLinks.systemKeptOther')}</p>}
          {!links.handledHere && (
            <button type="button" onClick={() => void use(true)}>
              {t('settings.phoneLinks.use')}
            </button>
          )}
          {links.handledHere && links.canRelease && (
            <button type="button" className="secondary" onClick={() => void use(false)}>
              {t('settings.phoneLinks.stop')}
            </button>
          )}
          {links.handledHere && !links.canRelease && <p className="muted">{t('settings.phoneLinks.releaseInSystem')}</p>}
        </>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
};
