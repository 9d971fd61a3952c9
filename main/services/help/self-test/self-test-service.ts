import type { AudioDeviceFindings, SelfTestReport } from '../../../../common/contract/help';
import { Emitter } from '../../../../common/emitter';
import type { CapabilityContext } from '../../capability';
import type { EffectiveConfiguration } from '../../profiles/effective-config';
import type { ProfileService } from '../../profiles/profile-service';
import { Refusal } from '../../refusal';

export interface SelfTestPorts {
  log: CapabilityContext['log'];
  credentials: CapabilityContext['credentials'];
  profiles: ProfileService;
}

/** "Check my setup": every check in order, each with its own timeout. */
export class SelfTestService extends Emitter<{ report: SelfTestReport }> {
  private latest: SelfTestReport | null = null;

  constructor(private readonly ports: SelfTestPorts) {
    super();
  }

  configure(_effective: EffectiveConfiguration): void {}

  last(): SelfTestReport | null {
    return this.latest;
  }

  run(_audio?: AudioDeviceFindings): Promise<SelfTestReport> {
    void this.ports;
    return Promise.reject(new Refusal('the self-test is not built yet'));
  }
}
