import { release, type as osType } from 'node:os';
import type { AppInfo } from '../../../../common/contract';
import type { SelfTestReport } from '../../../../common/contract/help';
import type { ActiveProfileInfo } from '../../profiles/profile-service';

/** What the bundle says about the running app: the Electron host knows Electron and Chrome, the CLI only Node. */
export interface BundleAppInfo {
  version: string;
  host: string;
  versions: AppInfo['versions'];
}

export const versionsEntry = (info: BundleAppInfo) => ({
  app: { name: 'Scrivania', version: info.version, host: info.host },
  electron: info.versions.electron ?? null,
  chrome: info.versions.chrome ?? null,
  node: info.versions.node,
  os: { type: osType(), release: release(), platform: process.platform, arch: process.arch },
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
});

/** Who issued the active profile and which one it is; never its content beyond that, nor its signature. */
export const profileEntry = (active: ActiveProfileInfo | null) => {
  if (!active) return { active: false, note: 'No configuration profile is active.' };
  const { profile, keyId, source, lastCheck } = active;
  return {
    active: true,
    id: profile.id,
    serial: profile.serial,
    issuer: { organization: profile.organization.name, keyId },
    issuedAt: profile.issuedAt,
    expiresAt: profile.expiresAt,
    source,
    lastCheck,
  };
};

export const selfTestEntry = (report: SelfTestReport | null) => report ?? { note: 'No self-test ("Check my setup") has run yet.' };

export interface ReadmeFacts {
  createdAt: string;
  logs: string[];
  omittedLogs: string[];
}

/** README.txt, in English and Italian: what is inside and what never is. */
export const readmeText = ({ createdAt, logs, omittedLogs }: ReadmeFacts): string => {
  const logList = logs.length > 0 ? logs.map((name) => `  logs/${name}`).join('\n') : '  (none)';
  const omitted = omittedLogs.length > 0 ? omittedLogs.join(', ') : '-';
  return `Scrivania diagnostics bundle / Pacchetto di diagnostica di Scrivania
Created / Creato: ${createdAt}

ENGLISH
This bundle was made by Scrivania for the help desk. It holds:
  README.txt          this file
  versions.json       the versions of Scrivania, Electron, Chrome and Node, the operating system and the locale
  self-test.json      the last result of "Check my setup", or a note that it never ran
  profile.json        the active configuration profile: id, serial, issuer (organisation and signing key id),
                      issue and expiry dates, where it came from and its last check
  configuration.json  the effective configuration with its locks and problems, without secrets
  status.json         what the app reported when the bundle was made: each card's status, the VPN's probes, updates
  logs/               the app's log files, newest first:
${logList}
Older logs left out to keep the bundle small: ${omitted}
It never holds a password, token, private key or call audio: secrets are removed when the logs are written and
again when this bundle is made, and calendar subscription addresses keep only their server.

ITALIANO
Questo pacchetto è stato creato da Scrivania per l'assistenza. Contiene:
  README.txt          questo file
  versions.json       le versioni di Scrivania, Electron, Chrome e Node, il sistema operativo e la lingua
  self-test.json      l'ultimo risultato di "Verifica la mia postazione", o una nota se non è mai stata eseguita
  profile.json        il profilo di configurazione attivo: id, numero di serie, emittente (ente e chiave di firma),
                      date di emissione e di scadenza, provenienza e ultimo controllo
  configuration.json  la configurazione effettiva con i blocchi e i problemi, senza segreti
  status.json         cosa riportava l'app alla creazione del pacchetto: lo stato di ogni scheda, le verifiche della VPN, gli aggiornamenti
  logs/               i file di log dell'app, dal più recente (elencati sopra)
Log più vecchi esclusi per contenere le dimensioni: ${omitted}
Non contiene mai password, token, chiavi private né l'audio delle chiamate: i segreti sono tolti quando i log
vengono scritti e di nuovo quando si crea il pacchetto; degli indirizzi dei calendari resta solo il server.
`;
};
