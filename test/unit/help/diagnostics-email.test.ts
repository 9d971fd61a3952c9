import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticsEmail } from '../../../main/services/help/diagnostics/diagnostics-email';
import {
  linuxDraftCommand,
  MAC_MAIL_SCRIPT,
  macDraftCommand,
  openEmailDraft,
  WINDOWS_OUTLOOK_SCRIPT,
  windowsDraftCommand,
  type EmailDraft,
  type EmailDraftPorts,
} from '../../../main/services/help/diagnostics/email-draft';
import { memoryLog } from '../../support/memory-log';
import { hostileTexts, programFolder, RECORD_ARGUMENTS, recorded } from './diagnostics-email-programs';

const programs = programFolder();
const sentinel = join(programs.dir, 'pwned');
const draft: EmailDraft = {
  ...hostileTexts(sentinel),
  attachment: join(programs.dir, `Dati di Mario; $(touch ${sentinel})`, 'scrivania-diagnostics-20261201-172300Z.zip'),
};
const texts = [draft.to, draft.subject, draft.body, draft.attachment];

/** Stands for a default mail handler query that names `desktopId`. */
const xdgMimeNaming = (desktopId: string) => programs.script(`xdg-mime-${desktopId}`, `echo '${desktopId}'`).path;
const linuxPorts = (xdgEmail: string, extra: Partial<EmailDraftPorts> = {}): EmailDraftPorts => ({
  platform: 'linux',
  env: process.env,
  programs: { xdgMime: xdgMimeNaming('thunderbird.desktop'), xdgEmail },
  ...extra,
});

afterEach(() => expect(existsSync(sentinel)).toBe(false));

