import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Texts no shell or script may read as code: quotes, separators, substitutions, newlines, accents. */
export const hostileTexts = (sentinel: string) => ({
  to: 'helpdesk@comune.prato.example',
  subject: `Diagnostica "urgente"; l'ufficio $(touch ${sentinel}) \`touch ${sentinel}\` & | > è`,
  body: `Buongiorno,\n\nriga due "tra virgolette"; $(touch ${sentinel})\n' end tell\ndo shell script "touch ${sentinel}"\n$env:PATH\nCosa è successo:\n`,
});

/** A folder for programs that stand for the OS's and record what they were given. */
export const programFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrivania-mail-programs-'));
  return {
    dir,
    /** A shell script at `dir/name`; `$RECORD` in its text is the file it may record into. */
    script(name: string, text: string): { path: string; record: string } {
      const path = join(dir, name);
      const record = join(dir, `${name}.record`);
      writeFileSync(path, `#!/bin/sh\n${text.replaceAll('$RECORD', `'${record}'`)}\n`);
      chmodSync(path, 0o755);
      return { path, record };
    },
  };
};

/** Writes its arguments, NUL-separated, atomically: the reader never sees half a record. */
export const RECORD_ARGUMENTS = `printf '%s\\0' "$@" > $RECORD.tmp && mv $RECORD.tmp $RECORD`;

/** What a recorder was given, once it has run (within 10 s); plain polling, so Playwright specs can use it too. */
export const recorded = async (record: string): Promise<string[]> => {
  for (const deadline = Date.now() + 10_000; !existsSync(record); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error(`${record} was not written within 10 s: the program was not run`);
  }
  return readFileSync(record, 'utf8').split('\0').slice(0, -1);
};

/**
 * A desktop session in temporary XDG folders whose default mailto handler is a recorder standing for the mail
 * client. It is named thunderbird because xdg-email hands the attachment over (`-compose …,attachment='…'`) only to
 * a client whose program is called so; `stayOpenSeconds` makes it run on, as a cold-started Thunderbird does.
 */
export const recorderMailClient = (options: { stayOpenSeconds?: number } = {}) => {
  const root = mkdtempSync(join(tmpdir(), 'scrivania-mail-client-'));
  const bin = join(root, 'bin');
  const config = join(root, 'config');
  const data = join(root, 'data');
  const applications = join(data, 'applications');
  [bin, config, applications].forEach((dir) => mkdirSync(dir, { recursive: true }));
  const record = join(root, 'record');
  const pidFile = join(root, 'pid');
  const stay = options.stayOpenSeconds ? `\necho $$ > '${pidFile}'\nexec sleep ${options.stayOpenSeconds}` : '';
  const client = join(bin, 'thunderbird');
  writeFileSync(client, `#!/bin/sh\n${RECORD_ARGUMENTS.replaceAll('$RECORD', `'${record}'`)}${stay}\n`);
  chmodSync(client, 0o755);
  writeFileSync(
    join(applications, 'thunderbird.desktop'),
    `[Desktop Entry]\nType=Application\nName=Mail recorder\nExec=${client} %u\nMimeType=x-scheme-handler/mailto;\n`,
  );
  writeFileSync(join(config, 'mimeapps.list'), '[Default Applications]\nx-scheme-handler/mailto=thunderbird.desktop\n');
  // An empty MAILER, which xdg-email would otherwise prefer to the desktop's default.
  const env: Record<string, string> = {
    MAILER: '',
    XDG_CURRENT_DESKTOP: 'X-Generic',
    XDG_CONFIG_HOME: config,
    XDG_CONFIG_DIRS: config,
    XDG_DATA_HOME: data,
    XDG_DATA_DIRS: data,
  };
  return {
    root,
    env,
    processEnv: (): NodeJS.ProcessEnv => ({ ...process.env, ...env }),
    received: () => recorded(record),
    /** Ends a client left running by `stayOpenSeconds`. */
    stop: () => {
      if (!existsSync(pidFile)) return;
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
};

/** Thunderbird's `-compose` list as xdg-email writes it: to='…',subject=…,body=…,attachment='…' (subject and body still percent-encoded). */
export const composeFields = (compose: string) => {
  const to = /^to='([^']*)'/.exec(compose)?.[1];
  const subject = /,subject=([^,]*)/.exec(compose)?.[1];
  const body = /,body=([^,]*)/.exec(compose)?.[1];
  const attachment = /,attachment='(.*)'$/.exec(compose)?.[1];
  return { to, subject: subject && decodeURIComponent(subject), body: body && decodeURIComponent(body), attachment };
};

/** A desktop session with no mail program at all: empty XDG folders and MAILER. */
export const sessionWithoutMailProgram = (): Record<string, string> => {
  const root = mkdtempSync(join(tmpdir(), 'scrivania-no-mail-'));
  for (const dir of ['config', 'data/applications']) mkdirSync(join(root, dir), { recursive: true });
  return {
    MAILER: '',
    XDG_CURRENT_DESKTOP: 'X-Generic',
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_CONFIG_DIRS: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_DATA_DIRS: join(root, 'data'),
  };
};
