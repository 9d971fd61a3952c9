import { useTranslation } from 'react-i18next';
import { shownCalls } from './CallControls';
import { phone } from './connected';
import { usePhoneStore } from './store';

/** Registered / registering / failed with the SIP reason, and what the employee can do about it. */
export const RegistrationLine = () => {
  const { t } = useTranslation();
  const { registration, config, calls } = usePhoneStore();
  const extension = config?.extension ?? '';
  const onCall = registration.state === 'registered' && shownCalls(calls).length > 0;
  const text = onCall
    ? t('phone.registration.inCall', { extension })
    : registration.state === 'failed'
      ? t('phone.registration.failed', { reason: [registration.code, registration.reason].filter(Boolean).join(' ') })
      : t(`phone.registration.${registration.state}`, { extension });
  return (
    <div className="inline registration">
      <p
        role="status"
        data-testid="phone-registration"
        data-state={registration.state}
        data-on-call={onCall}
        className={registration.state === 'failed' ? 'alert' : undefined}
      >
        {text}
      </p>
      {registration.state === 'failed' && !registration.auth && (
        <button type="button" className="secondary" onClick={() => void phone().signIn()}>
          {t('phone.registration.retry')}
        </button>
      )}
      {registration.state !== 'off' && (
        <button type="button" className="secondary" onClick={() => void phone().signOut()}>
          {t('phone.registration.signOut')}
        </button>
      )}
    </div>
  );
};
