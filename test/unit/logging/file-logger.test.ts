import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostLogger } from '../../../main/services/logging/file-logger';
import { listLogFiles } from '../../../main/services/logging/log-files';
import { registerSecret } from '../../../main/services/logging/secret-registry';
import { forbiddenForms, registeredSecrets, shapedSecrets, signingKeys } from './log-secrets';

const terminal = () => {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
};

const everyByteBelow = (dir: string): Buffer =>
  Buffer.concat(
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
  );

describe('the host logger', () => {
  it('writes no secret to its files or the terminal, whichever way it was logged', async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'scrivania-logs-'));
    const screen = terminal();
    const { log, close } = createHostLogger({ logDir, level: 'debug', terminal: screen, terminalLevel: 'debug' });
    Object.values(registeredSecrets).forEach(registerSecret);
    const s = { ...registeredSecrets, ...shapedSecrets };
    const service = log.child('lab');

    for (const secret of Object.values(registeredSecrets)) {
      service.info(`learned ${secret} while connecting`, {
        value: secret,
        nested: { deeper: { list: ['first', secret, { again: `prefix-${secret}-suffix` }] } },
      });
      service.warn('failed', { error: new Error(`the server said ${secret}`, { cause: new Error(`because ${secret}`) }) });
      service.debug('as a URL', { url: new URL(`https://intranet.comune.example/path?x=${secret}`), bytes: Buffer.from(secret) });
    }
    service.info('login', {
      password: s.fieldPassword,
      headers: {
        Authorization: `Basic ${Buffer.from(`mario:${s.basicPassword}`).toString('base64')}`,
        'X-Api-Key': s.fieldPassword,
        Cookie: `sid=${s.cookie}`,
      },
    });
    service.info(`GET https://mario:${s.urlPassword}@intranet.comune.example/feed.ics?token=${s.queryToken}&view=week`);
    service.info('callback', { url: `https://idp.example/cb#access_token=${s.accessToken}&state=1` });
    service.error(`request failed\nAuthorization: Bearer ${s.bearer}\nCookie: sid=${s.cookie}\nauthorization: ${s.headerToken}`);
    service.error('a key was pasted', { note: `here it is ${signingKeys.privateKeyPem} end` });
    service.error(`and in the message: ${signingKeys.privateKeyPem}`);
    await close();

    const written = Buffer.concat([everyByteBelow(logDir), Buffer.from(screen.lines.join(''))]);
    const files = await listLogFiles(logDir);
    expect(files.map((file) => file.name)).toEqual(['scrivania.log']);
    const text = readFileSync(files[0]!.path, 'utf8');
    expect(text).toContain('learned [redacted] while connecting');
    expect(text).toContain('https://[redacted]@intranet.comune.example/feed.ics?token=[redacted]&view=week');
    expect(text).toContain('"password":"[redacted]"');
    expect(text).toContain('[redacted private key]');
    expect(text).toContain('"stack":"Error: the server said [redacted]');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { component: string; level: string })[0],
    ).toMatchObject({ component: 'scrivania.lab', level: 'info' });
    const found = forbiddenForms().filter((form) => written.includes(form));
    expect(found).toEqual([]);
  });

  it('rotates by size into the configured number of files, the newest being scrivania.log', async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'scrivania-rotation-'));
    const limit = 4_096;
    const { log, close } = createHostLogger({
      logDir,
      level: 'info',
      terminal: terminal(),
      terminalLevel: 'error',
      maxFileBytes: limit,
      maxFiles: 3,
    });
    for (let line = 0; line < 405; line += 1) log.info('a line that fills the log', { line, padding: 'x'.repeat(60) });
    await close();

    const files = await listLogFiles(logDir);
    expect(files.map((file) => file.name)).toEqual(['scrivania.log', 'scrivania.1.log', 'scrivania.2.log']);
    expect(readdirSync(logDir).sort()).toEqual(['scrivania.1.log', 'scrivania.2.log', 'scrivania.log']);
    const lineNumbers = files.map((file) =>
      readFileSync(file.path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((text) => (JSON.parse(text) as { line: number }).line),
    );
    const longestLine = Math.max(
      ...files.flatMap((file) =>
        readFileSync(file.path, 'utf8')
          .split('\n')
          .map((text) => text.length + 1),
      ),
    );
    // A file is rotated once a write makes it reach the limit, so it ends within one line of it.
    for (const file of files) expect(file.bytes).toBeLessThan(limit + longestLine);
    for (const file of files.slice(1)) expect(file.bytes).toBeGreaterThanOrEqual(limit);
    expect(lineNumbers[0]!.at(-1)).toBe(404);
    expect(Math.min(...lineNumbers[0]!)).toBeGreaterThan(Math.max(...lineNumbers[1]!));
    expect(Math.min(...lineNumbers[1]!)).toBeGreaterThan(Math.max(...lineNumbers[2]!));
  });

  it('falls back to the terminal with one line saying why when the folder cannot be made', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'scrivania-unwritable-'));
    writeFileSync(join(parent, 'not-a-folder'), '');
    const logDir = join(parent, 'not-a-folder', 'logs');
    const screen = terminal();
    const logger = createHostLogger({ logDir, level: 'info', terminal: screen, terminalLevel: 'info' });
    logger.log.info('still logging');
    await logger.close();

    expect(logger.logDir).toBeUndefined();
    expect(screen.lines).toHaveLength(2);
    expect(JSON.parse(screen.lines[0]!)).toMatchObject({
      level: 'warn',
      message: 'the log folder cannot be written: logging to the terminal only',
      logDir,
    });
    expect(JSON.parse(screen.lines[0]!).reason).toMatch(/ENOTDIR/);
    expect(JSON.parse(screen.lines[1]!)).toMatchObject({ level: 'info', message: 'still logging' });
  });

  it('falls back to the terminal when the log file itself cannot be opened', async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'scrivania-blocked-'));
    mkdirSync(join(logDir, 'scrivania.log'));
    const screen = terminal();
    const logger = createHostLogger({ logDir, level: 'info', terminal: screen, terminalLevel: 'info' });
    logger.log.info('first');
    await expect.poll(() => screen.lines.some((line) => line.includes('the log file cannot be written'))).toBe(true);
    logger.log.info('second');
    await logger.close();

    expect(screen.lines.filter((line) => line.includes('the log file cannot be written'))).toHaveLength(1);
    expect(screen.lines.some((line) => line.includes('"message":"second"'))).toBe(true);
  });
});
