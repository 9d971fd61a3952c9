import * as Tabs from '@radix-ui/react-tabs';
import { ErrorNotice } from '../errors/ErrorNotice';
import { PaneHeader } from '../capabilities/PaneHeader';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../shell/StatusBadge';
import { useShellStore } from '../shell/store';
import { AudioDevices } from './AudioDevices';
import { CallCard } from './CallCard';
import { CallHistoryList } from './CallHistoryList';
import { FeaturesPanel } from './FeaturesPanel';
import { Keypad } from './Keypad';
import { PasswordPromptForm } from './PasswordPromptForm';
import { RegistrationLine } from './RegistrationLine';
import { phone } from './connected';
import { usePhoneStore } from './store';
import './phone.css';

const tabs = ['keypad', 'history', 'features', 'audio'] as const;
type Tab = (typeof tabs)[number];

/** The phone: registration, the calls in progress, and keypad, history, PBX features and audio devices. */
export const PhonePane = () => {
  const { t } = useTranslation();
  const status = useShellStore((state) => state.status?.capabilities.phone);
  const { config, registration, passwordPrompt, calls, notice, history } = usePhoneStore();
  const [tab, setTab] = useState<Tab>('keypad');
  const missed = history?.missedUnseen ?? 0;
  return (
    <section className="pane phone" data-pane="phone" aria-labelledby="pane-title">
      <PaneHeader view="phone" title={t('capability.phone.title')} />
      <StatusBadge level={status?.level ?? 'unconfigured'} />
      {!config?.configured ? (
        <p className="muted">
          {config && config.missing.length < 3
            ? t('phone.incomplete', { missing: config.missing.join(', ') })
            : t('pane.notConfiguredBody')}
        </p>
      ) : (
        <>
          <RegistrationLine />
          {registration.state === 'off' && !passwordPrompt && (
            <button type="button" onClick={() => void phone().turnOn()}>
              {t('phone.registration.turnOn')}
            </button>
          )}
          {passwordPrompt && <PasswordPromptForm prompt={passwordPrompt} />}
          {notice && (
            <div className="notice">
              <ErrorNotice error={notice} testId="phone-notice" />
              <button type="button" className="link" onClick={() => phone().dismissNotice()}>
                {t('phone.notice.dismiss')}
              </button>
            </div>
          )}
          {calls.length > 0 && (
            <div className="calls" aria-live="assertive">
              {calls.map((call) => (
                <CallCard key={call.id} call={call} />
              ))}
            </div>
          )}
          <Tabs.Root className="phone-tabs" value={tab} onValueChange={(value) => setTab(value as Tab)}>
            <Tabs.List className="tabs" aria-label={t('capability.phone.title')}>
              {tabs.map((name) => (
                <Tabs.Trigger key={name} value={name} id={`phone-tab-${name}`} className="tab">
                  {t(`phone.tabs.${name}`)}
                  {name === 'history' && missed > 0 && (
                    <span className="count-badge" data-testid="missed-badge" aria-label={t('phone.history.missedBadge', { count: missed })}>
                      {missed}
                    </span>
                  )}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            <Tabs.Content value="keypad" className="tab-panel">
              <Keypad />
            </Tabs.Content>
            <Tabs.Content value="history" className="tab-panel">
              <CallHistoryList />
            </Tabs.Content>
            <Tabs.Content value="features" className="tab-panel">
              <FeaturesPanel />
            </Tabs.Content>
            <Tabs.Content value="audio" className="tab-panel">
              <AudioDevices />
            </Tabs.Content>
          </Tabs.Root>
        </>
      )}
    </section>
  );
};
