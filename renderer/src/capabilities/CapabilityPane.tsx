import { useTranslation } from 'react-i18next';
import type { CapabilityId } from '../../../common/contract';
import { Glyph } from '../shell/Glyph';
import { StatusBadge } from '../shell/StatusBadge';
import { useShellStore } from '../shell/store';
import { capabilityGlyphs } from './registry';

/** A capability's pane until its own issue gives it content: what it is for and that it awaits a profile. */
export const CapabilityPane = ({ id }: { id: CapabilityId }) => {
  const { t } = useTranslation();
  const status = useShellStore((state) => state.status?.capabilities[id]);
  const show = useShellStore((state) => state.show);
  return (
    <section className="pane" data-pane={id} aria-labelledby="pane-title">
      <button type="button" className="link" onClick={() => show('dashboard')}>
        ← {t('pane.back')}
      </button>
      <h1 id="pane-title">
        <Glyph path={capabilityGlyphs[id]} /> {t(`capability.${id}.title`)}
      </h1>
      <p>{t(`capability.${id}.description`)}</p>
      <StatusBadge level={status?.level ?? 'unconfigured'} />
      {(status?.level ?? 'unconfigured') === 'unconfigured' && <p className="muted">{t('pane.notConfiguredBody')}</p>}
    </section>
  );
};
