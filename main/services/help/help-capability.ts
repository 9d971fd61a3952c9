import { join } from 'node:path';
import type { AppInfo } from '../../../common/contract';
import type { CalendarSource } from '../../../common/meetings/meetings-config';
import type { Capability, CapabilityContext } from '../capability';
import type { ProfileService } from '../profiles/profile-service';
import { DiagnosticsBundler } from './diagnostics/diagnostics-bundler';
import { DiagnosticsEmail } from './diagnostics/diagnostics-email';
import { diagnosticsRequestHandlers, diagnosticsStreamHandlers } from './diagnostics/diagnostics-handlers';
import { openEmailDraft } from './diagnostics/email-draft';
import { helpRequestHandlers, type HelpRequestKey } from './handlers';
import { LAST_SELF_TEST_FILE, SelfTestService } from './self-test/self-test-service';

export interface HelpCapabilityPorts {
  profiles: ProfileService;
  info: () => AppInfo;
  /** The folder the host's logger writes to. */
  logDir: string;
  /** Shows a file in the OS file manager (Electron: shell.showItemInFolder); absent in the web host. */
  showItemInFolder?: (path: string) => void;
  /** Hands a mailto: URL to the OS (Electron: shell.openExternal); absent in the web host, whose window opens it. */
  openExternal?: (url: string) => Promise<boolean>;
  /** The calendars the meetings service reads, the employee's own included. */
  calendars: () => readonly CalendarSource[];
  /** What the app reports right now, for the bundle's status.json. */
  liveStatus: () => Record<string, unknown>;
}

/** "Check my setup" and the diagnostics bundle. */
export const createHelpCapability = (context: CapabilityContext, ports: HelpCapabilityPorts): Capability<HelpRequestKey | 'help.diagnostics.reveal' | 'help.diagnostics.email'> & { streams: ReturnType<typeof diagnosticsStreamHandlers>; selfTest: SelfTestService; diagnostics: DiagnosticsBundler } => {
  const log = context.log.child('help');
  const info = ports.info();
  const selfTest = new SelfTestService({
    log,
    credentials: context.credentials,
    profiles: ports.profiles,
    dataDir: context.dataDir,
    reportFile: join(context.dataDir, LAST_SELF_TEST_FILE),
    userAgent: `Scrivania/${info.version}`,
    calendars: ports.calendars,
  });
  const outDir = join(context.dataDir, 'diagnostics');
  const diagnostics = new DiagnosticsBundler({
    logDir: ports.logDir,
    outDir,
    info: ports.info,
    profiles: ports.profiles,
    lastSelfTest: () => selfTest.last(),
    clock: () => new Date(),
    liveStatus: ports.liveStatus,
    ...(ports.showItemInFolder ? { showItemInFolder: ports.showItemInFolder } : {}),
  });
  // Both hosts run this process on the employee's own PC (the web host serves 127.0.0.1 only), so both open its mail program.
  const email = new DiagnosticsEmail({
    outDir,
    helpdeskEmail: () => ports.profiles.effective().config.helpdesk?.email,
    openDraft: (draft) => openEmailDraft(draft, { platform: process.platform, env: process.env }),
    ...(ports.openExternal ? { openExternal: ports.openExternal } : {}),
    reveal: (fileName) => diagnostics.reveal(fileName),
    log,
  });
  context.emit('help.selfTest.last', null);
  const stops = [
    selfTest.on('report', (report) => context.emit('help.selfTest.last', report)),
    selfTest.on('progress', (progress) => context.emit('help.selfTest.progress', progress)),
  ];
  void selfTest.load();
  return {
    requests: { ...helpRequestHandlers(selfTest, diagnostics), ...diagnosticsRequestHandlers(diagnostics, email) },
    streams: diagnosticsStreamHandlers(diagnostics),
    selfTest,
    diagnostics,
    // The self-test reads the effective configuration when it runs.
    configure: (effective) => diagnostics.configure(effective),
    dispose: () => stops.forEach((stop) => stop()),
  };
};
