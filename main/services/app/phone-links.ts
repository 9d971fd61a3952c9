import type { PhoneLinks } from '../../../common/contract';

/** Where the OS's tel: and sip: links go; the Electron host is the only one that can take them. */
export interface PhoneLinkHandler {
  state(): PhoneLinks;
  use(on: boolean): PhoneLinks;
}

/** A browser window cannot become the OS's phone-link handler. */
export const browserPhoneLinks: PhoneLinkHandler = {
  state: () => ({ availability: 'browser', handledHere: false, canRelease: false }),
  use() {
    return this.state();
  },
};
