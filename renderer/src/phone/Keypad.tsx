import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DialPad } from './DialPad';
import { phone } from './connected';
import { usePhoneStore } from './store';

/** The number being typed, the twelve keys, Call and Redial. */
export const Keypad = () => {
  const { t } = useTranslation();
  const registration = usePhoneStore((store) => store.registration);
  const [number, setNumber] = useState('');
  const ready = registration.state === 'registered';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    phone().dial(number);
    setNumber('');
  };
  return (
    <form className="stack keypad" onSubmit={submit}>
      <div className="field">
        <label htmlFor="phone-number">{t('phone.keypad.number')}</label>
        <input id="phone-number" inputMode="tel" autoComplete="off" value={number} onChange={(event) => setNumber(event.target.value)} />
      </div>
      <DialPad label={t('phone.keypad.keys')} onDigit={(digit) => setNumber((before) => before + digit)} />
      <div className="inline">
        <button type="submit" className="success" disabled={!ready || number.trim() === ''}>
          {t('phone.keypad.call')}
        </button>
        <button type="button" className="secondary" disabled={!ready} onClick={() => phone().redial()}>
          {t('phone.keypad.redial')}
        </button>
      </div>
    </form>
  );
};
