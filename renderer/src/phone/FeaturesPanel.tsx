import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelledInput } from '../shell/TextField';
import { phone } from './connected';
import { usePhoneStore } from './store';

/** Do not disturb, forward all, answer-group login: set with the profile's feature codes; shows what was last set. */
export const FeaturesPanel = () => {
  const { t } = useTranslation();
  const { config, features, featureBusy, registration } = usePhoneStore();
  const [forwardTo, setForwardTo] = useState('');
  const available = new Set(config?.features ?? []);
  const disabled = registration.state !== 'registered' || featureBusy !== undefined;
  const unknown = new Set(features?.unknown ?? []);
  if (available.size === 0) return <p className="muted">{t('phone.features.none')}</p>;
  const forward = (event: FormEvent): void => {
    event.preventDefault();
    void phone().setFeature({ feature: 'forwardOn', target: forwardTo });
  };
  return (
    <div className="stack features" data-testid="phone-features">
      {(available.has('dndOn') || available.has('dndOff')) && (
        <div className="inline" data-feature="dnd">
          <p>
            {unknown.has('dnd')
              ? t('phone.features.dndUnknown')
              : features?.dnd
                ? t('phone.features.dndIsOn')
                : t('phone.features.dndIsOff')}
          </p>
          {unknown.has('dnd') && available.has('dndOff') && (
            <button type="button" className="secondary" disabled={disabled} onClick={() => void phone().setFeature({ feature: 'dndOff' })}>
              {t('phone.features.dndOff')}
            </button>
          )}
          <button
            type="button"
            disabled={disabled || !available.has(features?.dnd ? 'dndOff' : 'dndOn')}
            onClick={() => void phone().setFeature({ feature: features?.dnd ? 'dndOff' : 'dndOn' })}
          >
            {features?.dnd ? t('phone.features.dndOff') : t('phone.features.dndOn')}
          </button>
        </div>
      )}
      {(available.has('forwardOn') || available.has('forwardOff')) && (
        <div className="stack" data-feature="forward">
          {unknown.has('forward') && (
            <div className="inline">
              <p>{t('phone.features.forwardUnknown')}</p>
              <button
                type="button"
                className="secondary"
                disabled={disabled || !available.has('forwardOff')}
                onClick={() => void phone().setFeature({ feature: 'forwardOff' })}
              >
                {t('phone.features.forwardOff')}
              </button>
            </div>
          )}
          {features?.forwardTo ? (
            <div className="inline">
              <p>{t('phone.features.forwardingTo', { number: features.forwardTo })}</p>
              <button
                type="button"
                disabled={disabled || !available.has('forwardOff')}
                onClick={() => void phone().setFeature({ feature: 'forwardOff' })}
              >
                {t('phone.features.forwardOff')}
              </button>
            </div>
          ) : (
            <form className="inline" onSubmit={forward}>
              <LabelledInput
                id="phone-forward"
                label={t('phone.features.forwardTo')}
                inputMode="tel"
                autoComplete="off"
                value={forwardTo}
                onValue={setForwardTo}
              />
              <button type="submit" disabled={disabled || forwardTo === '' || !available.has('forwardOn')}>
                {t('phone.features.forwardOn')}
              </button>
            </form>
          )}
        </div>
      )}
      {(available.has('groupLogin') || available.has('groupLogout')) &&
        (config?.answerGroups ?? []).map((group) => {
          const loggedIn = features?.groups[group.number];
          return (
            <div className="inline" key={group.number} data-feature="group" data-group={group.number}>
              <p>
                {group.name} ({group.number}):{' '}
                {loggedIn === undefined
                  ? t('phone.features.groupUnknown')
                  : loggedIn
                    ? t('phone.features.groupIn')
                    : t('phone.features.groupOut')}
              </p>
              <button
                type="button"
                disabled={disabled}
                onClick={() => void phone().setFeature({ feature: 'groupLogin', group: group.number })}
              >
                {t('phone.features.login')}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={disabled}
                onClick={() => void phone().setFeature({ feature: 'groupLogout', group: group.number })}
              >
                {t('phone.features.logout')}
              </button>
            </div>
          );
        })}
      {features?.changedAt && <p className="muted">{t('phone.features.lastSet')}</p>}
    </div>
  );
};
