import type { CapabilityId } from '../../../common/contract';

/** One glyph per capability, drawn with the current text colour. */
export const capabilityGlyphs: Record<CapabilityId, string> = {
  vpn: 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Zm0 6a3 3 0 0 1 1 5.8V17h-2v-3.2A3 3 0 0 1 12 8Z',
  officePc: 'M3 4h18v12H3V4Zm2 2v8h14V6H5Zm3 12h8v2H8v-2Z',
  phone:
    'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2Z',
  meetings: 'M4 6h11v12H4V6Zm13 3 4-2.5v11L17 15V9Z',
};
