import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from '../logging/logger';
import { fetchWithCheckedRedirects, RedirectRefused } from '../net/checked-redirects';
import { isReservedName, reservedNameReason } from '../net/reserved-names';
import { UpdateError, failureLine, type DownloadProgress, type UpdateEngine, type UpdateFeed, type UpdateOffer } from './update-engine';
import { channelFileName, chooseFile, isNewer, parseUpdateMetadata, type UpdateFileRef, type UpdateMetadata } from './update-metadata';
import { secondsText } from '../text/seconds';

export interface FeedUpdateEngineOptions {
  /** Where a downloaded installer is kept once verified. */
  downloadDir: string;
  log: Logger;
  platform?: NodeJS.Platform;
  arch?: string;
  userAgent?: string;
  checkTimeoutMs?: number;
  downloadTimeoutMs?: number;
  /** Larger installers are refused before or while they download. */
  maxDownloadBytes?: number;
  fetch?: typeof fetch;
}

const MAX_METADATA_BYTES = 256 * 1024;
const DEFAULT_CHECK_TIMEOUT_MS = 30_000;
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_MAX_DOWNLOAD_BYTES = 1024 ** 3;

export interface PublishedRelease {
  fileName: string;
  url: URL;
  metadata: UpdateMetadata;
}

interface PendingOffer extends UpdateOffer {
  file: UpdateFileRef;
  fileUrl: URL;
}

/** The folder URL with a trailing slash, so `latest.yml` and relative file names resolve inside it. */
const folderUrl = (url: string): URL => new URL(url.endsWith('/') ? url : `${url}/`);

