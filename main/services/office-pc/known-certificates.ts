import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/atomic-file';

export const KNOWN_CERTIFICATES_FILE = 'office-pc-certificates.json';

const KnownCertificate = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), subject: z.string(), trustedAt: z.string() });
export type KnownCertificate = z.infer<typeof KnownCertificate>;
const StoredFile = z.object({ version: z.literal(1), certificates: z.record(z.string(), KnownCertificate) });

/**
 * The certificates the employee trusted, one per office PC destination (`host:port`). Fingerprints are not secret;
 * the file is still private to the user. Each write replaces the file atomically (temp file, fsync, rename), so a
 * crash leaves the old list or the new one.
 */
export class KnownCertificates {
  private cache: Map<string, KnownCertificate> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onProblem: (line: string) => void = () => {},
  ) {}

  static inDataDir(dataDir: string, onProblem?: (line: string) => void): KnownCertificates {
    return new KnownCertificates(join(dataDir, KNOWN_CERTIFICATES_FILE), onProblem);
  }

  async get(destination: string): Promise<KnownCertificate | undefined> {
    return (await this.load()).get(destination.toLowerCase());
  }

  async trust(destination: string, certificate: KnownCertificate): Promise<void> {
    const entries = await this.load();
    entries.set(destination.toLowerCase(), certificate);
    const content = `${JSON.stringify({ version: 1, certificates: Object.fromEntries(entries) }, null, 2)}\n`;
    this.writing = this.writing.then(() => writeFileAtomic(this.file, content));
    await this.writing;
  }

  private async load(): Promise<Map<string, KnownCertificate>> {
    if (this.cache) return this.cache;
    this.cache = new Map();
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.onProblem(`${basename(this.file)} is unreadable: ${(error as Error).message}`);
      return this.cache;
    }
    try {
      const parsed = StoredFile.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error('not a list of trusted certificates');
      for (const [destination, entry] of Object.entries(parsed.data.certificates)) this.cache.set(destination, entry);
    } catch (error) {
      // Starting from an empty list means every office PC asks again: safe, never a silent trust.
      this.onProblem(`${basename(this.file)} is corrupt and was ignored: ${(error as Error).message}`);
    }
    return this.cache;
  }
}
