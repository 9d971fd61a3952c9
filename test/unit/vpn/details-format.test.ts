import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import it_ from '../../../assets/locales/it.json';
import { connectedSince, formatBytes, roundTripTarget } from '../../../renderer/src/vpn/details-format';

const translators = {} as Record<'en' | 'it', TFunction>;

beforeAll(async () => {
  for (const [language, messages] of [
    ['en', en],
    ['it', it_],
  ] as const) {
    const instance = i18next.createInstance();
    await instance.init({ resources: { [language]: { translation: messages } }, lng: language, interpolation: { escapeValue: false } });
    translators[language] = instance.t;
  }
});

describe('the VPN details', () => {
  const since = new Date(2026, 11, 4, 2, 4, 36);

  it('say since when the VPN is connected with a preposition for the time and one for the date', () => {
    expect(connectedSince(since.toISOString(), translators.it, 'it', new Date(2026, 11, 4, 9, 0))).toBe('dalle 02:04');
    expect(connectedSince(since.toISOString(), translators.it, 'it', new Date(2026, 11, 7, 9, 0))).toBe('dal 4 dicembre 2026 alle 02:04');
    expect(connectedSince(since.toISOString(), translators.en, 'en-GB', new Date(2026, 11, 7, 9, 0))).toBe(
      'since 4 December 2026 at 02:04',
    );
  });

  it('split the TCP target into the name the label shows and the address beside the time', () => {
    expect(roundTripTarget('Intranet server (10.197.3.10:3389)')).toEqual({ name: 'Intranet server', address: '10.197.3.10:3389' });
    expect(roundTripTarget('PC ufficio (pc-0042.comune.local:3389)')).toEqual({ name: 'PC ufficio', address: 'pc-0042.comune.local:3389' });
    expect(roundTripTarget('Server')).toEqual({ name: 'Server' });
    expect(translators.it('vpn.details.roundTrip', { target: 'PC ufficio' })).toBe('Tempo di risposta di PC ufficio');
  });

  it('give sizes in B, KiB and MiB', () => {
    expect([formatBytes(512), formatBytes(6_451), formatBytes(3 * 1024 ** 2)]).toEqual(['512 B', '6.3 KiB', '3.0 MiB']);
  });
});
