import { execFile, spawn } from 'node:child_process';

/** A new email for the employee to check and send: nothing here sends it. */
export interface EmailDraft {
  to: string;
  subject: string;
  body: string;
  /** An absolute path to the file to attach. */
  attachment: string;
}

/** A program and its arguments, run without a shell; `env` adds to the inherited environment. */
export interface DraftCommand {
  file: string;
  args: string[];
  env?: Record<string, string>;
}

/** `attached`: the mail program was handed the draft with its attachment; otherwise why not, in one line. */
export type DraftOutcome = { attached: true } | { attached: false; reason: string };

export interface EmailDraftPorts {
  platform: NodeJS.Platform;
  /** The environment the mail program sees (its desktop session, XDG folders). */
  env: NodeJS.ProcessEnv;
  /** Where each program is; by name on PATH when absent. */
  programs?: Partial<Record<'xdgEmail' | 'xdgMime' | 'osascript' | 'powershell', string>>;
  /** The limit for a command that answers and exits. */
  timeoutMs?: number;
  /** How long a launch may fail before it counts as the mail program running. */
  launchSettleMs?: number;
}

const TIMEOUT_MS = 10_000;
const LAUNCH_SETTLE_MS = 4_000;

/** xdg-email hands an attachment over for these clients only (Thunderbird's -compose, the others' mailto attach=). */
const ATTACHING_LINUX_CLIENT = /thunderbird|icedove|evolution|kmail/i;

/** The bundle id of the app that handles mailto:, by AppKit through JavaScript for Automation. */
export const MAC_MAIL_HANDLER_SCRIPT = [
  "ObjC.import('AppKit');",
  "const app = $.NSWorkspace.sharedWorkspace.URLForApplicationToOpenURL($.NSURL.URLWithString('mailto:'));",
  "app.isNil() ? '' : $.NSBundle.bundleWithURL(app).bundleIdentifier.js;",
].join('\n');

/** Mail.app's new visible message; the texts arrive as arguments, never inside the script. */
export const MAC_MAIL_SCRIPT = [
  'on run argv',
  '  set {theAddress, theSubject, theBody, theFile} to argv',
  '  tell application "Mail"',
  '    set theMessage to make new outgoing message with properties {subject:theSubject, content:theBody, visible:true}',
  '    tell theMessage',
  '      make new to recipient at end of to recipients with properties {address:theAddress}',
  '      make new attachment with properties {file name:((POSIX file theFile) as alias)} at after the last paragraph',
  '    end tell',
  '    activate',
  '  end tell',
  'end run',
].join('\n');

/** Outlook's new visible message through COM; exit code 3 when Outlook is not installed. The texts arrive as environment variables. */
export const WINDOWS_OUTLOOK_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "if (-not (Test-Path 'Registry::HKEY_CLASSES_ROOT\\Outlook.Application')) { exit 3 }",
  '$outlook = New-Object -ComObject Outlook.Application',
  '$mail = $outlook.CreateItem(0)',
  '$mail.To = $env:SCRIVANIA_MAIL_TO',
  '$mail.Subject = $env:SCRIVANIA_MAIL_SUBJECT',
  '$mail.Body = $env:SCRIVANIA_MAIL_BODY',
  '[void]$mail.Attachments.Add($env:SCRIVANIA_MAIL_ATTACHMENT)',
  '$mail.Display()',
].join('\n');

export const OUTLOOK_MISSING_EXIT = 3;

export const linuxHandlerQuery = (xdgMime = 'xdg-mime'): DraftCommand => ({
  file: xdgMime,
  args: ['query', 'default', 'x-scheme-handler/mailto'],
});

/** --utf8: the texts are UTF-8 whatever the locale says, which iconv would otherwise trip on. */
export const linuxDraftCommand = (draft: EmailDraft, xdgEmail = 'xdg-email'): DraftCommand => ({
  file: xdgEmail,
  args: ['--utf8', '--subject', draft.subject, '--body', draft.body, '--attach', draft.attachment, draft.to],
});

export const macHandlerQuery = (osascript = 'osascript'): DraftCommand => ({
  file: osascript,
  args: ['-l', 'JavaScript', '-e', MAC_MAIL_HANDLER_SCRIPT],
});

export const macDraftCommand = (draft: EmailDraft, osascript = 'osascript'): DraftCommand => ({
  file: osascript,
  args: ['-e', MAC_MAIL_SCRIPT, draft.to, draft.subject, draft.body, draft.attachment],
});

/** -EncodedCommand: Windows' command line would strip the script's quotes; the script is UTF-16LE base64, as PowerShell wants. */
export const windowsDraftCommand = (draft: EmailDraft, powershell = 'powershell.exe'): DraftCommand => ({
  file: powershell,
  args: [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(WINDOWS_OUTLOOK_SCRIPT, 'utf16le').toString('base64'),
  ],
  env: {
    SCRIVANIA_MAIL_TO: draft.to,
    SCRIVANIA_MAIL_SUBJECT: draft.subject,
    SCRIVANIA_MAIL_BODY: draft.body,
    SCRIVANIA_MAIL_ATTACHMENT: draft.attachment,
  },
});