const unreachable = (where: string, error: unknown, timeoutMs: number): UpdateError => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return new UpdateError('unreachable', `${where}: no answer within ${secondsText(timeoutMs)}`);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : '';
  if (code === 'ECONNREFUSED') return new UpdateError('unreachable', `${where}: the connection was refused`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new UpdateError('unreachable', `${where}: the server name could not be found (DNS)`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return new UpdateError('unreachable', `${where}: the server closed the connection`);
  return new UpdateError('unreachable', `${where}: ${failureLine(cause ?? error)}`);
};

/**
 * Reads electron-builder's update metadata from the organisation's server and downloads the installer it names,
 * verifying its size and sha512. It cannot install: the running app is not replaced outside Electron.
 */
export class FeedUpdateEngine implements UpdateEngine {
  readonly canInstall: boolean = false;
  private pending: PendingOffer | undefined;
  private readonly platform: NodeJS.Platform;
  private readonly arch: string;

  constructor(private readonly options: FeedUpdateEngineOptions) {
    this.platform = options.platform ?? process.platform;
    this.arch = options.arch ?? process.arch;
  }

  /** The channel file this platform reads (latest-linux.yml, beta-mac.yml…), fetched and parsed. */
  async published(feed: Pick<UpdateFeed, 'url' | 'channel'>): Promise<PublishedRelease> {
    const fileName = channelFileName(feed.channel, this.platform, this.arch);
    const url = new URL(fileName, folderUrl(feed.url));
    const text = await this.fetchText(url, fileName);
    const parsed = parseUpdateMetadata(text, fileName);
    if (!parsed.ok) throw new UpdateError('invalid-feed', parsed.reason);
    return { fileName, url, metadata: parsed.metadata };
  }

  async check(feed: UpdateFeed): Promise<UpdateOffer | undefined> {
    const { fileName, url, metadata } = await this.published(feed);
    this.pending = undefined;
    if (!isNewer(metadata.version, feed.currentVersion)) return undefined;
    const file = chooseFile(metadata, this.platform);
    const fileUrl = new URL(file.url, url);
    if (fileUrl.protocol !== 'https:' && fileUrl.protocol !== 'http:')
      throw new UpdateError('invalid-feed', `${fileName}: the file ${file.url} is not an http(s) address`);
    this.pending = {
      version: metadata.version,
      ...(metadata.releaseDate ? { releaseDate: metadata.releaseDate } : {}),
      ...(file.size !== undefined ? { bytes: file.size } : {}),
      file,
      fileUrl,
    };
    return {
      version: this.pending.version,
      ...(this.pending.releaseDate ? { releaseDate: this.pending.releaseDate } : {}),
      ...(file.size !== undefined ? { bytes: file.size } : {}),
    };
  }

  /** Streams the installer to a .partial file, hashing as it arrives; only a verified file gets its real name. */
  async download(offer: UpdateOffer, onProgress: (progress: DownloadProgress) => void): Promise<string> {
    const pending = this.pending;
    if (!pending || pending.version !== offer.version)
      throw new UpdateError('failed', `version ${offer.version} was not offered by the last check`);
    const name = basename(decodeURIComponent(pending.fileUrl.pathname));
    if (name === '' || name === '.' || name === '..')
      throw new UpdateError('invalid-feed', `the file ${pending.file.url} has no file name`);
    await mkdir(this.options.downloadDir, { recursive: true });
    const target = join(this.options.downloadDir, name);
    const partial = `${target}.partial`;
    try {
      const hash = await this.fetchToFile(pending, partial, onProgress);
      if (hash.digest !== pending.file.sha512)
        throw new UpdateError('refused', `${name}: sha512 mismatch, expected ${pending.file.sha512}, got ${hash.digest}`);
      if (pending.file.size !== undefined && hash.bytes !== pending.file.size)
        throw new UpdateError('refused', `${name}: expected ${pending.file.size} bytes, got ${hash.bytes}`);
      await rename(partial, target);
      this.options.log.info('update downloaded and verified', { version: pending.version, file: name, bytes: hash.bytes });
      return target;
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof UpdateError && error.kind === 'refused')
        this.options.log.error('update refused', { version: pending.version, reason: error.message });
      throw error;
    }
  }

  install(): void {
    throw new UpdateError('failed', 'this host cannot install updates; the installed app does');
  }

  private async send(url: URL, where: string, timeoutMs: number): Promise<Response> {
    if (isReservedName(url.hostname)) throw new UpdateError('unreachable', reservedNameReason(url.hostname));
    let response: Response;
    try {
      // latest.yml names the installer's sha512: read over plain http after a redirect, it would vouch for anything.
      response = await fetchWithCheckedRedirects(this.options.fetch ?? fetch, url, {
        headers: { 'User-Agent': this.options.userAgent ?? 'Scrivania', 'Cache-Control': 'no-cache' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof RedirectRefused) throw new UpdateError('refused', `${url.host}: ${where}: ${error.message}`);
      throw unreachable(`${url.host}`, error, timeoutMs);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpdateError('unreachable', `${url.host}: ${where} answered HTTP ${response.status}`, response.status);
    }
    return response;
  }

  private async fetchText(url: URL, fileName: string): Promise<string> {
    const timeoutMs = this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const response = await this.send(url, fileName, timeoutMs);
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body ?? []) {
        total += chunk.byteLength;
        if (total > MAX_METADATA_BYTES) throw new UpdateError('invalid-feed', `${fileName} is larger than ${MAX_METADATA_BYTES / 1024} KB`);
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof UpdateError) throw error;
      throw unreachable(url.host, error, timeoutMs);
    }
    return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
  }

  private async fetchToFile(
    pending: PendingOffer,
    partial: string,
    onProgress: (progress: DownloadProgress) => void,
  ): Promise<{ digest: string; bytes: number }> {
    const timeoutMs = this.options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
    const maxBytes = this.options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
    const name = basename(partial, '.partial');
    if (pending.file.size !== undefined && pending.file.size > maxBytes)
      throw new UpdateError('refused', `${name} is larger than ${maxBytes} bytes`);
    const response = await this.send(pending.fileUrl, name, timeoutMs);
    const total = pending.file.size ?? Number(response.headers.get('content-length') ?? 0);
    const hash = createHash('sha512');
    let bytes = 0;
    const expected = pending.file.size ?? maxBytes;
    const verifyAsItArrives = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        bytes += chunk.byteLength;
        if (bytes > expected) throw new UpdateError('refused', `${name}: more bytes than the ${expected} expected`);
        hash.update(chunk);
        onProgress({ transferred: bytes, total });
        yield chunk;
      }
    };
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        verifyAsItArrives,
        createWriteStream(partial, { mode: 0o600 }),
      );
    } catch (error) {
      if (error instanceof UpdateError) throw error;
      throw unreachable(pending.fileUrl.host, error, timeoutMs);
    }
    return { digest: hash.digest('base64'), bytes };
  }
}
