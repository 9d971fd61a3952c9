import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfilesStore } from './store';
import { messageOf } from '../../../common/error-message';

/** The values the profile asks each employee to type once, such as their extension. */
export const UserFieldsForm = ({ onSaved }: { onSaved?: () => void }) => {
  const { t, i18n } = useTranslation();
  const fields = useProfilesStore((state) => state.state?.effective.userFields ?? []);
  const setUserField = useProfilesStore((state) => state.setUserField);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((field) => [field.key, field.value ?? ''])),
  );
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    try {
      for (const field of fields) await setUserField(field.key, values[field.key] ?? '');
      setSaved(true);
      onSaved?.();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  if (fields.length === 0) return <p className="muted">{t('profiles.noUserFields')}</p>;
  const language = i18n.language === 'it' ? 'it' : 'en';
  return (
    <form className="stack" onSubmit={(event) => void submit(event)}>
      {fields.map((field) => (
        <div className="field" key={field.key}>
          <label htmlFor={`user-field-${field.key}`}>{field.label[language]}</label>
          <input
            id={`user-field-${field.key}`}
            required
            pattern={field.pattern}
            value={values[field.key] ?? ''}
            onChange={(event) => {
              setSaved(false);
              setValues({ ...values, [field.key]: event.target.value });
            }}
          />
        </div>
      ))}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('profiles.saveDetails')}</button>
      {saved && <p role="status">{t('profiles.detailsSaved')}</p>}
    </form>
  );
};
