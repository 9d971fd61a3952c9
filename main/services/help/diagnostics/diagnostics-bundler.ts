import type { DiagnosticsBundleInfo, SelfTestReport } from '../../../../common/contract/help';
import type { AppInfo } from '../../../../common/contract';
import type { EffectiveConfiguration } from '../../profiles/effective-config';
import type { ProfileService } from '../../profiles/profile-service';
import { Refusal } from '../../refusal';

export interface DiagnosticsPorts {
  /** The folder the logger writes to. */
  logDir: string;
  /** Where bundles are written. */
  outDir: string;
  info: () => AppInfo;
  profiles: ProfileService;
  lastSelfTest: () => SelfTestReport | null;
  clock: () => Date;
}

/** The zip a help desk asks for: logs, self-test, versions, the configuration without its secrets. */
export class DiagnosticsBundler {
  constructor(private readonly ports: DiagnosticsPorts) {}

  configure(_effective: EffectiveConfiguration): void {}

  create(): Promise<DiagnosticsBundleInfo> {
    void this.ports;
    return Promise.reject(new Refusal('the diagnostics bundle is not built yet'));
  }
}
