import { readFile, stat } from 'node:fs/promises';

/** A mono 16-bit PCM WAV of a sine tone: the lab callers' "voice", loud enough that energy is plainly above 0. */
export const sineWav = (seconds: number, frequency = 440, sampleRate = 8_000, amplitude = 0.5): Buffer => {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * index) / sampleRate) * amplitude * 32_767), index * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
};

/** Where the samples of a 16-bit PCM WAV start: after its `data` chunk header (44 for a plain one). */
const dataStart = (wav: Buffer): number => {
  const at = wav.indexOf('data', 12, 'latin1');
  return at < 0 ? 44 : at + 8;
};

/**
 * The RMS level (0 silence … 1 full scale) of a 16-bit PCM WAV from byte `fromByte` on, read while a peer is still
 * writing it: the header's sizes are not trusted, the samples are whatever is in the file now.
 */
export const wavLevel = async (file: string, fromByte = 0): Promise<number> => {
  const wav = await readFile(file).catch(() => Buffer.alloc(0));
  // A peer that restarted its recording (a new call) wrote a shorter file: all of it is new.
  const from = fromByte > wav.length ? 0 : fromByte;
  const start = Math.max(dataStart(wav), from + (from % 2));
  let sum = 0;
  let count = 0;
  for (let offset = start; offset + 1 < wav.length; offset += 2) {
    const sample = wav.readInt16LE(offset) / 32_768;
    sum += sample * sample;
    count++;
  }
  return count === 0 ? 0 : Math.sqrt(sum / count);
};

/** How many bytes a WAV being written has now: a mark for wavLevel's `fromByte`. */
export const wavSize = async (file: string): Promise<number> => (await stat(file).catch(() => undefined))?.size ?? 0;