describe('the commands that open the email, one per OS, never through a shell', () => {
  it('Linux: xdg-email with each text as its own argument', () => {
    expect(linuxDraftCommand(draft)).toEqual({
      file: 'xdg-email',
      args: ['--utf8', '--subject', draft.subject, '--body', draft.body, '--attach', draft.attachment, draft.to],
    });
  });

  it('macOS: a fixed AppleScript for Mail, the texts after it as its argv', () => {
    expect(macDraftCommand(draft)).toEqual({
      file: 'osascript',
      args: ['-e', MAC_MAIL_SCRIPT, draft.to, draft.subject, draft.body, draft.attachment],
    });
    expect(MAC_MAIL_SCRIPT).toContain('set {theAddress, theSubject, theBody, theFile} to argv');
  });

  it('Windows: a fixed, encoded PowerShell script for Outlook, the texts only in its environment', () => {
    const command = windowsDraftCommand(draft);
    expect(command.file).toBe('powershell.exe');
    expect(command.args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(Buffer.from(command.args.at(-1)!, 'base64').toString('utf16le')).toBe(WINDOWS_OUTLOOK_SCRIPT);
    expect(command.env).toEqual({
      SCRIVANIA_MAIL_TO: draft.to,
      SCRIVANIA_MAIL_SUBJECT: draft.subject,
      SCRIVANIA_MAIL_BODY: draft.body,
      SCRIVANIA_MAIL_ATTACHMENT: draft.attachment,
    });
    expect(WINDOWS_OUTLOOK_SCRIPT).toContain('$mail.Attachments.Add($env:SCRIVANIA_MAIL_ATTACHMENT)');
  });
});

describe('what the programs receive, run for real with recorders standing for them', () => {
  it('macOS: osascript gets the texts verbatim, once Mail is the default mail program', async () => {
    const osascript = programs.script('osascript', `[ "$1" = -l ] && { echo com.apple.mail; exit 0; }\n${RECORD_ARGUMENTS}`);
    expect(await openEmailDraft(draft, { platform: 'darwin', env: process.env, programs: { osascript: osascript.path } })).toEqual({
      attached: true,
    });
    expect(await recorded(osascript.record)).toEqual(['-e', MAC_MAIL_SCRIPT, ...texts]);
  });

  it('macOS: another default mail program means the fallback, without asking Mail', async () => {
    const osascript = programs.script('osascript-outlook', `[ "$1" = -l ] && { echo com.microsoft.Outlook; exit 0; }\n${RECORD_ARGUMENTS}`);
    expect(await openEmailDraft(draft, { platform: 'darwin', env: process.env, programs: { osascript: osascript.path } })).toEqual({
      attached: false,
      reason: 'the default mail program is com.microsoft.Outlook, not Mail',
    });
    expect(existsSync(osascript.record)).toBe(false);
  });

  it('Windows: PowerShell gets the texts verbatim as environment variables', async () => {
    const powershell = programs.script(
      'powershell',
      `printf '%s\\0' "$SCRIVANIA_MAIL_TO" "$SCRIVANIA_MAIL_SUBJECT" "$SCRIVANIA_MAIL_BODY" "$SCRIVANIA_MAIL_ATTACHMENT" "$@" > $RECORD`,
    );
    expect(await openEmailDraft(draft, { platform: 'win32', env: process.env, programs: { powershell: powershell.path } })).toEqual({
      attached: true,
    });
    expect(await recorded(powershell.record)).toEqual([...texts, ...windowsDraftCommand(draft).args]);
  });

  it('Windows: without Outlook (the script exits 3) it is the fallback', async () => {
    const powershell = programs.script('powershell-no-outlook', 'exit 3');
    expect(await openEmailDraft(draft, { platform: 'win32', env: process.env, programs: { powershell: powershell.path } })).toEqual({
      attached: false,
      reason: 'Outlook is not installed',
    });
  });

  it('Linux: xdg-email gets the texts verbatim', async () => {
    const xdgEmail = programs.script('xdg-email', RECORD_ARGUMENTS);
    expect(await openEmailDraft(draft, linuxPorts(xdgEmail.path))).toEqual({ attached: true });
    expect(await recorded(xdgEmail.record)).toEqual([
      '--utf8',
      '--subject',
      draft.subject,
      '--body',
      draft.body,
      '--attach',
      draft.attachment,
      draft.to,
    ]);
  });
});

describe('the fallback when the mail program cannot take the attachment', () => {
  it('when xdg-email is not installed', async () => {
    expect(await openEmailDraft(draft, linuxPorts(join(programs.dir, 'no-such-xdg-email')))).toEqual({
      attached: false,
      reason: `${join(programs.dir, 'no-such-xdg-email')} is not installed`,
    });
  });

  it('when xdg-email exits non-zero (no mail client it can start)', async () => {
    const xdgEmail = programs.script('xdg-email-failing', 'exit 4');
    expect(await openEmailDraft(draft, linuxPorts(xdgEmail.path))).toEqual({
      attached: false,
      reason: `${xdgEmail.path} exited with code 4`,
    });
  });

  it('when the default mail program query overruns its time limit', async () => {
    const xdgMime = programs.script('xdg-mime-hanging', 'exec sleep 30').path;
    const outcome = await openEmailDraft(
      draft,
      linuxPorts(programs.script('xdg-email-unused', RECORD_ARGUMENTS).path, { programs: { xdgMime }, timeoutMs: 300 }),
    );
    expect(outcome).toEqual({ attached: false, reason: `${xdgMime} did not finish within 0.3 s` });
  });

  it('when osascript overruns its time limit', async () => {
    const osascript = programs.script('osascript-hanging', '[ "$1" = -l ] && { echo com.apple.mail; exit 0; }\nexec sleep 30').path;
    expect(await openEmailDraft(draft, { platform: 'darwin', env: process.env, programs: { osascript }, timeoutMs: 300 })).toEqual({
      attached: false,
      reason: `${osascript} did not finish within 0.3 s`,
    });
  });

  it('when no default mail program is set, or it is one that takes no attachment', async () => {
    const xdgEmail = programs.script('xdg-email-never', RECORD_ARGUMENTS);
    expect(
      await openEmailDraft(
        draft,
        linuxPorts(xdgEmail.path, { programs: { xdgMime: programs.script('xdg-mime-empty', 'exit 0').path, xdgEmail: xdgEmail.path } }),
      ),
    ).toEqual({
      attached: false,
      reason: 'no default mail program is set (x-scheme-handler/mailto)',
    });
    expect(
      await openEmailDraft(
        draft,
        linuxPorts(xdgEmail.path, { programs: { xdgMime: xdgMimeNaming('org.gnome.Geary.desktop'), xdgEmail: xdgEmail.path } }),
      ),
    ).toEqual({
      attached: false,
      reason: 'the default mail program, org.gnome.Geary.desktop, takes no attachment from xdg-email',
    });
    expect(existsSync(xdgEmail.record)).toBe(false);
  });

  it('on an OS with no way to attach', async () => {
    expect(await openEmailDraft(draft, { platform: 'freebsd', env: process.env })).toEqual({
      attached: false,
      reason: 'no way to attach a file to an email on freebsd',
    });
  });
});

describe('the help desk email for a bundle', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'scrivania-diagnostics-out-'));
  const fileName = 'scrivania-diagnostics-20261201-172300Z.zip';
  writeFileSync(join(outDir, fileName), 'PK');

  const helpdesk = 'helpdesk@comune.prato.example';
  const emailer = (xdgEmail: string, helpdeskEmail: string | undefined) => {
    const opened: string[] = [];
    const revealed: string[] = [];
    const { log, records } = memoryLog();
    const email = new DiagnosticsEmail({
      outDir,
      helpdeskEmail: () => helpdeskEmail,
      openDraft: (made) => openEmailDraft(made, linuxPorts(xdgEmail)),
      openExternal: async (url) => opened.push(url) > 0,
      reveal: async (name) => revealed.push(name) > 0,
      log,
    });
    return { email, opened, revealed, records };
  };

  it('attached: the email in the employee language, nothing to do by hand', async () => {
    const xdgEmail = programs.script('xdg-email-bundle', RECORD_ARGUMENTS);
    const { email, opened, revealed } = emailer(xdgEmail.path, helpdesk);
    expect(await email.email(fileName, 'it')).toEqual({ via: 'attached', to: 'helpdesk@comune.prato.example' });
    const args = await recorded(xdgEmail.record);
    expect(args.slice(0, 3)).toEqual(['--utf8', '--subject', `Diagnostica di Scrivania: ${fileName}`]);
    expect(args[4]).toMatch(
      /^Buongiorno,\n\nallego il pacchetto di diagnostica di Scrivania scrivania-diagnostics-20261201-172300Z\.zip, creato il \d{1,2}\/\d{1,2}\/2026, \d{1,2}:\d{2}:00\.\n\nCosa è successo:\n$/,
    );
    expect(args.slice(5)).toEqual(['--attach', join(outDir, fileName), 'helpdesk@comune.prato.example']);
    expect([opened, revealed]).toEqual([[], []]);
  });

  it('fallback: a mailto: naming the file and where it is, handed to the OS, and the file shown in its folder', async () => {
    const { email, opened, revealed, records } = emailer(join(programs.dir, 'no-xdg-email'), helpdesk);
    const result = await email.email(fileName, 'en');
    expect(result).toMatchObject({ via: 'mailto', opened: true, shown: true });
    const url = new URL((result as { url: string }).url);
    expect(`${url.protocol}${url.pathname}`).toBe('mailto:helpdesk@comune.prato.example');
    expect(url.searchParams.get('subject')).toBe(`Scrivania diagnostics: ${fileName}`);
    expect(url.searchParams.get('body')).toMatch(
      new RegExp(
        `^Hello,\n\nI attach the Scrivania diagnostics bundle ${fileName.replaceAll('.', '\\.')}, created on \\d{1,2}/\\d{1,2}/2026, `,
      ),
    );
    expect(url.searchParams.get('body')).toContain(`(on my PC it is ${join(outDir, fileName)})`);
    expect([opened, revealed]).toEqual([[result.via === 'mailto' ? result.url : ''], [fileName]]);
    expect(records.find((record) => record.message.startsWith('no mail program here takes the attachment'))).toMatchObject({
      reason: `${join(programs.dir, 'no-xdg-email')} is not installed`,
    });
  });

  it('refuses in one line without a help desk address or without the bundle', async () => {
    await expect(emailer('xdg-email', undefined).email.email(fileName, 'en')).rejects.toThrow(
      /^the configuration names no help desk email address$/,
    );
    await expect(emailer('xdg-email', helpdesk).email.email('scrivania-diagnostics-20200101-000000Z.zip', 'en')).rejects.toThrow(
      `no diagnostics bundle scrivania-diagnostics-20200101-000000Z.zip: it is not in ${outDir}`,
    );
    await expect(emailer('xdg-email', helpdesk).email.email('../profiles/profile.json', 'en')).rejects.toThrow(
      '"../profiles/profile.json" is not the name of a diagnostics bundle',
    );
    expect(readFileSync(join(outDir, fileName), 'utf8')).toBe('PK');
  });
});
