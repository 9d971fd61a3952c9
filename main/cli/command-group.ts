import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isParseArgsError, UsageError } from './usage';

/** Exit codes: 0 done, 1 what the command reads or checks failed, 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Where a command writes: what it prints, and its warnings and errors. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/** A command with subcommands, `scrivania vpn status`: how it answers help, wrong usage and failure. */
export interface CommandGroup<Io extends CliOutput> {
  /** Its name after `scrivania` (`vpn`), which its error lines start with; none for `scrivania` itself. */
  name?: string;
  usage: string;
  subcommands: Readonly<Record<string, (args: string[], io: Io) => Promise<number>>>;
  /** The error a subcommand throws when what it reads or checks fails: printed alone, without the usage, exit 1. */
  failure?: abstract new (...args: never[]) => Error;
}

/**
 * Runs the subcommand `argv` names. Help prints the usage (exit 0; exit 2 when no subcommand is given); wrong usage
 * prints the one line and the usage (exit 2); the group's failure prints its one line (exit 1).
 */
export const runCommandGroup = async <Io extends CliOutput>(group: CommandGroup<Io>, argv: readonly string[], io: Io): Promise<number> => {
  const [name, ...rest] = argv;
  const prefix = group.name === undefined ? 'scrivania' : `scrivania ${group.name}`;
  try {
    if (name === undefined || name === 'help' || name === '--help') {
      io.out(group.usage);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const subcommand = Object.hasOwn(group.subcommands, name) ? group.subcommands[name] : undefined;
    if (!subcommand)
      throw new UsageError(group.name === undefined ? `unknown command "${name}"` : `unknown ${group.name} command "${name}"`);
    return await subcommand(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`${prefix}: ${error.message}\n${group.usage}`);
      return EXIT.usage;
    }
    if (group.failure && error instanceof group.failure) {
      io.err(`${prefix}: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
};

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type ParsedOptions<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>
>['values'];

/** parseArgs for a subcommand that takes options only: a stray argument is wrong usage, named in the error. */
export const parseOptions = <O extends OptionsConfig>(args: string[], options: O): ParsedOptions<O> => {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return values;
};
