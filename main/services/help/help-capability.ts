import { join } from 'node:path';
import type { AppInfo } from '../../../common/contract';
import type { Capability, CapabilityContext } from '../capability';
import type { ProfileService } from '../profiles/profile-service';
import { DiagnosticsBundler } from './diagnostics/diagnostics-bundler';
import { diagnosticsRequestHandlers, diagnosticsStreamHandlers } from './diagnostics/diagnostics-handlers';
import { helpRequestHandlers, type HelpRequestKey } from './handlers';
import { LAST_SELF_TEST_FILE, SelfTestService } from './self-test/self-test-service';

export interface HelpCapabilityPorts {
  profiles: ProfileService;
  info: () => AppInfo;
  /** The folder the host's logger writes to. */
  logDir: string;
  /** Shows a file in the OS file manager (Electron: shell.showItemInFolder); absent in the web host. */
  showItemInFolder?: (path: string) => void;
}

/** "Check my setup" and the diagnostics bundle. */
export const createHelpCapability = (context: CapabilityContext, ports: HelpCapabilityPorts): Capability<HelpRequestKey | 'help.diagnostics.reveal'> & { streams: ReturnType<typeof diagnosticsStreamHandlers>; selfTest: SelfTestService; diagnostics: DiagnosticsBundler } => {
  const log = context.log.child('help');
  const info = ports.info();
  const selfTest = new SelfTestService({
    log,
    credentials: context.credentials,
    profiles: ports.profiles,
    dataDir: context.dataDir,
    reportFile: join(context.dataDir, LAST_SELF_TEST_FILE),
    userAgent: `Scrivania/${info.version}`,
  });
  const diagnostics = new DiagnosticsBundler({
    logDir: ports.logDir,
    outDir: join(context.dataDir, 'diagnostics'),
    info: ports.info,
    profiles: ports.profiles,
    lastSelfTest: () => selfTest.last(),
    clock: () => new Date(),
    ...(ports.showItemInFolder ? { showItemInFolder: ports.showItemInFolder } : {}),
  });
  context.emit('help.selfTest.last', null);
  const stops = [
    selfTest.on('report', (report) => context.emit('help.selfTest.last', report)),
    selfTest.on('progress', (progress) => context.emit('help.selfTest.progress', progress)),
  ];
  void selfTest.load();
  return {
    requests: { ...helpRequestHandlers(selfTest, diagnostics), ...diagnosticsRequestHandlers(diagnostics) },
    streams: diagnosticsStreamHandlers(diagnostics),
    selfTest,
    diagnostics,
    // The self-test reads the effective configuration when it runs.
    configure: (effective) => diagnostics.configure(effective),
    dispose: () => stops.forEach((stop) => stop()),
  };
};
