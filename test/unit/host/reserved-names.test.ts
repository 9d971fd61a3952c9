import { describe, expect, it } from 'vitest';
import { isReservedName } from '../../../main/services/net/reserved-names';
import { probeDns } from '../../../main/services/vpn/probes/dns-probe';
import { probeTcp } from '../../../main/services/vpn/probes/tcp-probe';

describe('reserved example names', () => {
  it('are recognised without asking any DNS server', () => {
    for (const host of ['pc-mrossi.comune.prato.example', 'example', 'pbx.example.com', 'x.invalid', 'intranet.example.org.'])
      expect(isReservedName(host)).toBe(true);
    for (const host of ['127.0.0.1', 'localhost', 'comune.prato.it', 'example.it', 'intranet.scv.test'])
      expect(isReservedName(host)).toBe(false);
  });

  it('fail the VPN probes at once, without calling the resolver or connecting', async () => {
    const never = () => Promise.reject(new Error('must not be called'));
    expect(await probeDns('intranet.comune.example', never, { timeoutMs: 1000 })).toMatchObject({ ok: false, ms: 0 });
    expect(await probeTcp({ name: 'PC', host: 'pc.comune.example', port: 3389 }, never, 1000)).toMatchObject({ ok: false, ms: 0 });
  });
});
