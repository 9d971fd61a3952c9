import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../errors/ErrorNotice';
import { FieldMessage } from '../errors/FieldMessage';
import { shown, type ShownError } from '../errors/catalogue';
import { fieldHint } from './field-hints';
import { useProfilesStore } from './store';

type Field = NonNullable<ReturnType<typeof useProfilesStore.getState>['state']>['effective']['userFields'][number];

const matches = (field: Field, value: string): boolean =>
  field.pattern === undefined || new RegExp(`^(?:${field.pattern})$`, 'u').test(value);

/** Our own check, before anything is sent: a sentence under the field instead of the browser's bubble. */
const problemOf = (field: Field, value: string): ShownError | undefined => {
  const label = { en: field.label.en, it: field.label.it };
  if (value.trim() === '') return shown('profiles.user-field-empty', label);
  return matches(field, value) ? undefined : shown('profiles.user-field-invalid', label);
};

/** The values the profile asks each employee to type once, such as their extension. */
export const UserFieldsForm = ({ onSaved }: { onSaved?: () => void }) => {
  const { t, i18n } = useTranslation();
  const fields = useProfilesStore((state) => state.state?.effective.userFields ?? []);
  const setUserField = useProfilesStore((state) => state.setUserField);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((field) => [field.key, field.value ?? ''])),
  );
  const [invalid, setInvalid] = useState<Record<string, ShownError>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    const found = Object.fromEntries(
      fields.flatMap((field) => {
        const problem = problemOf(field, values[field.key] ?? '');
        return problem ? [[field.key, problem] as const] : [];
      }),
    );
    setInvalid(found);
    const first = fields.find((field) => found[field.key]);
    if (first) return document.getElementById(`user-field-${first.key}`)?.focus();
    try {
      for (const field of fields) await setUserField(field.key, values[field.key] ?? '');
      setSaved(true);
      onSaved?.();
    } catch (failure) {
      setError(failure);
    }
  };

  if (fields.length === 0) return <p className="muted">{t('profiles.noUserFields')}</p>;
  const language = i18n.language === 'it' ? 'it' : 'en';
  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      {fields.map((field) => {
        const id = `user-field-${field.key}`;
        const hint = fieldHint(t, field, language);
        const problem = invalid[field.key];
        const describedBy = [problem ? `${id}-message` : undefined, hint ? `${id}-hint` : undefined].filter(Boolean).join(' ');
        return (
          <div className="field" key={field.key}>
            <label htmlFor={id}>{field.label[language]}</label>
            <input
              id={id}
              aria-required="true"
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy || undefined}
              value={values[field.key] ?? ''}
              onChange={(event) => {
                setSaved(false);
                setError(undefined);
                setInvalid(({ [field.key]: _cleared, ...rest }) => rest);
                setValues({ ...values, [field.key]: event.target.value });
              }}
            />
            {hint && (
              <p id={`${id}-hint`} className="field-hint">
                {hint}
              </p>
            )}
            {problem && <FieldMessage id={`${id}-message`} error={problem} />}
          </div>
        );
      })}
      {error !== undefined && <ErrorNotice error={error} />}
      <button type="submit">{t('profiles.saveDetails')}</button>
      {saved && <p role="status">{t('profiles.detailsSaved')}</p>}
    </form>
  );
};
