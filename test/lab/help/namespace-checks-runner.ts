// The self-test's VPN and intranet DNS checks as a child process started inside the VPN lab's client namespace
// (`ip netns exec`): their probes must see the namespace's interfaces, routes and resolver, and a process's network
// namespace is fixed when it starts. The vpn section arrives as JSON in argv; the report leaves as JSON on stdout.
import type { CheckContext } from '../../../main/services/help/self-test/check';
import { intranetDnsCheck } from '../../../main/services/help/self-test/checks/intranet-dns-check';
import { vpnCheck } from '../../../main/services/help/self-test/checks/vpn-check';
import { runChecks } from '../../../main/services/help/self-test/run-checks';
import { createLogger } from '../../../main/services/logging/logger';
import { BUILT_IN_DEFAULTS } from '../../../main/services/profiles/effective-config';

const NO_KEYCHAIN = 'no keychain inside the lab namespace';
// Neither check asks the keychain: the VPN check probes without the VPN client's management interface.
const credentials: CheckContext['credentials'] = {
  status: async () => ({ available: false, reason: NO_KEYCHAIN }),
  has: async () => false,
  secretFor: async () => ({ secret: null, reason: NO_KEYCHAIN }),
};

const vpn = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const effective = { config: { ...BUILT_IN_DEFAULTS, vpn }, locks: {}, userFields: [], missingUserFields: [], problems: [] };
const report = await runChecks(
  [vpnCheck, intranetDnsCheck()],
  {
    effective,
    profile: null,
    profilesState: { current: null, effective, lastCheck: null, problems: [], offered: null },
    credentials,
    dataDir: process.cwd(),
    log: createLogger(() => undefined),
    now: () => new Date(),
  },
  { now: () => new Date(), overallTimeoutMs: 30_000 },
);
process.stdout.write(`${JSON.stringify(report)}\n`);
