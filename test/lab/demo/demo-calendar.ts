/** The demo employee's calendar: a meeting starting five minutes after the demo started, and one later on. */

const stamp = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export const NEXT_MEETING_TITLE = 'Giunta comunale';
export const NEXT_MEETING_URL = 'https://meet.jit.si/ScrivaniaGiuntaComunale';

export const demoCalendar = (now: Date): string => {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const at = (minutes: number): string => stamp(new Date(minute + minutes * 60_000));
  return [
    'BEGIN:VCALENDAR',
    'METHOD:PUBLISH',
    'PRODID:-//Scrivania//Demo office//IT',
    'VERSION:2.0',
    'X-WR-CALNAME:Ufficio anagrafe',
    'BEGIN:VEVENT',
    'UID:scrivania-demo-giunta',
    `SUMMARY:${NEXT_MEETING_TITLE}`,
    'LOCATION:Sala giunta / Jitsi Meet',
    `DESCRIPTION:Ordine del giorno: lavoro agile e turni dello sportello.\\nPartecipa: ${NEXT_MEETING_URL}`,
    `DTSTART:${at(5)}`,
    `DTEND:${at(50)}`,
    `DTSTAMP:${stamp(now)}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:scrivania-demo-tavolo-tecnico',
    'SUMMARY:Tavolo tecnico servizi demografici',
    'DESCRIPTION:Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_scrivaniademo%40thread.v2/0?context=%7b%7d>\\nOr call in (audio only)\\n+39 02 0062 8472\\,\\,700112233#',
    `DTSTART:${at(125)}`,
    `DTEND:${at(185)}`,
    `DTSTAMP:${stamp(now)}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
};
