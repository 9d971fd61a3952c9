/**
 * One of the demo office's peers taken down and brought back, for the working-day benchmark: `down` ends it (as a
 * crash or an outage would), `up` starts it again on the same address, so the app's configuration stays valid.
 */
export interface PeerRestart {
  name: 'keychain' | 'officePc' | 'kamailio' | 'rtpengine' | 'openvpn' | 'route' | 'calendar' | 'updates';
  /** What goes down, for the report: "the OpenVPN server". */
  what: string;
  down(): Promise<void>;
  up(): Promise<void>;
}
