import type { VpnConfigInput } from '../../../common/vpn/vpn-config';

/** What the demo's peers offer, as the profile the help desk would sign for this office. */
export interface DemoProfileParts {
  now: Date;
  vpn: VpnConfigInput;
  officePc?: { port: number; username: string; certificateSha256: string };
  /** The lab PBX's `phone` section (server, extension, answer groups, feature codes). */
  phone?: Record<string, unknown>;
  /** An extension on the lab PBX that answers as the help desk. */
  helpdeskExtension?: string;
  calendarUrl?: string;
  /** The lab's update server, the folder holding latest.yml. */
  updatesUrl?: string;
}

const DAY_MS = 86_400_000;

export const DEMO_ORGANIZATION = 'Comune di Borgo Demo';

export const demoProfile = (parts: DemoProfileParts): Record<string, unknown> => ({
  schemaVersion: 1,
  id: 'scrivania-demo-office',
  serial: 1,
  issuedAt: new Date(parts.now.getTime() - 60_000).toISOString(),
  expiresAt: new Date(parts.now.getTime() + 30 * DAY_MS).toISOString(),
  organization: { name: DEMO_ORGANIZATION },
  helpdesk: {
    phone: parts.helpdeskExtension ?? '+39 011 555 0100',
    email: 'helpdesk@borgo-demo.example',
    url: 'https://helpdesk.borgo-demo.example/',
    hours: 'Lun–Ven 8:00–18:00',
  },
  vpn: parts.vpn,
  ...(parts.officePc ? { officePc: { name: 'PC ufficio anagrafe', host: '127.0.0.1', ...parts.officePc } } : {}),
  ...(parts.phone ? { phone: parts.phone } : {}),
  ...(parts.calendarUrl ? { calendars: [{ id: 'ufficio', name: 'Ufficio anagrafe', url: parts.calendarUrl }] } : {}),
  ...(parts.updatesUrl ? { updates: { url: parts.updatesUrl, channel: 'stable' } } : {}),
  links: [
    { title: 'Intranet', url: 'https://intranet.borgo-demo.example/' },
    { title: 'Portale del dipendente', url: 'https://dipendenti.borgo-demo.example/' },
  ],
  enforced: [...(parts.phone ? ['/phone/server'] : []), ...(parts.officePc ? ['/officePc/host'] : [])],
});
