import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import it_ from '../../../assets/locales/it.json';
import { selfTestCheckIds } from '../../../common/contract/help';

const checksDir = join(import.meta.dirname, '..', '..', '..', 'main', 'services', 'help', 'self-test', 'checks');

const lookup = (messages: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

/** The text of a call from its opening parenthesis to the one that closes it, however it is laid out. */
const callText = (source: string, open: number): string => {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    if (source[index] === '(') depth++;
    if (source[index] === ')' && --depth === 0) return source.slice(open, index + 1);
  }
  return source.slice(open);
};

/** Every `verdict(outcome, 'id', 'situation', …)` the checks can return, read from their source. */
const verdictsInSource = (): { key: string; hasAction: boolean }[] =>
  readdirSync(checksDir).flatMap((file) => {
    const source = readFileSync(join(checksDir, file), 'utf8');
    return [...source.matchAll(/verdict\(\s*'(?:pass|warn|fail|skipped)',\s*(?:'(\w+)'|id),\s*'(\w+)'/g)].flatMap((match) => {
      const ids = match[1] ? [match[1]] : ['sipWebSocket', 'sipRegistration'];
      const call = callText(source, match.index + 'verdict'.length);
      return ids.map((id) => ({ key: `help.selfTest.${id}.${match[2] as string}`, hasAction: !call.includes('action: false') }));
    });
  });

describe('the self-test sentences', () => {
  const verdicts = verdictsInSource();

  it('finds the verdicts of every check in the source', () => {
    expect(verdicts.length).toBeGreaterThan(40);
    for (const id of selfTestCheckIds) expect(verdicts.some((verdict) => verdict.key.startsWith(`help.selfTest.${id}.`))).toBe(true);
  });

  for (const [name, messages] of [
    ['en', en],
    ['it', it_],
  ] as const) {
    it(`has a meaning, and an action where one is given, for every verdict in ${name}`, () => {
      const missing = verdicts
        .flatMap(({ key, hasAction }) => [`${key}.meaning`, ...(hasAction ? [`${key}.action`] : [])])
        .filter((key) => typeof lookup(messages, key) !== 'string' && typeof lookup(messages, `${key}_other`) !== 'string');
      expect(missing).toEqual([]);
      for (const id of selfTestCheckIds) expect(typeof lookup(messages, `help.selfTest.check.${id}`)).toBe('string');
      for (const key of [
        'notConfigured.meaning',
        'timedOut.meaning',
        'timedOut.action',
        'crashed.meaning',
        'crashed.action',
        'outOfTime.meaning',
      ])
        expect(typeof lookup(messages, `help.selfTest.${key}`)).toBe('string');
    });
  }

  it('says what the office PC issue asks for, in both languages', () => {
    expect(lookup(en, 'help.selfTest.officePc.unreachable.meaning')).toBe('The office PC does not answer on port {{port}}.');
    expect(lookup(en, 'help.selfTest.officePc.unreachable.action')).toBe('Is it switched on? Ask the help desk to wake it.');
    expect(lookup(it_, 'help.selfTest.officePc.unreachable.meaning')).toBe("Il PC dell'ufficio non risponde sulla porta {{port}}.");
  });
});
