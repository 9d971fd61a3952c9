import type { App } from 'electron';
import type { PhoneLinks } from '../../../common/contract';
import type { PhoneLinkHandler } from '../../services/app/phone-links';
import { DIAL_SCHEMES } from './deep-links';

/**
 * tel: and sip: through the OS's default-app registry, only when the employee asks (Settings): taking them at every
 * start would override the phone app they chose. A development run is not the installed app and never takes them.
 */
export class PhoneLinkRegistration implements PhoneLinkHandler {
  constructor(
    private readonly app: Pick<
      App,
      'isPackaged' | 'isDefaultProtocolClient' | 'setAsDefaultProtocolClient' | 'removeAsDefaultProtocolClient'
    >,
    private readonly platform: NodeJS.Platform,
  ) {}

  state(): PhoneLinks {
    // Electron can remove itself as the handler on Windows and macOS only.
    const canRelease = this.platform === 'win32' || this.platform === 'darwin';
    if (!this.app.isPackaged) return { availability: 'not-installed', handledHere: false, canRelease };
    return { availability: 'available', handledHere: DIAL_SCHEMES.every((scheme) => this.app.isDefaultProtocolClient(scheme)), canRelease };
  }

  use(on: boolean): PhoneLinks {
    const { availability, canRelease } = this.state();
    if (availability !== 'available' || (!on && !canRelease)) return this.state();
    for (const scheme of DIAL_SCHEMES) {
      if (on) this.app.setAsDefaultProtocolClient(scheme);
      else this.app.removeAsDefaultProtocolClient(scheme);
    }
    return this.state();
  }
}
