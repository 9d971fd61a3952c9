import { join } from 'node:path';
import type { AppInfo } from '../../../common/contract';
import type { Capability, CapabilityContext } from '../capability';
import type { ProfileService } from '../profiles/profile-service';
import { DiagnosticsBundler } from './diagnostics/diagnostics-bundler';
import { helpRequestHandlers, type HelpRequestKey } from './handlers';
import { SelfTestService } from './self-test/self-test-service';

export interface HelpCapabilityPorts {
  profiles: ProfileService;
  info: () => AppInfo;
  /** The folder the host's logger writes to. */
  logDir: string;
}

/** "Check my setup" and the diagnostics bundle. */
export const createHelpCapability = (context: CapabilityContext, ports: HelpCapabilityPorts): Capability<HelpRequestKey> & { selfTest: SelfTestService; diagnostics: DiagnosticsBundler } => {
  const log = context.log.child('help');
  const selfTest = new SelfTestService({ log, credentials: context.credentials, profiles: ports.profiles });
  const diagnostics = new DiagnosticsBundler({
    logDir: ports.logDir,
    outDir: join(context.dataDir, 'diagnostics'),
    info: ports.info,
    profiles: ports.profiles,
    lastSelfTest: () => selfTest.last(),
    clock: () => new Date(),
  });
  context.emit('help.selfTest.last', null);
  const stops = [selfTest.on('report', (report) => context.emit('help.selfTest.last', report))];
  return {
    requests: helpRequestHandlers(selfTest, diagnostics),
    selfTest,
    diagnostics,
    configure: (effective) => {
      selfTest.configure(effective);
      diagnostics.configure(effective);
    },
    dispose: () => stops.forEach((stop) => stop()),
  };
};
