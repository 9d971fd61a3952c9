import { z } from 'zod';
import { OfficePcSection } from '../office-pc/office-pc-config';
import { parsePointer } from './json-pointer';
import { keyDescription } from './key-description';
import { compilesAsRegExp } from '../regexp-pattern';
import { LOOPBACK_ONLY_HINT, travelsInClear } from '../net/clear-text';

/**
 * The configuration profile the help desk signs and pushes. Capability sections are loose objects: the services
 * that own them add their fields; a field this schema names is checked, anything else passes through.
 * The top level is strict, so a misspelt `enforced` is an error instead of silently locking nothing.
 */

const DATE_TIME_HINT = 'expected an ISO 8601 date-time such as 2026-01-31T18:00:00Z';

export const IsoDateTime = z.iso.datetime({ offset: true, error: DATE_TIME_HINT });
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
export const WebSocketUrl = z.url({ protocol: /^wss?$/, error: 'expected a ws:// or wss:// URL' });
export const CalendarUrl = z.url({ protocol: /^(https?|webcal)$/, error: 'expected an https://, http:// or webcal:// URL' });

export const JsonPointer = z.string().refine((text) => parsePointer(text).ok, {
  error: (issue) => {
    const parsed = typeof issue.input === 'string' ? parsePointer(issue.input) : undefined;
    return parsed && !parsed.ok ? `expected a JSON pointer: ${parsed.reason}` : 'expected a JSON pointer such as /phone/extension';
  },
});

const Text = (max: number) => z.string().min(1, 'expected a non-empty text').max(max, `expected at most ${max} characters`);

export const USER_FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** `${user.extension}`: a value the employee types once, substituted into every string of the configuration. */
export const USER_REFERENCE = /\$\{user\.([A-Za-z][A-Za-z0-9_]*)\}/g;

export const UserField = z.looseObject({
  key: z.string().regex(USER_FIELD_KEY, 'expected a key of letters, digits and _ starting with a letter'),
  label: z.looseObject({ en: Text(200), it: Text(200) }),
  /** A regular expression the whole value must match, as in HTML's pattern attribute. */
  pattern: z
    .string()
    .max(500)
    .refine((pattern) => compilesAsRegExp(pattern, 'u'), 'expected a valid regular expression')
    .optional(),
  /** What to type, in words, shown under the field: "the number on your desk phone". */
  hint: z.looseObject({ en: Text(200), it: Text(200) }).optional(),
});
export type UserField = z.infer<typeof UserField>;

export const HelpdeskSection = z.looseObject({
  phone: Text(50)
    .optional()
    .meta(
      keyDescription({
        en: "The help desk's phone number, shown in the Help pane with a button that calls it through Scrivania's softphone, e.g. +39 0574 000000.",
        it: "Numero di telefono dell'assistenza, mostrato nel riquadro Aiuto con un pulsante che lo chiama dal telefono di Scrivania, per esempio +39 0574 000000.",
      }),
    ),
  email: z
    .email({ error: 'expected an email address' })
    .optional()
    .meta(
      keyDescription({
        en: "The help desk's email address, shown in the Help pane as a link that starts a new message, e.g. helpdesk@comune.example.it.",
        it: "Indirizzo email dell'assistenza, mostrato nel riquadro Aiuto come collegamento per scrivere un nuovo messaggio, per esempio helpdesk@comune.example.it.",
      }),
    ),
  url: HttpUrl.optional().meta(
    keyDescription({
      en: "The help desk's web page (http:// or https://) the Help pane links to, e.g. the portal where tickets are opened.",
      it: "Pagina web dell'assistenza (http:// o https://) collegata dal riquadro Aiuto, per esempio il portale per aprire le richieste di assistenza.",
    }),
  ),
  hours: Text(200)
    .optional()
    .meta(
      keyDescription({
        en: 'When the help desk answers, as free text shown under its contacts in the Help pane, e.g. Mon–Fri 8:00–18:00.',
        it: "Orari in cui l'assistenza risponde, come testo libero mostrato sotto i contatti nel riquadro Aiuto, per esempio lun–ven 8:00–18:00.",
      }),
    ),
});

