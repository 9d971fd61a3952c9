import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import it_ from '../../../assets/locales/it.json';
import { formatMessage } from '../../../main/services/text/localized-text';
import { reasonWithDetail, technicalDetailOf } from '../../../common/vpn/reason-detail';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));

const leafKeys = (node: unknown, prefix = ''): string[] =>
  node && typeof node === 'object'
    ? Object.entries(node).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key))
    : [prefix];

/** Every `vpn.…` message key written out in the service and the pane. */
const usedKeys = [
  ...new Set(
    [...sourceFiles('main/services/vpn'), ...sourceFiles('renderer/src/vpn')].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/'(vpn\.(?:reason|pane|details|summary)\.[A-Za-z]+)'/g)].map((match) => match[1] ?? ''),
    ),
  ),
];

describe('VPN translations', () => {
  it('have every key the code uses, in English and Italian', () => {
    expect(usedKeys.length).toBeGreaterThan(40);
    const english = new Set(leafKeys(en));
    const italian = new Set(leafKeys(it_));
    expect(usedKeys.filter((key) => !english.has(key))).toEqual([]);
    expect(usedKeys.filter((key) => !italian.has(key))).toEqual([]);
  });

  it('have the same VPN keys in both languages', () => {
    expect(leafKeys(it_.vpn).sort()).toEqual(leafKeys(en.vpn).sort());
  });

  it('fill their placeholders as i18next does', () => {
    expect(formatMessage(en, { key: 'vpn.reason.dnsTimeout', params: { name: 'intranet.comune.example', seconds: 1.5 } })).toBe(
      'DNS: intranet.comune.example did not resolve (no answer within 1.5 s).',
    );
    expect(formatMessage(it_, { key: 'vpn.reason.tcpRefused', params: { name: 'PC ufficio', host: '10.20.1.15', port: 3389 } })).toBe(
      'PC ufficio: 10.20.1.15:3389 ha rifiutato la connessione.',
    );
    expect(formatMessage(en, { key: 'vpn.reason.nope', params: { a: 1 } })).toBe('vpn.reason.nope (a=1)');
  });

  it('keep the VPN client’s own words out of the sentences: they go behind Details, and beside the sentence in the CLI', () => {
    for (const messages of [en, it_])
      expect(Object.values(messages.vpn.reason).filter((sentence) => /\{\{(error|message|detail|state)\}\}/.test(sentence))).toEqual([]);
    const reason = { key: 'vpn.reason.dnsFailed', params: { name: 'intranet.comune.example', error: 'ESERVFAIL' } };
    expect(technicalDetailOf(reason)).toBe('ESERVFAIL');
    expect(reasonWithDetail(formatMessage(it_, reason), reason)).toBe('DNS: il nome intranet.comune.example non si risolve. (ESERVFAIL)');
    expect(technicalDetailOf({ key: 'vpn.reason.noRoute', params: { subnet: '10.0.0.0/8' } })).toBe('');
  });
});
