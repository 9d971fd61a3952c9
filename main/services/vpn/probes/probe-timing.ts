import { messageOf } from '../../../../common/error-message';

/** Milliseconds since `start` (a performance.now() reading), rounded to a tenth. */
export const elapsedSince = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

export const errorCode = (error: unknown): string => {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return messageOf(error);
};
