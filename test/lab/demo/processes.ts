import { readdirSync, readFileSync } from 'node:fs';
import type { DemoProcess } from './status';

interface ProcEntry extends DemoProcess {
  parent: number;
  /** R, S, D, Z…: Z is a zombie, already ended and waiting for its parent to read its exit. */
  state: string;
}

/** /proc/<pid>/stat: the command sits in parentheses (it may hold spaces); fields after it are space-separated. */
const readStat = (pid: number): ProcEntry | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After the command: state (0), parent (1), … start time (19), in clock ticks since boot.
    return { pid, state: fields[0] ?? '', parent: Number(fields[1]), startTime: Number(fields[19]), command };
  } catch {
    return undefined;
  }
};

/** Every process below `root` (children, their children…), as the kernel lists them now. */
export const descendantsOf = (root: number): DemoProcess[] => {
  const entries = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((entry): entry is ProcEntry => entry !== undefined);
  const below = new Set([root]);
  // Parents are not always listed before their children, so keep sweeping until nothing new joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of entries) {
      if (below.has(entry.parent) && !below.has(entry.pid)) {
        below.add(entry.pid);
        grew = true;
      }
    }
  }
  return entries
    .filter((entry) => entry.pid !== root && below.has(entry.pid))
    .map(({ pid, startTime, command }) => ({ pid, startTime, command }));
};

/** Whether that very process (same id, same start time) still exists; a zombie counts as gone. */
export const isRunning = (process: DemoProcess): boolean => {
  const now = readStat(process.pid);
  return now !== undefined && now.startTime === process.startTime && now.state !== 'Z';
};
