import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapabilityId } from '../../../common/contract';
import { Glyph } from '../shell/Glyph';
import { useShellStore } from '../shell/store';
import { capabilityGlyphs } from './glyphs';

/** The top of every capability pane: the way back to the dashboard and the pane's titled heading. */
export const CapabilityPaneHeader = ({ id, title }: { id: CapabilityId; title?: ReactNode }) => {
  const { t } = useTranslation();
  const show = useShellStore((store) => store.show);
  return (
    <>
      <button type="button" className="link" onClick={() => show('dashboard')}>
        ← {t('pane.back')}
      </button>
      <h1 id="pane-title">
        <Glyph path={capabilityGlyphs[id]} /> {title ?? t(`capability.${id}.title`)}
      </h1>
    </>
  );
};
