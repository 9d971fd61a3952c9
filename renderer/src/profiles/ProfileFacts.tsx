import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../common/contract/profiles';
import { configSectionNames } from '../../../common/profiles/profile-schema';
import { useProfilesStore } from './store';

const hasContent = (value: unknown): boolean =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && Object.keys(value).length > 0;

/** Who issued the active profile, when, and how Scrivania got it. */
export const ProfileFacts = ({ summary }: { summary: ProfileSummary }) => {
  const { t, i18n } = useTranslation();
  const date = (iso: string): string => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const check = summary.lastCheck;
  return (
    <dl className="facts-grid" data-testid="profile-facts">
      <dt>{t('profiles.issuer')}</dt>
      <dd>{summary.organization}</dd>
      <dt>{t('profiles.serial')}</dt>
      <dd>{summary.serial}</dd>
      <dt>{t('profiles.issued')}</dt>
      <dd>{date(summary.issuedAt)}</dd>
      <dt>{t('profiles.expires')}</dt>
      <dd>{date(summary.expiresAt)}</dd>
      <dt>{t('profiles.key')}</dt>
      <dd>
        <code>{summary.keyId}</code>
      </dd>
      <dt>{t('profiles.source')}</dt>
      <dd>{t(`profiles.sources.${summary.source}`)}</dd>
      <dt>{t('profiles.lastCheck')}</dt>
      <dd>{check ? `${date(check.at)} — ${t(`profiles.results.${check.result}`)}` : t('profiles.lastCheckNever')}</dd>
    </dl>
  );
};

/** The parts of Scrivania the active profile sets up. */
export const ConfiguredSections = () => {
  const { t } = useTranslation();
  const config = useProfilesStore((state) => state.state?.effective.config ?? {});
  const sections = configSectionNames.filter((name) => hasContent(config[name]));
  return (
    <ul className="facts" data-testid="configured-sections">
      {sections.map((name) => (
        <li key={name}>{t(`profiles.sections.${name}`)}</li>
      ))}
    </ul>
  );
};
