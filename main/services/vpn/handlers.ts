import { ContractError } from '../../../common/contract/errors';
import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import { DriverError } from './drivers/driver';
import { ManagementError } from './drivers/openvpn-management-connection';
import type { VpnMonitor } from './vpn-monitor';

/** A driver's refusal or failure as the one line the pane shows. */
const asContractError = (error: unknown): never => {
  if (error instanceof DriverError || error instanceof ManagementError) throw new ContractError('failed', error.message);
  throw error;
};

export const vpnRequestHandlers = (monitor: VpnMonitor): Pick<RequestHandlers, RequestKeysOf<'vpn'>> => ({
  'vpn.status': ({ refresh }) => (refresh ? monitor.refresh() : monitor.state()),
  'vpn.connect': () => monitor.connect().catch(asContractError),
  'vpn.disconnect': () => monitor.disconnect().catch(asContractError),
});
