import { z } from 'zod';
import { keyDescription } from '../profiles/key-description';

/**
 * The profile's `officePc` section: which computer at the office the employee reaches over RDP, and how its screen
 * is shown. Values may hold `${user.x}` references, filled in from what the employee typed before the service reads
 * them, so the patterns below accept a reference wherever a name part may stand.
 */

export const DEFAULT_RDP_PORT = 3389;

const USER_REFERENCE_TEXT = /\$\{user\.[A-Za-z][A-Za-z0-9_]*\}/g;
const withoutReferences = (text: string): string => text.replace(USER_REFERENCE_TEXT, 'x');

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

export const isHostText = (text: string): boolean => {
  const plain = withoutReferences(text);
  if (IPV4.test(plain) || HOST_NAME.test(plain)) return true;
  return plain.includes(':') && IPV6.test(plain);
};

/** 64 hex digits, with or without colons between the pairs, as certificate viewers print them. */
export const SHA256_FINGERPRINT = /^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/;

/** `ab:cd:…` and `ABCD…` both become `abcd…`. */
export const normalizeFingerprint = (text: string): string => text.replace(/:/g, '').toLowerCase();

/** `AB:CD:EF:…`, the way Windows and browsers show a fingerprint. */
export const formatFingerprint = (hex: string): string =>
  normalizeFingerprint(hex)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

export const DisplayMode = z.enum(['fit', 'resize', 'actual']);
export type DisplayMode = z.infer<typeof DisplayMode>;

export const OfficePcSection = z.looseObject({
  name: z
    .string()
    .min(1, 'expected a non-empty name')
    .max(100, 'expected at most 100 characters')
    .optional()
    .meta(
      keyDescription({
        en: 'What the employee sees the office PC called, e.g. PC ufficio anagrafe. Default: its host name.',
        it: "Nome con cui il dipendente vede il PC dell'ufficio, per esempio PC ufficio anagrafe. Predefinito: il nome host.",
      }),
    ),
  host: z
    .string()
    .max(253, 'expected at most 253 characters')
    .refine(isHostText, 'expected a host name or IP address such as pc-mrossi.comune.example or 10.0.4.21')
    .optional()
    .meta(
      keyDescription({
        en: 'Host name or IP address of the office PC Scrivania opens over RDP, e.g. pc-mrossi.comune.example.it, or pc-${user.badge}.comune.example.it with a value each employee types once. Required for the office PC.',
        it: "Nome host o indirizzo IP del PC dell'ufficio che Scrivania apre in RDP, per esempio pc-mrossi.comune.example.it, oppure pc-${user.badge}.comune.example.it con un valore che ogni dipendente inserisce una volta. Necessario per il PC dell'ufficio.",
      }),
    ),
  port: z
    .number()
    .int('expected a whole number')
    .min(1, 'expected a port from 1 to 65535')
    .max(65535, 'expected a port from 1 to 65535')
    .optional()
    .meta(
      keyDescription({
        en: "The office PC's RDP port, 1 to 65535. Default 3389.",
        it: "Porta RDP del PC dell'ufficio, da 1 a 65535. Predefinito 3389.",
      }),
    ),
  domain: z
    .string()
    .min(1, 'expected a non-empty domain')
    .max(100, 'expected at most 100 characters')
    .optional()
    .meta(
      keyDescription({
        en: 'The Windows domain of the office account, e.g. COMUNE. Default none: the account is local to the office PC.',
        it: "Dominio Windows dell'account d'ufficio, per esempio COMUNE. Predefinito: nessuno, l'account è locale al PC dell'ufficio.",
      }),
    ),
  username: z
    .string()
    .min(1, 'expected a non-empty user name')
    .max(256, 'expected at most 256 characters')
    .optional()
    .meta(
      keyDescription({
        en: 'The office account the employee signs in with, e.g. mrossi or ${user.username}. Its password is kept in the system keychain, never in a policy or profile.',
        it: "Account d'ufficio con cui il dipendente accede, per esempio mrossi oppure ${user.username}. La password è conservata nel portachiavi di sistema, mai in un criterio o in un profilo.",
      }),
    ),
  certificateSha256: z
    .string()
    .regex(SHA256_FINGERPRINT, 'expected a SHA-256 fingerprint of 64 hex digits, optionally with colons')
    .optional()
    .meta(
      keyDescription({
        en: "SHA-256 fingerprint of the office PC's RDP certificate, 64 hex digits with or without colons: only that certificate is accepted, with no question to the employee. Default: the employee confirms an unknown certificate once.",
        it: "Impronta SHA-256 del certificato RDP del PC dell'ufficio, 64 cifre esadecimali con o senza i due punti: viene accettato solo quel certificato, senza chiedere nulla al dipendente. Predefinito: il dipendente conferma una volta un certificato sconosciuto.",
      }),
    ),
  display: DisplayMode.optional().meta(
    keyDescription({
      en: "How the office PC's screen is shown: resize asks the office PC to match the window and scales it where the office PC cannot, fit only scales it to the window, actual shows one pixel per pixel. Default resize.",
      it: "Come viene mostrato lo schermo del PC dell'ufficio: resize chiede al PC dell'ufficio di adeguarsi alla finestra e lo ridimensiona dove il PC non può farlo, fit lo adatta soltanto alla finestra, actual mostra un pixel per pixel. Predefinito resize.",
    }),
  ),
});
export type OfficePcSection = z.infer<typeof OfficePcSection>;

/** The section as the service uses it: defaults filled in, fingerprint normalised. */
export interface OfficePcConfig {
  name: string;
  host: string;
  port: number;
  domain?: string;
  username?: string;
  certificateSha256?: string;
  display: DisplayMode;
}

export type OfficePcConfigResult =
  { ok: true; config: OfficePcConfig } | { ok: false; reason: 'absent' | 'needs-details' | 'invalid'; detail?: string };

/** What the service can connect to, or why not: no host, a `${user.x}` still unfilled, or a value out of shape. */
export const readOfficePcConfig = (section: unknown): OfficePcConfigResult => {
  if (typeof section !== 'object' || section === null || Object.keys(section).length === 0) return { ok: false, reason: 'absent' };
  const parsed = OfficePcSection.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: 'invalid', detail: issue ? `officePc.${issue.path.join('.')}: ${issue.message}` : 'officePc: invalid' };
  }
  const { host, name, port, domain, username, certificateSha256, display } = parsed.data;
  if (host === undefined) return { ok: false, reason: 'absent' };
  const unfilled = [host, domain, username].some((value) => value !== undefined && withoutReferences(value) !== value);
  if (unfilled) return { ok: false, reason: 'needs-details', detail: name ?? host };
  return {
    ok: true,
    config: {
      name: name ?? host,
      host,
      port: port ?? DEFAULT_RDP_PORT,
      ...(domain ? { domain } : {}),
      ...(username ? { username } : {}),
      ...(certificateSha256 ? { certificateSha256: normalizeFingerprint(certificateSha256) } : {}),
      display: display ?? 'resize',
    },
  };
};

/** `host:port`, with brackets around an IPv6 address: the destination IronRDP names in its RDCleanPath request. */
export const destinationOf = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;