interface Finished {
  code: number | null;
  stdout: string;
}

class DraftFailure extends Error {}

const failureOf = (command: DraftCommand, error: NodeJS.ErrnoException, limitMs: number): DraftFailure => {
  if (error.code === 'ENOENT') return new DraftFailure(`${command.file} is not installed`);
  if ((error as { killed?: boolean }).killed) return new DraftFailure(`${command.file} did not finish within ${limitMs / 1000} s`);
  return new DraftFailure(`${command.file} could not run: ${error.code ?? error.message}`);
};

/** A command that answers and exits, killed at the limit. Its output is the mail handler's name, never a secret. */
const run = (command: DraftCommand, ports: EmailDraftPorts): Promise<Finished> => {
  const limitMs = ports.timeoutMs ?? TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      command.file,
      command.args,
      {
        timeout: limitMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024,
        windowsHide: true,
        encoding: 'utf8',
        env: { ...ports.env, ...command.env },
      },
      (error, stdout) => {
        if (!error) return resolve({ code: 0, stdout });
        if (typeof error.code === 'number') return resolve({ code: error.code, stdout });
        reject(failureOf(command, error as NodeJS.ErrnoException, limitMs));
      },
    );
  });
};

/**
 * xdg-email waits for the client it starts: `thunderbird -compose` started cold runs until Thunderbird is closed.
 * Its own failures (no client, a missing file) come at once, so one still running after the settle time has
 * opened the mail program, which is left to run on its own.
 */
const launch = (command: DraftCommand, ports: EmailDraftPorts): Promise<Finished> => {
  const settleMs = ports.launchSettleMs ?? LAUNCH_SETTLE_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      env: { ...ports.env, ...command.env },
    });
    const settled = setTimeout(() => {
      child.removeAllListeners();
      child.unref();
      resolve({ code: 0, stdout: '' });
    }, settleMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(settled);
      reject(failureOf(command, error, settleMs));
    });
    child.once('exit', (code) => {
      clearTimeout(settled);
      resolve({ code, stdout: '' });
    });
  });
};

const exitReason = (command: DraftCommand, finished: Finished): string =>
  finished.code === null ? `${command.file} was ended by a signal` : `${command.file} exited with code ${finished.code}`;

const attachOnLinux = async (draft: EmailDraft, ports: EmailDraftPorts): Promise<DraftOutcome> => {
  const query = linuxHandlerQuery(ports.programs?.xdgMime);
  const handler = await run(query, ports);
  const desktopId = handler.stdout.trim();
  if (handler.code !== 0 || desktopId === '')
    return { attached: false, reason: 'no default mail program is set (x-scheme-handler/mailto)' };
  if (!ATTACHING_LINUX_CLIENT.test(desktopId))
    return { attached: false, reason: `the default mail program, ${desktopId}, takes no attachment from xdg-email` };
  const command = linuxDraftCommand(draft, ports.programs?.xdgEmail);
  const finished = await launch(command, ports);
  return finished.code === 0 ? { attached: true } : { attached: false, reason: exitReason(command, finished) };
};

const attachOnMac = async (draft: EmailDraft, ports: EmailDraftPorts): Promise<DraftOutcome> => {
  const handler = await run(macHandlerQuery(ports.programs?.osascript), ports);
  const bundleId = handler.stdout.trim();
  if (handler.code !== 0 || bundleId.toLowerCase() !== 'com.apple.mail')
    return { attached: false, reason: `the default mail program is ${bundleId || 'not set'}, not Mail` };
  const command = macDraftCommand(draft, ports.programs?.osascript);
  const finished = await run(command, ports);
  return finished.code === 0 ? { attached: true } : { attached: false, reason: exitReason(command, finished) };
};

const attachOnWindows = async (draft: EmailDraft, ports: EmailDraftPorts): Promise<DraftOutcome> => {
  const command = windowsDraftCommand(draft, ports.programs?.powershell);
  const finished = await run(command, ports);
  if (finished.code === OUTLOOK_MISSING_EXIT) return { attached: false, reason: 'Outlook is not installed' };
  return finished.code === 0 ? { attached: true } : { attached: false, reason: exitReason(command, finished) };
};

const attachers: Partial<Record<NodeJS.Platform, (draft: EmailDraft, ports: EmailDraftPorts) => Promise<DraftOutcome>>> = {
  linux: attachOnLinux,
  darwin: attachOnMac,
  win32: attachOnWindows,
};

/** Opens a new email with the attachment in the employee's mail program, where the OS offers a way to. */
export const openEmailDraft = async (draft: EmailDraft, ports: EmailDraftPorts): Promise<DraftOutcome> => {
  const attach = attachers[ports.platform];
  if (!attach) return { attached: false, reason: `no way to attach a file to an email on ${ports.platform}` };
  try {
    return await attach(draft, ports);
  } catch (error) {
    if (error instanceof DraftFailure) return { attached: false, reason: error.message };
    throw error;
  }
};
