import { useTranslation } from 'react-i18next';
import { useShellStore } from '../shell/store';

export const HelpPane = () => {
  const { t } = useTranslation();
  const info = useShellStore((state) => state.info);
  return (
    <section className="pane" data-pane="help" aria-labelledby="pane-title">
      <h1 id="pane-title">{t('help.title')}</h1>
      <p className="muted">{t('help.noHelpdesk')}</p>
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
