import { parseArgs } from 'node:util';
import packageJson from '../../package.json';
import { runDiagCommand } from './diag-command';
import { runDoctorCommand } from './doctor-command';
import { runMeetingsCommand } from './meetings-command';
import { runPolicyCommand } from './policy-command';
import { runProfileCommand } from './profile-command';
import { runRdpCommand } from './rdp-command';
import { runUpdatesCommand } from './updates-command';
import { runVpnCommand } from './vpn-command';
import { runWebCommand } from './web-command';
import { EXIT, processOutput, runCommandGroup, type CliOutput, type CommandGroup } from './command-group';
import { UsageError } from './usage';

const usage = `Usage: scrivania <command> [options]

Commands:
  web [--port N] [--open] [--data-dir DIR] [--trust PUBLIC_KEY.pem]...
                            run Scrivania in a browser window, served on 127.0.0.1 only
  profile <command>         help-desk tools for signed configuration profiles:
                            keygen, sign, verify, lint, show (see \`scrivania profile help\`)
  meetings <command>        list a calendar's meetings (list --ics FILE_OR_URL), find the meeting
                            link in an invitation on stdin (link) (see \`scrivania meetings help\`)
  vpn status [--config VPN.json] [--json] [--watch]
                            probe whether the VPN reaches the office (exit 0 connected, 1 not)
  rdp check (--profile SIGNED.json [--user KEY=VALUE]... | --host H [--port N]) [--json]
                            check the office PC: reachability, NLA/TLS/RDP security, certificate
  policy templates --out DIR
                            write the admin templates (ADMX/ADML, .mobileconfig, policy.json)
  updates check (--url URL | --profile SIGNED.json) [--channel beta] [--download DIR] [--json]
                            check the update server as the app would (see \`scrivania updates help\`)
  diag bundle --out FILE.zip [--data-dir DIR]
                            write the diagnostics bundle for the help desk, without a running app
  doctor [--profile SIGNED.json [--user KEY=VALUE]...] [--data-dir DIR] [--json] [--lang it|en]
                            check my setup: profile, keychain, VPN, office PC, phone, calendars, updates
  version                   print the version
  help                      print this help
`;

const parsePort = (text: string | undefined): number => {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
};

const webCommand = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      trust: { type: 'string', multiple: true, default: [] },
    },
  });
  await runWebCommand({
    port: parsePort(values.port),
    open: values.open,
    trust: values.trust,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  return EXIT.ok;
};

const versionCommand = (): Promise<number> => {
  process.stdout.write(`${packageJson.version}\n`);
  return Promise.resolve(EXIT.ok);
};

/** Each command runs with its own process output, not the top level's: meetings reads stdin, vpn waits for Ctrl-C. */
const commands: CommandGroup<CliOutput> = {
  usage,
  subcommands: {
    web: webCommand,
    profile: (args) => runProfileCommand(args),
    meetings: (args) => runMeetingsCommand(args),
    rdp: (args) => runRdpCommand(args),
    vpn: (args) => runVpnCommand(args),
    policy: (args) => runPolicyCommand(args),
    updates: (args) => runUpdatesCommand(args),
    diag: (args) => runDiagCommand(args),
    doctor: (args) => runDoctorCommand(args),
    version: versionCommand,
    '--version': versionCommand,
  },
};

export const main = (argv: string[]): Promise<number> => runCommandGroup(commands, argv, processOutput);
