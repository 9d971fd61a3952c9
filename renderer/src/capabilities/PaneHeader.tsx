import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../shell/store';
import type { View } from './capability';
import { viewIcons } from './view-icons';

/**
 * The top of every pane but the dashboard, the same everywhere: the way back to the dashboard, then the pane's
 * heading with its icon.
 */
export const PaneHeader = ({ view, title }: { view: Exclude<View, 'dashboard'>; title: ReactNode }) => {
  const { t } = useTranslation();
  const show = useShellStore((store) => store.show);
  const Icon = viewIcons[view];
  return (
    <div className="pane-header">
      <button type="button" className="link" onClick={() => show('dashboard')}>
        ← {t('pane.back')}
      </button>
      <h1 id="pane-title">
        <Icon className="glyph" aria-hidden="true" focusable="false" /> {title}
      </h1>
    </div>
  );
};
