import type { TFunction } from 'i18next';

export const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

/** "since 02:04" today, else "since 4 December 2026 at 02:04": the date and the time each with its own preposition. */
export const connectedSince = (iso: string, t: TFunction, language: string, now = new Date()): string => {
  const since = new Date(iso);
  const time = since.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
  if (sameDay(since, now)) return t('vpn.details.sinceTime', { time });
  const date = since.toLocaleDateString(language, { day: 'numeric', month: 'long', year: 'numeric' });
  return t('vpn.details.sinceDate', { date, time });
};

/** The TCP probe's target, "Intranet server (10.1.2.3:3389)", as its name and its address. */
export const roundTripTarget = (label: string): { name: string; address?: string } => {
  const match = /^(.*) \(([^()]+)\)$/.exec(label);
  return match?.[1] && match[2] ? { name: match[1], address: match[2] } : { name: label };
};
