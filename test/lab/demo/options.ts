import { parseArgs } from 'node:util';

export interface DemoOptions {
  /** Open Scrivania once everything is ready: the Electron app where its binary is installed, else a Chromium app window. */
  open: boolean;
  /** How often the outside caller rings the answer group, which the PBX diverts to the employee. */
  callEverySeconds: number;
  firstCallAfterSeconds: number;
  /** Where to write the machine-readable status (what started, its processes, namespaces and folders). */
  jsonStatus?: string;
  /** Start the VPN tunnel when root allows; without it the VPN card probes loopback only. */
  tunnel: boolean;
}

export const DEMO_USAGE = `npm run demo -- [--no-open] [--call-every SECONDS] [--first-call-after SECONDS] [--json-status FILE] [--no-tunnel]

Starts the whole test lab on this machine (office PC over RDP, phone system, VPN tunnel, calendar, update server),
signs a demo profile for it and opens Scrivania already configured: the Electron app where its binary is installed,
otherwise a Chromium app window. Ctrl+C stops everything it started.`;

const seconds = (flag: string, text: string | undefined, fallback: number, min: number, max: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new Error(`--${flag}: expected a whole number of seconds from ${min} to ${max}, got "${text}"`);
  return value;
};

/** The demo's flags, or 'help'; bad input throws an Error with one line naming what was wrong. */
export const parseDemoOptions = (argv: readonly string[]): DemoOptions | 'help' => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'no-open': { type: 'boolean', default: false },
        'no-tunnel': { type: 'boolean', default: false },
        'call-every': { type: 'string' },
        'first-call-after': { type: 'string' },
        'json-status': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]} (see npm run demo -- --help)`, { cause: error });
  }
  if (values.help) return 'help';
  if (values['json-status'] === '') throw new Error('--json-status: expected a file name');
  return {
    open: !values['no-open'],
    tunnel: !values['no-tunnel'],
    callEverySeconds: seconds('call-every', values['call-every'], 180, 10, 3_600),
    firstCallAfterSeconds: seconds('first-call-after', values['first-call-after'], 20, 1, 3_600),
    ...(values['json-status'] ? { jsonStatus: values['json-status'] } : {}),
  };
};
