import type { SelfTestCheckDefinition } from './check';
import { microphoneCheck, speakerCheck } from './checks/audio-checks';
import { calendarsCheck } from './checks/calendars-check';
import { intranetDnsCheck } from './checks/intranet-dns-check';
import { keychainCheck } from './checks/keychain-check';
import { officePcCheck } from './checks/office-pc-check';
import { profileCheck } from './checks/profile-check';
import { sipRegistrationCheck, sipWebSocketCheck } from './checks/sip-checks';
import { updateServerCheck } from './checks/update-server-check';
import { vpnCheck } from './checks/vpn-check';

/** "Check my setup" in the order the issue lists, which is also the order a person would look. */
export const defaultChecks = (userAgent: string): SelfTestCheckDefinition[] => [
  profileCheck,
  keychainCheck,
  vpnCheck,
  intranetDnsCheck(),
  officePcCheck,
  sipWebSocketCheck,
  sipRegistrationCheck(userAgent),
  microphoneCheck,
  speakerCheck,
  calendarsCheck(userAgent),
  updateServerCheck(userAgent),
];
