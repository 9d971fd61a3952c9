import { useTranslation } from 'react-i18next';
import type { CapabilityId } from '../../../common/contract';
import { capabilityGlyphs, capabilityOrder } from '../capabilities/registry';
import { LastSelfTest } from '../help/LastSelfTest';
import { NextMeeting } from '../meetings/NextMeeting';
import { OnboardingWizard } from '../profiles/OnboardingWizard';
import { useProfilesStore } from '../profiles/store';
import { Glyph } from './Glyph';
import { StatusBadge } from './StatusBadge';
import { useShellStore } from './store';

const CapabilityCard = ({ id }: { id: CapabilityId }) => {
  const { t } = useTranslation();
  const status = useShellStore((state) => state.status?.capabilities[id]);
  const show = useShellStore((state) => state.show);
  const title = t(`capability.${id}.title`);
  return (
    <article className="card" data-capability={id} aria-labelledby={`card-${id}`}>
      <header className="card-header">
        <Glyph path={capabilityGlyphs[id]} />
        <h2 id={`card-${id}`}>{title}</h2>
      </header>
      <StatusBadge level={status?.level ?? 'unconfigured'} />
      <p className="card-summary">{status ? t(status.summary.key, status.summary.params ?? {}) : t('status.connecting')}</p>
      {id === 'meetings' && <NextMeeting />}
      <button type="button" onClick={() => show(id)}>
        {t('dashboard.open', { name: title })}
      </button>
    </article>
  );
};

export const Dashboard = () => {
  const { t } = useTranslation();
  const onboarding = useProfilesStore((state) => state.onboarding);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      {onboarding === 'active' && <OnboardingWizard />}
      <LastSelfTest />
      <div className="cards">
        {capabilityOrder.map((id) => (
          <CapabilityCard key={id} id={id} />
        ))}
      </div>
    </section>
  );
};
