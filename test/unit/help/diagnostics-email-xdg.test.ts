import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/contract';
import type { DiagnosticsBundleInfo } from '../../../common/contract/help';
import { createBackend } from '../../../main/host/core/backend';
import { ContractSession } from '../../../main/host/core/session';
import { openEmailDraft } from '../../../main/services/help/diagnostics/email-draft';
import { onPath, skipReasonOutsideCi } from '../../lab/peers';
import { memoryLog } from '../../support/memory-log';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { composeFields, hostileTexts, recorderMailClient } from './diagnostics-email-programs';

const missing =
  process.platform === 'linux' && onPath('xdg-email') && onPath('xdg-mime')
    ? undefined
    : skipReasonOutsideCi('the real xdg-email run needs Linux with xdg-utils (bash test/lab/system-packages.sh)');

/** A bundle where the employee's data folder could be: spaces, quotes, a semicolon and a substitution in its name. */
const bundleIn = (root: string): string => {
  const dir = join(root, `Dati di Mario; $(touch pwned) "ufficio"`);
  mkdirSync(dir);
  const path = join(dir, 'scrivania-diagnostics-20261201-172300Z.zip');
  writeFileSync(path, 'PK');
  return path;
};

describe.skipIf(missing)('the help desk email through the real xdg-email', () => {
  const clients: ReturnType<typeof recorderMailClient>[] = [];
  const client = (options?: { stayOpenSeconds?: number }) => {
    const made = recorderMailClient(options);
    clients.push(made);
    return made;
  };
  afterEach(() => clients.splice(0).forEach((made) => made.stop()));

  it('hands the default mail client the address, subject, body and attachment, every text verbatim', async () => {
    const mail = client();
    const sentinel = join(mail.root, 'pwned');
    const texts = hostileTexts(sentinel);
    const attachment = bundleIn(mail.root);

    expect(await openEmailDraft({ ...texts, attachment }, { platform: 'linux', env: mail.processEnv() })).toEqual({ attached: true });
    const [option, compose, ...rest] = await mail.received();
    expect(option).toBe('-compose');
    expect(rest).toEqual([]);
    expect(composeFields(compose!)).toEqual({
      to: `${texts.to},`,
      subject: texts.subject,
      // xdg-email ends each line with CRLF, as RFC 6068 wants in a mailto: body, and drops the last line end.
      body: texts.body.replace(/\n$/, '').replaceAll('\n', '\r\n'),
      attachment,
    });
    expect(existsSync(sentinel)).toBe(false);
    expect(existsSync(join(mail.root, 'pwned'))).toBe(false);
  });

  it('counts a mail client that stays open, as a cold-started Thunderbird does, as the email opened', async () => {
    const mail = client({ stayOpenSeconds: 30 });
    const attachment = bundleIn(mail.root);
    const outcome = await openEmailDraft(
      { ...hostileTexts(join(mail.root, 'pwned')), attachment },
      { platform: 'linux', env: mail.processEnv(), launchSettleMs: 1_500 },
    );
    expect(outcome).toEqual({ attached: true });
    expect(composeFields((await mail.received())[1]!).attachment).toBe(attachment);
  });

  it('falls back when the default mail program is one xdg-email gives no attachment to', async () => {
    const mail = client();
    writeFileSync(
      join(mail.env['XDG_DATA_HOME']!, 'applications', 'firefox.desktop'),
      '[Desktop Entry]\nType=Application\nName=Browser\nExec=true %u\nMimeType=x-scheme-handler/mailto;\n',
    );
    writeFileSync(join(mail.env['XDG_CONFIG_HOME']!, 'mimeapps.list'), '[Default Applications]\nx-scheme-handler/mailto=firefox.desktop\n');
    const outcome = await openEmailDraft(
      { ...hostileTexts(join(mail.root, 'pwned')), attachment: bundleIn(mail.root) },
      { platform: 'linux', env: mail.processEnv() },
    );
    expect(outcome).toEqual({ attached: false, reason: 'the default mail program, firefox.desktop, takes no attachment from xdg-email' });
  });

  it('answers help.diagnostics.email with the new bundle attached, in the web host whose process runs on this PC', async () => {
    const mail = client();
    const keys = keygen();
    const dataDir = join(mail.root, 'Dati di Mario');
    const saved = { ...process.env };
    Object.assign(process.env, mail.env);
    const backend = createBackend({ host: 'web', log: memoryLog().log, dataDir, trustedKeys: [keys.publicKeyPem] });
    try {
      const imported = await backend.profiles.importBytes(signedBytes(sampleProfile(), keys));
      expect(imported.ok).toBe(true);
      const sent: ServerMessage[] = [];
      const session = new ContractSession(backend.parts, { description: 'test peer', send: (message) => sent.push(message) }, 'web');
      await session.receive({ t: 'request', id: 1, key: 'help.diagnostics.create', payload: {} });
      const info = (sent.find((message) => message.t === 'response' && message.id === 1) as { value: DiagnosticsBundleInfo }).value;
      await session.receive({ t: 'request', id: 2, key: 'help.diagnostics.email', payload: { fileName: info.fileName, language: 'it' } });
      expect(sent.find((message) => message.t === 'response' && message.id === 2)).toEqual({
        t: 'response',
        id: 2,
        ok: true,
        value: { via: 'attached', to: 'helpdesk@comune.prato.example' },
      });
      const fields = composeFields((await mail.received())[1]!);
      expect(fields).toMatchObject({
        to: 'helpdesk@comune.prato.example,',
        subject: `Diagnostica di Scrivania: ${info.fileName}`,
        attachment: info.path,
      });
      expect(fields.body).toMatch(
        new RegExp(
          `^Buongiorno,\r\n\r\nallego il pacchetto di diagnostica di Scrivania ${info.fileName.replaceAll('.', '\\.')}, creato il .+\\.\r\n\r\nCosa è successo:`,
        ),
      );
    } finally {
      backend.dispose();
      process.env = saved;
    }
  });
});
