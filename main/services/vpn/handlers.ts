import type { ProblemCode } from '../../../common/contract/problems';
import type { RequestKeysOf } from '../capability';
import { Refusal } from '../refusal';
import type { RequestHandlers } from '../handlers';
import { DriverError } from './drivers/driver';
import { ManagementError } from './drivers/openvpn-management-connection';
import type { VpnMonitor } from './vpn-monitor';

const managementProblems: Record<ManagementError['kind'], ProblemCode> = {
  unreachable: 'vpn.management-unreachable',
  timeout: 'vpn.management-unreachable',
  closed: 'vpn.management-unreachable',
  password: 'vpn.management-password',
  refused: 'vpn.management-refused',
};

/** A driver's refusal or failure as the problem the pane says, with the driver's own line for Details. */
const refused =
  (action: 'connect' | 'disconnect') =>
  (error: unknown): never => {
    if (error instanceof DriverError)
      throw Refusal.because(error.problem?.code ?? `vpn.${action}-failed`, error.message, 'failed', error.problem?.params);
    if (error instanceof ManagementError) throw Refusal.because(managementProblems[error.kind], error.message);
    throw error;
  };

export const vpnRequestHandlers = (monitor: VpnMonitor): Pick<RequestHandlers, RequestKeysOf<'vpn'>> => ({
  'vpn.status': ({ refresh }) => (refresh ? monitor.refresh() : monitor.state()),
  'vpn.connect': () => monitor.connect().catch(refused('connect')),
  'vpn.disconnect': () => monitor.disconnect().catch(refused('disconnect')),
});
