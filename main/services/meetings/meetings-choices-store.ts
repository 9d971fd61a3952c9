import { z } from 'zod';
import { OpenChoice } from '../../../common/meetings/meetings-config';
import { StoredJsonFile } from '../storage/atomic-file';

/** The employee's own meeting choices: when reminders come and where each service's meetings open. */
export const MeetingsChoices = z.object({
  notifyMinutesBefore: z.number().int().min(0).max(120).optional(),
  openIn: z.record(z.string().max(100), OpenChoice),
});
export type MeetingsChoices = z.infer<typeof MeetingsChoices>;

export type MeetingsChoicesPort = Pick<StoredJsonFile<MeetingsChoices>, 'load' | 'save'>;

/** The choices' file in the data folder. */
export class MeetingsChoicesStore extends StoredJsonFile<MeetingsChoices> {
  constructor(file: string) {
    super(file, MeetingsChoices);
  }
}
