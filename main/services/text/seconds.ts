/** Seconds for a message: 1.5, not 1500; 14.5, not a rounded 15 that the wait never reached. */
export const seconds = (ms: number): number => Math.round(ms / 100) / 10;

export const secondsText = (ms: number): string => `${seconds(ms)} s`;
