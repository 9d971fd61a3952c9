import { useTranslation } from 'react-i18next';
import { shownCalls } from './CallControls';
import { phone } from './connected';
import { usePhoneStore } from './store';
import { ErrorNotice } from '../errors/ErrorNotice';
import { registrationProblem } from './problems';

/** Registered / registering / failed with the SIP reason, and what the employee can do about it. */
export const RegistrationLine = () => {
  const { t } = useTranslation();
  const { registration, config, calls } = usePhoneStore();
  const extension = config?.extension ?? '';
  const onCall = registration.state === 'registered' && shownCalls(calls).length > 0;
  const failed = !onCall && registration.state === 'failed';
  return (
    <div className="inline registration">
      <div role="status" data-testid="phone-registration" data-state={registration.state} data-on-call={onCall}>
        {failed ? (
          <ErrorNotice error={registrationProblem(registration, config?.server)} live="none" />
        ) : (
          <p>{onCall ? t('phone.registration.inCall', { extension }) : t(`phone.registration.${registration.state}`, { extension })}</p>
        )}
      </div>
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
