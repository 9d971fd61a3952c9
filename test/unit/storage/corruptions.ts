import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';

/** The same bytes every run: a SHA-256 chain, not JSON and not UTF-8 text. */
const randomLookingBytes = (length: number): Uint8Array => {
  const chunks: Buffer[] = [];
  let block = createHash('sha256').update('scrivania').digest();
  while (chunks.length * 32 < length) {
    chunks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  const bytes = Buffer.concat(chunks).subarray(0, length);
  bytes[0] = 0xff;
  return bytes;
};

/** The line in the middle of a text cut at half its length, as a write torn by a crash or a sync tool would leave it. */
const tornLine = (text: string): string => {
  const lines = text.split('\n');
  const middle = Math.floor((lines.length - 1) / 2);
  const line = lines[middle] ?? '';
  lines[middle] = line.slice(0, Math.max(1, Math.floor(line.length / 2)));
  return lines.join('\n');
};

export interface Corruption {
  kind: string;
  damage(file: string): Promise<void>;
}

/** The ways a file in the data folder was found damaged (issue 17): each turns a sound file into a bad one. */
export const corruptions: readonly Corruption[] = [
  { kind: 'empty', damage: (file) => writeFile(file, '') },
  {
    kind: 'half',
    damage: async (file) => {
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
  },
  { kind: 'random bytes', damage: (file) => writeFile(file, randomLookingBytes(700)) },
  {
    kind: 'broken JSON',
    damage: async (file) => {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/"([^"]+)":/, '"$1" ').replace(/}\s*$/, ''));
    },
  },
  {
    kind: 'a folder in its place',
    damage: async (file) => {
      await rm(file, { force: true });
      await mkdir(file);
      await writeFile(`${file}/stray`, 'x');
    },
  },
  { kind: 'torn line', damage: async (file) => writeFile(file, tornLine(await readFile(file, 'utf8'))) },
];
