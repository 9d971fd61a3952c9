import { z } from 'zod';
import { OpenChoice } from '../../../common/meetings/meetings-config';
import { readStoredJson, removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file';

/** The employee's own meeting choices: when reminders come and where each service's meetings open. */
export const MeetingsChoices = z.object({
  notifyMinutesBefore: z.number().int().min(0).max(120).optional(),
  openIn: z.record(z.string().max(100), OpenChoice),
});
export type MeetingsChoices = z.infer<typeof MeetingsChoices>;

export interface MeetingsChoicesPort {
  /** The stored choices, or none with one line saying why the file was ignored. */
  load(): Promise<{ choices?: MeetingsChoices; problem?: string }>;
  save(choices: MeetingsChoices): Promise<void>;
}

/** One JSON file in the data folder, written atomically, one write after the other. */
export class MeetingsChoicesStore implements MeetingsChoicesPort {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  async load(): Promise<{ choices?: MeetingsChoices; problem?: string }> {
    await removeStaleTempFiles(this.file);
    const stored = await readStoredJson(this.file);
    if (stored.status === 'absent') return {};
    if (stored.status === 'corrupt') return { problem: stored.reason };
    const parsed = MeetingsChoices.safeParse(stored.value);
    return parsed.success
      ? { choices: parsed.data }
      : { problem: 'the meeting choices file did not match what this version expects and was ignored' };
  }

  save(choices: MeetingsChoices): Promise<void> {
    const next = this.queue.then(() => writeFileAtomic(this.file, `${JSON.stringify(choices, null, 2)}\n`));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
