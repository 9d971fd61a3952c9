import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../services/storage/atomic-file';
import { processOutput, type CliOutput } from './command-group';
import { renderPolicyTemplates } from './policy-templates';
import { oneLineMessageOf } from '../../common/error-message';

/** Exit codes: 0 written, 1 a file could not be written, 2 wrong usage. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const policyUsage = `Usage: scrivania policy templates --out DIR

  Writes the admin templates for the OS policy, generated from its schema:
    DIR/windows/scrivania.admx, DIR/windows/en-US/scrivania.adml, DIR/windows/it-IT/scrivania.adml
    DIR/macos/it.scrivania.app.mobileconfig (an example), DIR/linux/policy.json (an example)

Exit status: 0 written, 1 a file could not be written, 2 wrong usage.
`;

export type PolicyCliIo = CliOutput;

/** `scrivania policy templates --out DIR`. */
export const runPolicyCommand = async (args: string[], io: PolicyCliIo = processOutput): Promise<number> => {
  const [command, ...rest] = args;
  if (command === 'help' || command === '--help') {
    io.out(policyUsage);
    return EXIT.ok;
  }
  if (command !== 'templates') {
    io.err(`scrivania policy: ${command === undefined ? 'missing command' : `unknown command "${command}"`}\n${policyUsage}`);
    return EXIT.usage;
  }
  let out: string | undefined;
  try {
    out = parseArgs({ args: rest, options: { out: { type: 'string' } }, strict: true }).values.out;
  } catch (error) {
    io.err(`scrivania policy templates: ${oneLineMessageOf(error)}\n${policyUsage}`);
    return EXIT.usage;
  }
  if (!out) {
    io.err(`scrivania policy templates: --out DIR is required\n${policyUsage}`);
    return EXIT.usage;
  }
  for (const [path, content] of Object.entries(renderPolicyTemplates())) {
    const file = join(out, path);
    try {
      // Templates are meant to be copied to servers and shared: readable by everyone, unlike the app's own files.
      await writeFileAtomic(file, content, 0o644);
    } catch (error) {
      io.err(`scrivania policy templates: cannot write ${file}: ${oneLineMessageOf(error)}\n`);
      return EXIT.failed;
    }
    io.out(`wrote ${file}\n`);
  }
  return EXIT.ok;
};
