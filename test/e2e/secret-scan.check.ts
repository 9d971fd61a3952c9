import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { e2eSecrets } from './secrets-used';
import { e2eRoot } from './web-host-fixture';

const filesBelow = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });

// Runs after every other end-to-end test (the `secret-scan` project depends on `e2e`).
test('no secret used by the tests is in any data folder or log of the run', () => {
  const files = filesBelow(e2eRoot());
  expect(files.some((file) => file.endsWith('.log'))).toBe(true);
  expect(files.some((file) => file.endsWith('profile.json') || file.includes('settings'))).toBe(true);
  const found: string[] = [];
  for (const file of files) {
    // A diagnostics bundle is compressed: what counts is what the help desk reads once unzipped.
    const content = file.endsWith('.zip')
      ? Buffer.concat(Object.values(unzipSync(readFileSync(file))).map((entry) => Buffer.from(entry)))
      : readFileSync(file);
    for (const [name, secret] of Object.entries(e2eSecrets)) {
      for (const form of [secret, Buffer.from(secret).toString('base64')]) if (content.includes(form)) found.push(`${name} in ${file}`);
    }
  }
  expect(found).toEqual([]);
});
