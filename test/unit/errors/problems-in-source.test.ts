import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import it_ from '../../../assets/locales/it.json';
import { ProblemCode } from '../../../common/contract/problems';
import { catalogueKey } from '../../../renderer/src/errors/catalogue';

const root = join(import.meta.dirname, '..', '..', '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));

const lookup = (messages: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

const capabilities = ['phone', 'office-pc', 'meetings', 'vpn'];
const dirs = capabilities.flatMap((capability) => [`main/services/${capability}`, `renderer/src/${capability}`]);

/** Every problem code written out where one is raised: Refusal.because, shown, shownErrorOr, fetchError, `{ code: '…' }`. */
const codesInSource = (): { file: string; code: string }[] =>
  dirs.flatMap(sourceFiles).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const calls = /(?:Refusal\.because|shown|shownErrorOr|fetchError)\(\s*(?:[\w.]+,\s*)?'([\w-]+\.[\w-]+)'/g;
    const literals = /\bcode: '([a-zA-Z]+\.[\w-]+)'/g;
    const maps = /: '((?:phone|officePc|meetings|vpn)\.[a-z]+-[\w-]*)'/g;
    return [...source.matchAll(calls), ...source.matchAll(literals), ...source.matchAll(maps)].map((match) => ({
      file: file.slice(root.length + 1),
      code: match[1] as string,
    }));
  });

describe('problems raised in the phone, office PC, meetings and VPN code', () => {
  const used = codesInSource();

  it('are found in the source, from each of the four capabilities', () => {
    for (const capability of ['phone.', 'officePc.', 'meetings.', 'vpn.'])
      expect(used.filter(({ code }) => code.startsWith(capability)).length, capability).toBeGreaterThan(5);
  });

  it('are all codes of the contract, each with a sentence in English and in Italian', () => {
    const known = new Set<string>(ProblemCode.options);
    expect(used.filter(({ code }) => !known.has(code))).toEqual([]);
    for (const messages of [en, it_]) {
      const missing = used.filter(({ code }) => typeof lookup(messages, catalogueKey(code as ProblemCode)) !== 'string');
      expect(missing).toEqual([]);
    }
  });

  it('leave no raw error text in a pane: an error, reason or detail is shown only by ErrorNotice or as code behind Details', () => {
    const panes = capabilities.flatMap((capability) => sourceFiles(`renderer/src/${capability}`)).filter((file) => file.endsWith('.tsx'));
    const offending = panes.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return [
        /(?<!<code)>\s*\{\s*[\w.]*\b(?:error|reason|message|detail|problem)\s*\}/g,
        /messageOf\(/g,
        /role="alert"\s+className="alert"/g,
      ].flatMap((pattern) => [...source.matchAll(pattern)].map((match) => `${file.slice(root.length + 1)}: ${match[0]}`));
    });
    expect(offending).toEqual([]);
  });
});
