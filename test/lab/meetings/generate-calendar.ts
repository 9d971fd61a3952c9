/**
 * A large Outlook-style calendar for load tests and the benchmark: `count` events over the two years around
 * `around`, with Teams and Zoom invitation bodies. One event in `seriesEvery` is a weekly series with an exception;
 * one series in `openEvery` runs on, the others ended after three months, as a long-lived calendar's series do.
 */

const pad = (value: number): string => String(value).padStart(2, '0');
const local = (date: Date, hour: number, minute = 0): string =>
  `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(hour)}${pad(minute)}00`;

const ZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

const teamsBody = (index: number): string =>
  `\\n______________\\nMicrosoft Teams meeting\\nJoin on your computer\\, mobile app or room device\\nClick here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_${index.toString(36)}Zjk4%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d>\\nMeeting ID: 375 112 ${String(index).padStart(3, '0')} 914\\nOr call in (audio only)\\n+39 02 0062 8472\\,\\,${700000000 + index}#<tel:+390200628472\\,\\,${700000000 + index}#>   Italy\\, Milan\\nPhone Conference ID: ${700000000 + index}#\\n______________\\n`;

const zoomBody = (index: number): string =>
  `Join Zoom Meeting\\nhttps://us02web.zoom.us/j/${85300000000 + index}?pwd=cHdkJHtpbmRleH0\\n\\nMeeting ID: 853 ${index}\\nPasscode: 482913\\n---\\nOne tap mobile\\n+390200667245\\,\\,${85300000000 + index}#\\,\\,\\,\\,*482913# Italy`;

export interface CalendarShape {
  seriesEvery: number;
  openEvery: number;
}

export const typicalShape: CalendarShape = { seriesEvery: 20, openEvery: 5 };

export const generateCalendar = (count: number, around: Date, shape: CalendarShape = typicalShape): string => {
  const lines = [
    'BEGIN:VCALENDAR',
    'METHOD:PUBLISH',
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    'X-WR-CALNAME:Load test',
    ...ZONE,
  ];
  const first = Date.UTC(around.getUTCFullYear() - 1, around.getUTCMonth(), around.getUTCDate());
  for (let index = 0; index < count; index++) {
    const day = new Date(first + (index % 730) * 86_400_000);
    const hour = 8 + (index % 9);
    const series = index / shape.seriesEvery;
    const recurring = index % shape.seriesEvery === 0;
    lines.push(
      'BEGIN:VEVENT',
      `DESCRIPTION:${index % 2 === 0 ? teamsBody(index) : zoomBody(index)}`,
      `UID:040000008200E00074C5B7101A82E008000000${index.toString(16).padStart(8, '0')}0000000000000000100000`,
      `SUMMARY;LANGUAGE=it-IT:Riunione ${index}`,
      `DTSTART;TZID=W. Europe Standard Time:${local(day, hour)}`,
      `DTEND;TZID=W. Europe Standard Time:${local(day, hour, 45)}`,
      'CLASS:PUBLIC',
      'DTSTAMP:20260101T000000Z',
      'STATUS:CONFIRMED',
      `LOCATION;LANGUAGE=it-IT:${index % 2 === 0 ? 'Riunione di Microsoft Teams' : 'Sala giunta'}`,
      'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
    );
    if (recurring) {
      const until = series % shape.openEvery === 0 ? '' : `;UNTIL=${local(new Date(day.getTime() + 90 * 86_400_000), 23)}Z`;
      lines.push(
        `RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE${until};WKST=MO`,
        `EXDATE;TZID=W. Europe Standard Time:${local(new Date(day.getTime() + 14 * 86_400_000), hour)}`,
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
};
