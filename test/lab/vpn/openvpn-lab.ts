import type { VpnConfigInput } from '../../../common/vpn/vpn-config';
import { LabNetwork } from './lab-network';
import { INTRANET_NAME, OFFICE_PC_PORT, startIntranetDns, startOfficePc, startOpenVpnClient, startOpenVpnServer } from './peers';
import { createPki, type LabPki } from './pki';
import type { LabProcess } from './processes';

export const MANAGEMENT_PORT = 7505;

/** An OpenVPN tunnel between the lab's namespaces, with the intranet (office PC + DNS) behind the server. */
export interface OpenVpnLab {
  network: LabNetwork;
  pki: LabPki;
  server: LabProcess;
  client: LabProcess;
  dns: LabProcess;
  officePc: LabProcess;
}

export const startOpenVpnLab = async (options: { hold: boolean }): Promise<OpenVpnLab> => {
  const network = await LabNetwork.create();
  try {
    const pki = await createPki(network.dir);
    const [server, dns, officePc] = await Promise.all([
      startOpenVpnServer(network, pki),
      startIntranetDns(network),
      startOfficePc(network),
    ]);
    const client = await startOpenVpnClient(network, pki, { managementPort: MANAGEMENT_PORT, hold: options.hold });
    return { network, pki, server, client, dns, officePc };
  } catch (error) {
    await network.dispose();
    throw error;
  }
};

/** The profile's vpn section for the lab: the intranet subnet through a tun interface, its DNS name, the office PC's port. */
export const labVpnConfig = (network: LabNetwork, overrides: Partial<VpnConfigInput> = {}): VpnConfigInput => ({
  tunnelInterfaces: ['tun*'],
  corporateSubnets: [network.addresses.corporateSubnet],
  intranetName: INTRANET_NAME,
  tcpTargets: [{ name: 'Office PC', host: network.addresses.officePc, port: OFFICE_PC_PORT }],
  ...overrides,
});

export const openVpnDriver = { kind: 'openvpn', managementHost: '127.0.0.1', managementPort: MANAGEMENT_PORT } as const;
