import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DiagnosticsBundleName, type DiagnosticsEmailResult } from '../../../../common/contract/help';
import type { Logger } from '../../logging/logger';
import { Refusal } from '../../refusal';
import { formatMessage, messagesFor } from '../../text/localized-text';
import type { DraftOutcome, EmailDraft } from './email-draft';
import { oneLineMessageOf } from '../../../../common/error-message';

export interface DiagnosticsEmailPorts {
  /** Where bundles are written. */
  outDir: string;
  /** The profile's help desk address, if it has one. */
  helpdeskEmail: () => string | undefined;
  /** Opens the draft with its attachment in the mail program (openEmailDraft). */
  openDraft: (draft: EmailDraft) => Promise<DraftOutcome>;
  /** Hands the mailto: URL to the OS (Electron: shell.openExternal); without it the window opens it. */
  openExternal?: (url: string) => Promise<boolean>;
  /** Shows the bundle in its folder; false where the host cannot. */
  reveal: (fileName: string) => Promise<boolean>;
  log: Logger;
}

/** The moment the bundle's name records, `scrivania-diagnostics-20261201-172300Z.zip`. */
const createdAtOf = (fileName: string): Date => {
  const [, y, mo, d, h, mi, s] = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z/.exec(fileName) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
};

/** "Email to the help desk": the bundle attached where the OS allows, else a mailto: and the file to attach by hand. */
export class DiagnosticsEmail {
  constructor(private readonly ports: DiagnosticsEmailPorts) {}

  async email(fileName: string, language: 'en' | 'it'): Promise<DiagnosticsEmailResult> {
    const to = this.ports.helpdeskEmail();
    if (!to) throw Refusal.because('help.no-helpdesk-email', 'the configuration names no help desk email address');
    const path = await this.existingBundle(fileName);
    const messages = messagesFor(language);
    const params = { fileName, time: createdAtOf(fileName).toLocaleString(language), path };
    const subject = formatMessage(messages, { key: 'help.diagnostics.emailSubject', params });
    const body = formatMessage(messages, { key: 'help.diagnostics.emailBody', params });
    const outcome = await this.ports.openDraft({ to, subject, body, attachment: path });
    if (outcome.attached) {
      this.ports.log.info('the help desk email is open with the diagnostics bundle attached', { fileName });
      return { via: 'attached', to };
    }
    this.ports.log.info('no mail program here takes the attachment: the email goes as a mailto: link', {
      fileName,
      reason: outcome.reason,
    });
    const byHand = formatMessage(messages, { key: 'help.diagnostics.emailBodyByHand', params });
    const url = `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(byHand)}`;
    const opened = this.ports.openExternal ? await this.ports.openExternal(url) : false;
    return { via: 'mailto', url, opened, shown: await this.ports.reveal(fileName) };
  }

  private async existingBundle(fileName: string): Promise<string> {
    const parsed = DiagnosticsBundleName.safeParse(fileName);
    if (!parsed.success) throw Refusal.because('help.bundle-name', `"${fileName}" is not the name of a diagnostics bundle`);
    const path = join(this.ports.outDir, parsed.data);
    try {
      await stat(path);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `it is not in ${this.ports.outDir}` : oneLineMessageOf(error);
      throw Refusal.because('help.bundle-missing', `no diagnostics bundle ${fileName}: ${why}`);
    }
    return path;
  }
}
