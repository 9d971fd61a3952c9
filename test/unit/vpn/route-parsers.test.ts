import { describe, expect, it } from 'vitest';
import {
  hostInSubnet,
  longestPrefixMatch,
  parseIpRouteGet,
  parseNetstatRoutes,
  parseRoutePrint,
} from '../../../main/services/vpn/probes/route-parsers';

// `ip -j route get` captured in the lab: through OpenVPN's tun0 (with a gateway) and through WireGuard (without).
const throughOpenVpn = '[{"dst":"10.197.9.1","gateway":"10.198.9.1","dev":"tun0","prefsrc":"10.198.9.2","flags":[],"uid":0,"cache":[]}]\n';
const throughWireGuard = '[{"dst":"10.197.9.1","dev":"wgc0","prefsrc":"10.196.9.2","flags":[],"uid":0,"cache":[]}]\n';

// macOS `netstat -rn -f inet` with a Cisco/OpenVPN utun carrying 10.20.0.0/16.
const netstat = `Routing tables

Internet:
Destination        Gateway            Flags               Netif Expire
default            192.168.1.1        UGScg                 en0
10.8.0.1           10.8.0.5           UH                  utun4
10.20/16           10.8.0.5           UGSc                utun4
127                127.0.0.1          UCS                   lo0
127.0.0.1          127.0.0.1          UH                    lo0
169.254            link#6             UCS                   en0      !
192.168.1          link#6             UCS                   en0      !
192.168.1.1/32     link#6             UCS                   en0      !
192.168.1.1        a4:91:b1:2c:33:10  UHLWIir               en0   1187
192.168.1.23/32    link#6             UCS                   en0      !
224.0.0/4          link#6             UmCS                  en0      !
255.255.255.255/32 link#6             UCS                   en0      !
`;

// Windows `route print -4` with the OpenVPN TAP adapter at 10.8.0.6, in English and in Italian.
const routePrintEnglish = `===========================================================================
Interface List
 12...00 ff 3a 5c 1b 2e ......TAP-Windows Adapter V9
  7...8c 16 45 a1 b2 c3 ......Intel(R) Ethernet Connection (7) I219-V
  1...........................Software Loopback Interface 1
===========================================================================

IPv4 Route Table
===========================================================================
Active Routes:
Network Destination        Netmask          Gateway       Interface  Metric
          0.0.0.0          0.0.0.0      192.168.1.1     192.168.1.23     25
         10.8.0.0    255.255.255.0         On-link          10.8.0.6    281
         10.8.0.6  255.255.255.255         On-link          10.8.0.6    281
       10.8.0.255  255.255.255.255         On-link          10.8.0.6    281
        10.20.0.0      255.255.0.0         10.8.0.5         10.8.0.6    281
        127.0.0.0        255.0.0.0         On-link         127.0.0.1    331
        127.0.0.1  255.255.255.255         On-link         127.0.0.1    331
      192.168.1.0    255.255.255.0         On-link      192.168.1.23    281
     192.168.1.23  255.255.255.255         On-link      192.168.1.23    281
        224.0.0.0        240.0.0.0         On-link         127.0.0.1    331
  255.255.255.255  255.255.255.255         On-link         127.0.0.1    331
===========================================================================
Persistent Routes:
  Network Address          Netmask  Gateway Address  Metric
        10.30.0.0      255.255.0.0         10.8.0.5       1
===========================================================================
`;
const routePrintItalian = `===========================================================================
IPv4 Tabella route
===========================================================================
Route attive:
     Indirizzo rete             Mask          Gateway     Interfaccia Metrica
          0.0.0.0          0.0.0.0      192.168.1.1     192.168.1.23     25
         10.8.0.0    255.255.255.0 Sul collegamento          10.8.0.6    281
        10.20.0.0      255.255.0.0         10.8.0.5         10.8.0.6    281
      192.168.1.0    255.255.255.0 Sul collegamento      192.168.1.23    281
===========================================================================
Route permanenti:
  Nessuna
`;

describe('route parsers', () => {
  it('reads ip -j route get, with and without a gateway', () => {
    expect(parseIpRouteGet(throughOpenVpn)).toEqual({ dev: 'tun0', gateway: '10.198.9.1', interfaceAddress: '10.198.9.2' });
    expect(parseIpRouteGet(throughWireGuard)).toEqual({ dev: 'wgc0', interfaceAddress: '10.196.9.2' });
    expect(parseIpRouteGet('')).toBeUndefined();
    expect(parseIpRouteGet('[]')).toBeUndefined();
  });

  it('reads macOS netstat -rn, abbreviated destinations included, and picks the most specific route', () => {
    const routes = parseNetstatRoutes(netstat);
    expect(longestPrefixMatch(routes, '10.20.0.1')).toEqual({ dev: 'utun4', gateway: '10.8.0.5' });
    expect(longestPrefixMatch(routes, '10.21.0.1')).toEqual({ dev: 'en0', gateway: '192.168.1.1' });
    expect(longestPrefixMatch(routes, '127.0.0.53')).toEqual({ dev: 'lo0', gateway: '127.0.0.1' });
    expect(longestPrefixMatch(routes, '192.168.1.77')).toEqual({ dev: 'en0' });
  });

  it('reads Windows route print in English and Italian, naming the interface by its address; persistent routes are not active', () => {
    for (const output of [routePrintEnglish, routePrintItalian]) {
      const routes = parseRoutePrint(output);
      expect(longestPrefixMatch(routes, '10.20.0.1')).toEqual({ interfaceAddress: '10.8.0.6', gateway: '10.8.0.5' });
      expect(longestPrefixMatch(routes, '10.30.0.1')).toEqual({ interfaceAddress: '192.168.1.23', gateway: '192.168.1.1' });
    }
    expect(longestPrefixMatch(parseRoutePrint(routePrintEnglish), '10.8.0.9')).toEqual({ interfaceAddress: '10.8.0.6' });
  });

  it('asks about the first host of a subnet', () => {
    expect(hostInSubnet('10.197.9.0/24')).toBe('10.197.9.1');
    expect(hostInSubnet('10.20.0.0/16')).toBe('10.20.0.1');
    expect(hostInSubnet('10.20.7.9/16')).toBe('10.20.0.1');
    expect(hostInSubnet('192.0.2.10/32')).toBe('192.0.2.10');
  });
});
