import type { MeetingServiceRef } from '../../../common/contract/meetings';

/** Brand colours of the services employees meet most; any other service gets a colour from its id. */
const colours: Record<string, string> = {
  teams: '#5b5fc7',
  zoom: '#0b5cff',
  meet: '#00897b',
  webex: '#07843b',
  jitsi: '#1d76ba',
  gotomeeting: '#f68d2e',
  bigbluebutton: '#283274',
  skypeForBusiness: '#0078d4',
  skypeForBusinessServer: '#0078d4',
  slack: '#4a154b',
  whereby: '#5c2ae0',
};

const hueOf = (id: string): number => [...id].reduce((sum, character) => (sum * 31 + character.charCodeAt(0)) % 360, 7);

const initialsOf = (name: string): string =>
  name
    .split(/[\s.-]+/)
    .filter((word) => /^\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('') || name.slice(0, 2);

export const ServiceIcon = ({ service }: { service: MeetingServiceRef }) => (
  <span className="service-icon" style={{ backgroundColor: colours[service.id] ?? `hsl(${hueOf(service.id)} 55% 38%)` }} aria-hidden="true">
    {initialsOf(service.name)}
  </span>
);
