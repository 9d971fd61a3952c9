import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarUrl } from '../../../common/meetings/meetings-config';
import { FieldMessage } from '../errors/FieldMessage';
import { shown, type ShownError } from '../errors/catalogue';
import { TextField } from '../shell/TextField';
import { useMeetingsStore } from './store';

interface FieldProblems {
  name?: ShownError | undefined;
  url?: ShownError | undefined;
}

/** The form's own checks, said under each field before anything is sent. */
export const calendarFormProblems = (name: string, url: string): FieldProblems => ({
  ...(name === '' ? { name: shown('meetings.calendar-name-empty') } : {}),
  ...(!CalendarUrl.safeParse(url).success ? { url: shown('meetings.calendar-address-invalid') } : {}),
});

/** The employee's own ICS subscription: Outlook's published calendar or Google's secret iCal address. */
export const AddCalendarForm = () => {
  const { t } = useTranslation();
  const addCalendar = useMeetingsStore((state) => state.addCalendar);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblems>({});

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = calendarFormProblems(name.trim(), url.trim());
    setProblems(checked);
    if (checked.name || checked.url) return;
    setBusy(true);
    const added = await addCalendar(name.trim(), url.trim());
    setBusy(false);
    if (!added) return;
    setName('');
    setUrl('');
  };

  return (
    <form className="add-calendar" onSubmit={(event) => void submit(event)} aria-labelledby="add-calendar-title" noValidate>
      <h2 id="add-calendar-title">{t('meetings.add.title')}</h2>
      <TextField
        id="calendar-name"
        label={t('meetings.add.name')}
        required
        maxLength={200}
        value={name}
        onValue={setName}
        aria-invalid={problems.name ? true : undefined}
        aria-describedby={problems.name ? 'calendar-name-message' : undefined}
      >
        {problems.name && <FieldMessage id="calendar-name-message" error={problems.name} />}
      </TextField>
      <TextField
        wide
        id="calendar-url"
        label={t('meetings.add.url')}
        type="url"
        required
        inputMode="url"
        placeholder="https://…/calendar.ics"
        value={url}
        onValue={setUrl}
        aria-invalid={problems.url ? true : undefined}
        aria-describedby={problems.url ? 'calendar-url-message calendar-url-hint' : 'calendar-url-hint'}
      >
        {problems.url && <FieldMessage id="calendar-url-message" error={problems.url} />}
        <span id="calendar-url-hint" className="muted">
          {t('meetings.add.hint')}
        </span>
      </TextField>
      <button type="submit" disabled={busy}>
        {t('meetings.add.submit')}
      </button>
    </form>
  );
};
