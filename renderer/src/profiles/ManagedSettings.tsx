import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAt, parsePointer } from '../../../common/profiles/json-pointer';
import { findLock } from '../../../common/profiles/locks';
import { LockNote } from './LockNote';
import { hasUnfilledField, useProfilesStore } from './store';
import { ErrorNotice } from '../errors/ErrorNotice';

interface ManagedSetting {
  pointer: string;
  labelKey: string;
  type: 'text' | 'number';
}

/** The profile values an employee may reasonably change, unless the profile or the OS policy locks them. */
const managedSettings: readonly ManagedSetting[] = [
  { pointer: '/phone/displayName', labelKey: 'profiles.managed.phoneDisplayName', type: 'text' },
  { pointer: '/phone/extension', labelKey: 'profiles.managed.phoneExtension', type: 'text' },
  { pointer: '/officePc/host', labelKey: 'profiles.managed.officePcHost', type: 'text' },
];

const idOf = (pointer: string): string => `managed${pointer.replaceAll('/', '-')}`;

const ManagedField = ({ setting }: { setting: ManagedSetting }) => {
  const { t } = useTranslation();
  const effective = useProfilesStore((store) => store.state?.effective);
  const setUserValue = useProfilesStore((store) => store.setUserValue);
  const segments = parsePointer(setting.pointer);
  const found = effective && segments.ok ? getAt(effective.config, segments.segments) : { found: false as const };
  const value = found.found && found.value !== undefined ? String(found.value) : '';
  // `Ufficio ${user.extension}` before the extension is typed: not a value to show, nor one to edit.
  const unfilled = hasUnfilledField(value);
  const current = unfilled ? '' : value;
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<unknown>();
  const lock = effective ? findLock(effective.locks, setting.pointer) : undefined;
  const id = idOf(setting.pointer);

  const save = async (): Promise<void> => {
    setError(undefined);
    try {
      await setUserValue(setting.pointer, setting.type === 'number' ? Number(draft) : draft);
      setDraft(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="field" data-pointer={setting.pointer}>
      <label htmlFor={id}>{t(setting.labelKey)}</label>
      <div className="inline">
        <input
          id={id}
          type={setting.type}
          value={draft ?? current}
          readOnly={lock !== undefined}
          aria-describedby={lock ? `${id}-lock` : unfilled ? `${id}-unfilled` : undefined}
          onChange={(event) => {
            setError(undefined);
            setDraft(event.target.value);
          }}
        />
        {!lock && (
          <button type="button" disabled={draft === undefined || draft === current} onClick={() => void save()}>
            {t('profiles.save')}
          </button>
        )}
      </div>
      {lock && <LockNote id={`${id}-lock`} lock={lock.lock} />}
      {unfilled && !lock && (
        <p id={`${id}-unfilled`} className="field-hint">
          {t('profiles.managed.unfilled')}
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
};

export const ManagedSettings = () => {
  const { t } = useTranslation();
  const active = useProfilesStore((store) => store.state?.current);
  if (!active) return null;
  return (
    <section aria-labelledby="managed-title" className="stack">
      <h2 id="managed-title">{t('profiles.managedTitle')}</h2>
      {managedSettings.map((setting) => (
        <ManagedField key={setting.pointer} setting={setting} />
      ))}
    </section>
  );
};
