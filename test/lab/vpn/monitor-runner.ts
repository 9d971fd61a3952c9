// The VpnMonitor as a child process, started inside the lab's client namespace (`ip netns exec`): its probes
// (interfaces, `ip route get`, DNS, TCP, the OpenVPN management socket) must see the namespace's network, and a
// process's network namespace is fixed when it starts. Commands arrive as JSON lines on stdin; states, notices,
// replies and log records leave as JSON lines on stdout.
import { createInterface } from 'node:readline';
import { parseVpnConfig } from '../../../common/vpn/vpn-config';
import { createLogger } from '../../../main/services/logging/logger';
import { VpnMonitor } from '../../../main/services/vpn/vpn-monitor';

const write = (message: unknown): void => void process.stdout.write(`${JSON.stringify(message)}\n`);

/** What the keychain would hold as the VPN secret; set by the `password` command. */
let managementPassword: string | undefined;
const monitor = new VpnMonitor({
  log: createLogger((record) => write({ type: 'log', record }), 'lab'),
  managementPassword: async () => managementPassword,
});
monitor.on('state', (state) => write({ type: 'state', at: Date.now(), state }));
monitor.on('notify', (notice) => write({ type: 'notify', at: Date.now(), notice }));

type Command = { id: number; cmd: string; config?: unknown; value?: string };

const commands: Record<string, (command: Command) => unknown> = {
  configure: ({ config }) => {
    const parsed = parseVpnConfig(config);
    if (!parsed.ok) throw new Error(parsed.reason);
    monitor.configure(parsed.config);
    return null;
  },
  password: ({ value }) => {
    managementPassword = value;
    return null;
  },
  connect: () => monitor.connect(),
  disconnect: () => monitor.disconnect(),
  refresh: () => monitor.refresh(),
  stats: () => monitor.stats(),
  resources: () => process.getActiveResourcesInfo(),
  exit: () => {
    monitor.dispose();
    setImmediate(() => process.exit(0));
    return null;
  },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as Command;
  const handler = commands[command.cmd];
  Promise.resolve()
    .then(() => {
      if (!handler) throw new Error(`unknown command ${command.cmd}`);
      return handler(command);
    })
    .then(
      (value) => write({ type: 'reply', id: command.id, ok: true, value }),
      (error: unknown) =>
        write({ type: 'reply', id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});
write({ type: 'ready', pid: process.pid });