export const IceServer = z.looseObject({
  urls: z.union([
    z.string().regex(/^(stuns?|turns?):/, 'expected a stun:, stuns:, turn: or turns: URL'),
    z.array(z.string().regex(/^(stuns?|turns?):/, 'expected a stun:, stuns:, turn: or turns: URL')).min(1),
  ]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

const FeatureCode = z.string().regex(/^[0-9*#A-D]{1,32}$/, 'expected a feature code of digits, * and # such as *78');

/** A PBX feature code, described by what dialling it does, e.g. `turns do-not-disturb on`. */
const featureCode = (what: { en: string; it: string }, example: string) =>
  FeatureCode.optional().meta(
    keyDescription({
      en: `The PBX feature code Scrivania dials when the employee ${what.en}, e.g. ${example}. Without it that action is not available.`,
      it: `Codice di servizio del centralino che Scrivania compone quando il dipendente ${what.it}, per esempio ${example}. Se manca, la funzione non è disponibile.`,
    }),
  );

export const PhoneSection = z.looseObject({
  server: WebSocketUrl.optional().meta(
    keyDescription({
      en: "The PBX's SIP over WebSocket address (wss://, or ws:// on a trusted network) the softphone registers through, e.g. wss://pbx.comune.example.it:8089/ws. Required for the phone.",
      it: 'Indirizzo SIP su WebSocket del centralino (wss://, oppure ws:// su una rete fidata) tramite cui il telefono di Scrivania si registra, per esempio wss://pbx.comune.example.it:8089/ws. Necessario per il telefono.',
    }),
  ),
  domain: Text(253)
    .optional()
    .meta(
      keyDescription({
        en: 'The SIP domain the extension belongs to: the softphone registers as extension@domain, e.g. pbx.comune.example.it. Required for the phone.',
        it: "Dominio SIP a cui appartiene l'interno: il telefono si registra come interno@dominio, per esempio pbx.comune.example.it. Necessario per il telefono.",
      }),
    ),
  extension: Text(64)
    .optional()
    .meta(
      keyDescription({
        en: "The employee's desk extension, whose calls the PBX diverts to the softphone, e.g. 2041 or ${user.extension} for a value each employee types once. Its password stays in the system keychain. Required for the phone.",
        it: 'Interno telefonico della scrivania del dipendente, le cui chiamate il centralino devia al telefono di Scrivania, per esempio 2041 oppure ${user.extension} per un valore che ogni dipendente inserisce una volta. La password resta nel portachiavi di sistema. Necessario per il telefono.',
      }),
    ),
  displayName: Text(100)
    .optional()
    .meta(
      keyDescription({
        en: 'The name the people called see for this extension, e.g. Ufficio Anagrafe. Default: the PBX decides.',
        it: "Nome con cui l'interno appare alle persone chiamate, per esempio Ufficio Anagrafe. Predefinito: lo decide il centralino.",
      }),
    ),
  iceServers: z
    .array(IceServer)
    .optional()
    .meta(
      keyDescription({
        en: 'STUN and TURN servers the call audio (WebRTC) uses to cross NAT, each {"urls", "username", "credential"}, e.g. [{"urls":"stun:stun.comune.example.it:3478"}]. Default none: audio flows directly.',
        it: 'Server STUN e TURN usati dall\'audio delle chiamate (WebRTC) per attraversare il NAT, ciascuno {"urls", "username", "credential"}, per esempio [{"urls":"stun:stun.comune.example.it:3478"}]. Predefinito: nessuno, l\'audio passa direttamente.',
      }),
    ),
  featureCodes: z
    .looseObject({
      dndOn: featureCode({ en: 'turns do-not-disturb on', it: 'attiva il non disturbare' }, '*78'),
      dndOff: featureCode({ en: 'turns do-not-disturb off', it: 'disattiva il non disturbare' }, '*79'),
      forwardOn: featureCode(
        {
          en: 'forwards all calls (the number to forward to is dialled after it)',
          it: 'inoltra tutte le chiamate (il numero di destinazione viene composto di seguito)',
        },
        '*72',
      ),
      forwardOff: featureCode({ en: 'ends call forwarding', it: "termina l'inoltro delle chiamate" }, '*73'),
      groupLogin: featureCode(
        {
          en: "joins an answer group (the group's number is dialled after it)",
          it: 'entra in un gruppo di risposta (il numero del gruppo viene composto di seguito)',
        },
        '*45',
      ),
      groupLogout: featureCode(
        {
          en: "leaves an answer group (the group's number is dialled after it)",
          it: 'esce da un gruppo di risposta (il numero del gruppo viene composto di seguito)',
        },
        '*46',
      ),
    })
    .optional(),
  answerGroups: z
    .array(z.looseObject({ name: Text(100), number: Text(64) }))
    .optional()
    .meta(
      keyDescription({
        en: 'The answer groups the employee belongs to, each {"name", "number"}, e.g. [{"name":"Polizia Municipale","number":"600"}]: a call diverted from that number shows the group\'s name, and the employee can join or leave the group. Default none.',
        it: 'Gruppi di risposta di cui il dipendente fa parte, ciascuno {"name", "number"}, per esempio [{"name":"Polizia Municipale","number":"600"}]: una chiamata deviata da quel numero mostra il nome del gruppo e il dipendente può entrare nel gruppo o uscirne. Predefinito: nessuno.',
      }),
    ),
});

export const CalendarEntry = z.looseObject({ id: Text(100), name: Text(200), url: CalendarUrl });
export const LinkEntry = z.looseObject({ title: Text(200), url: HttpUrl });

export const UpdateChannel = z.enum(['stable', 'beta'], { error: 'expected stable or beta' });
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/**
 * Over plain http whoever sits on the path could serve both a newer latest.yml and the installer its hash names, so
 * only https is accepted, except on this machine's own loopback (a local mirror, the lab).
 */
const UpdateServerUrl = HttpUrl.refine((text) => !travelsInClear(text), `expected an https:// URL (${LOOPBACK_ONLY_HINT})`);

/** Where and how Scrivania updates itself; the descriptions are what the admin templates show for each key. */
export const UpdatesSection = z.looseObject({
  enabled: z
    .boolean({ error: 'expected true or false' })
    .optional()
    .meta(
      keyDescription({
        en: 'Whether Scrivania checks for, downloads and installs updates itself; false when administrators push installers themselves. Default true.',
        it: 'Indica se Scrivania cerca, scarica e installa da sé gli aggiornamenti; false quando sono gli amministratori a distribuire i pacchetti di installazione. Predefinito true.',
      }),
    ),
  url: UpdateServerUrl.optional().meta(
    keyDescription({
      en: "The organisation's update server (https): the folder holding latest.yml, beta.yml and the installers, e.g. https://updates.example.org/scrivania/.",
      it: "Server degli aggiornamenti dell'ente (https): la cartella che contiene latest.yml, beta.yml e i pacchetti di installazione, per esempio https://updates.example.org/scrivania/.",
    }),
  ),
  channel: UpdateChannel.optional().meta(
    keyDescription({
      en: 'stable (latest.yml) or beta (beta.yml). Default stable.',
      it: 'stable (latest.yml) oppure beta (beta.yml). Predefinito stable.',
    }),
  ),
  checkEveryHours: z
    .number()
    .int('expected a whole number')
    .min(1, 'expected 1 to 168 hours')
    .max(168, 'expected 1 to 168 hours')
    .optional()
    .meta(
      keyDescription({
        en: 'Hours between two checks for an update. Default 6.',
        it: 'Ore tra due controlli successivi della presenza di aggiornamenti. Predefinito 6.',
      }),
    ),
});

/** The parts of a profile that make up the configuration the services read; the rest describes the profile. */
export const configSectionShape = {
  helpdesk: HelpdeskSection,
  vpn: z.looseObject({}),
  officePc: OfficePcSection,
  phone: PhoneSection,
  calendars: z.array(CalendarEntry).meta(
    keyDescription({
      en: 'The calendars whose meetings Scrivania shows and announces, each {"id", "name", "url"} with an https://, http:// or webcal:// ICS subscription address, e.g. [{"id":"team","name":"Ufficio","url":"webcal://calendar.comune.example.it/team.ics"}]. A password or token it needs is asked once and kept in the system keychain. Forcing it also stops the employee adding calendars. Default none.',
      it: 'Calendari di cui Scrivania mostra e annuncia le riunioni, ciascuno {"id", "name", "url"} con un indirizzo di sottoscrizione ICS https://, http:// o webcal://, per esempio [{"id":"team","name":"Ufficio","url":"webcal://calendar.comune.example.it/team.ics"}]. L\'eventuale password o token viene chiesto una volta e conservato nel portachiavi di sistema. Se imposto, il dipendente non può aggiungere altri calendari. Predefinito: nessuno.',
    }),
  ),
  meetings: z.looseObject({}),
  links: z.array(LinkEntry).meta(
    keyDescription({
      en: 'Quick links the Help pane lists, each {"title", "url"} with an http:// or https:// address, e.g. [{"title":"Intranet","url":"https://intranet.comune.example.it/"}]. Default none.',
      it: 'Collegamenti rapidi elencati nel riquadro Aiuto, ciascuno {"title", "url"} con un indirizzo http:// o https://, per esempio [{"title":"Intranet","url":"https://intranet.comune.example.it/"}]. Predefinito: nessuno.',
    }),
  ),
  updates: UpdatesSection,
};
export const configSectionNames = Object.keys(configSectionShape) as (keyof typeof configSectionShape)[];

/** The effective configuration: every section present, built-in defaults filling what nobody set. */
export const ConfigSections = z.strictObject(configSectionShape);
export type ConfigSections = z.infer<typeof ConfigSections>;

const optionalSections = {
  helpdesk: HelpdeskSection.optional(),
  vpn: configSectionShape.vpn.optional(),
  officePc: configSectionShape.officePc.optional(),
  phone: PhoneSection.optional(),
  calendars: configSectionShape.calendars.optional(),
  meetings: configSectionShape.meetings.optional(),
  links: configSectionShape.links.optional(),
  updates: configSectionShape.updates.optional(),
};

export const Profile = z
  .strictObject({
    schemaVersion: z.literal(1, { error: 'expected 1, the only schema version this app reads' }),
    id: Text(200),
    /** Grows with every release of the profile; a lower serial than the active one is a rollback. */
    serial: z.number().int('expected a whole number').positive('expected a positive whole number').max(Number.MAX_SAFE_INTEGER),
    issuedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    organization: z.looseObject({ name: Text(200) }),
    ...optionalSections,
    /** JSON pointers into the configuration the employee may not change. */
    enforced: z.array(JsonPointer).default([]),
    userFields: z
      .array(UserField)
      .default([])
      .refine((fields) => new Set(fields.map((field) => field.key)).size === fields.length, 'expected each userFields key only once'),
  })
  .refine((profile) => Date.parse(profile.expiresAt) > Date.parse(profile.issuedAt), {
    path: ['expiresAt'],
    error: 'expected a date-time after issuedAt',
  });
export type Profile = z.infer<typeof Profile>;

export const SIGNATURE_ALGORITHM = 'Ed25519';

export const ProfileSignature = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 lowercase hex characters'),
  alg: z.literal(SIGNATURE_ALGORITHM, { error: `expected "${SIGNATURE_ALGORITHM}"` }),
  value: z.base64({ error: 'expected a base64 signature' }),
});
export type ProfileSignature = z.infer<typeof ProfileSignature>;

/**
 * A signed file as it travels: the profile is kept as the raw JSON that was signed, because the signature covers
 * its canonical form, not what the schema makes of it.
 */
export const SignedProfileEnvelope = z.looseObject({
  profile: z.record(z.string(), z.unknown()),
  signature: ProfileSignature,
});
export interface SignedProfileEnvelope {
  profile: Record<string, unknown>;
  signature: ProfileSignature;
}

type Issue = z.core.$ZodIssue;

const formatPath = (root: string, path: readonly PropertyKey[]): string => {
  const text = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  if (root === '') return text.startsWith('.') ? text.slice(1) : text || '(root)';
  return `${root}${text}`;
};

/** zod's own wording without its "Invalid input:" style prefixes, starting in lower case. */
const plainMessage = (message: string): string => {
  const stripped = message.replace(/^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid value):\s*/i, '');
  if (/, received undefined$/.test(stripped)) return `required: ${stripped.replace(/, received undefined$/, '')}`;
  return stripped.charAt(0).toLowerCase() + stripped.slice(1);
};

const describeIssue = (issue: Issue): { path: readonly PropertyKey[]; what: string } => {
  if (issue.code === 'unrecognized_keys') {
    const [first] = issue.keys;
    return {
      path: first === undefined ? issue.path : [...issue.path, first],
      what: 'unknown key: not part of schema version 1 (check the spelling)',
    };
  }
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    // A record key (or map element) that failed its own schema: the reason is inside.
    const [inner] = issue.issues;
    if (inner) return { path: issue.path, what: plainMessage(inner.message) };
  }
  if (issue.code === 'invalid_union') {
    const expected = issue.errors
      .map((branch) => branch[0])
      .filter((inner): inner is Issue => inner?.code === 'invalid_type' && inner.path.length === 0);
    if (expected.length === issue.errors.length && expected.length > 0) {
      return {
        path: issue.path,
        what: `expected ${expected.map((inner) => (inner.code === 'invalid_type' ? inner.expected : '')).join(' or ')}`,
      };
    }
    const deeper = issue.errors.map((branch) => branch[0]).find((inner): inner is Issue => inner !== undefined && inner.path.length > 0);
    if (deeper) {
      const inner = describeIssue(deeper);
      return { path: [...issue.path, ...inner.path], what: inner.what };
    }
  }
  return { path: issue.path, what: plainMessage(issue.message) };
};

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Every issue of a failed parse, one line each: `profile.phone.server: expected a ws:// or wss:// URL`. */
export const formatSchemaIssues = (error: z.ZodError, root = ''): string[] =>
  error.issues.map((issue) => {
    const { path, what } = describeIssue(issue);
    return oneLine(`${formatPath(root, path)}: ${what}`);
  });

/** The first issue of a failed parse as one line naming the JSON path and what was expected there. */
export const formatSchemaError = (error: z.ZodError, root = ''): string =>
  formatSchemaIssues(error, root)[0] ?? `${root || '(root)'}: invalid`;
