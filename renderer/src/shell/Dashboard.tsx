import { useTranslation } from 'react-i18next';
import { capabilityIds, type CapabilityId } from '../../../common/contract';
import type { RendererCapability } from '../capabilities/capability';
import { rendererCapabilities } from '../capabilities/registry';
import { LastSelfTest } from '../help/LastSelfTest';
import { ImportProfileCallout } from '../profiles/ImportProfileCallout';
import { OnboardingWizard } from '../profiles/OnboardingWizard';
import { useProfilesStore } from '../profiles/store';
import { viewIcons } from '../capabilities/view-icons';
import { StatusBadge } from './StatusBadge';
import { useShellStore } from './store';

type Card = NonNullable<RendererCapability['card']> & { id: CapabilityId };

/** The capabilities with a card and a status of their own, in the registry's order. */
const cards: Card[] = rendererCapabilities.flatMap((capability) =>
  capability.card && (capabilityIds as readonly string[]).includes(capability.id)
    ? [{ ...capability.card, id: capability.id as CapabilityId }]
    : [],
);

const CapabilityCard = ({ card: { id, Extra } }: { card: Card }) => {
  const { t } = useTranslation();
  const status = useShellStore((state) => state.status?.capabilities[id]);
  const show = useShellStore((state) => state.show);
  const title = t(`capability.${id}.title`);
  const Icon = viewIcons[id];
  return (
    <article className="card" data-capability={id} aria-labelledby={`card-${id}`}>
      <header className="card-header">
        <Icon className="glyph" aria-hidden="true" focusable="false" />
        <h2 id={`card-${id}`}>{title}</h2>
      </header>
      <StatusBadge level={status?.level ?? 'unconfigured'} />
      <p className="card-summary">{status ? t(status.summary.key, status.summary.params ?? {}) : t('status.connecting')}</p>
      {Extra && <Extra />}
      {/* Unconfigured, the pane would be empty: the card leads to what sets it up, the profile. */}
      {status && status.level !== 'unconfigured' ? (
        <button type="button" className="secondary" aria-label={t('dashboard.open', { name: title })} onClick={() => show(id)}>
          {t('dashboard.openShort')}
        </button>
      ) : (
        <button
          type="button"
          className="secondary"
          data-testid="card-set-up"
          aria-label={t('dashboard.setUpNamed', { name: title })}
          onClick={() => show('profile')}
        >
          {t('dashboard.setUp')}
        </button>
      )}
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
      <ImportProfileCallout />
      <LastSelfTest />
      <div className="cards">
        {cards.map((card) => (
          <CapabilityCard key={card.id} card={card} />
        ))}
      </div>
    </section>
  );
};
