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
import { isParseArgsError, UsageError } from './usage';

/** Exit codes of every command: 0 success, 1 the thing checked is invalid or failed, 2 wrong usage. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

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

export const main = async (argv: string[]): Promise<number> => {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'web': {
        const { values } = parseArgs({
          args: rest,
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
      }
      case 'profile':
        return await runProfileCommand(rest);
      case 'meetings':
        return await runMeetingsCommand(rest);
      case 'rdp':
        return await runRdpCommand(rest);
      case 'vpn':
        return await runVpnCommand(rest);
      case 'policy':
        return await runPolicyCommand(rest);
      case 'updates':
        return await runUpdatesCommand(rest);
      case 'diag':
        return await runDiagCommand(rest);
      case 'doctor':
        return await runDoctorCommand(rest);
      case 'version':
      case '--version':
        process.stdout.write(`${packageJson.version}\n`);
        return EXIT.ok;
      case 'help':
      case '--help':
      case undefined:
        process.stdout.write(usage);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`scrivania: ${error.message}\n${usage}`);
      return EXIT.usage;
    }
    throw error;
  }
};
