import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../shell/TextField';
import { useMeetingsStore } from './store';

/** The employee's own ICS subscription: Outlook's published calendar or Google's secret iCal address. */
export const AddCalendarForm = () => {
  const { t } = useTranslation();
  const addCalendar = useMeetingsStore((state) => state.addCalendar);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const added = await addCalendar(name.trim(), url.trim());
    setBusy(false);
    if (!added) return;
    setName('');
    setUrl('');
  };

  return (
    <form className="add-calendar" onSubmit={(event) => void submit(event)} aria-labelledby="add-calendar-title">
      <h2 id="add-calendar-title">{t('meetings.add.title')}</h2>
      <TextField id="calendar-name" label={t('meetings.add.name')} required maxLength={200} value={name} onValue={setName} />
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
        aria-describedby="calendar-url-hint"
      >
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
