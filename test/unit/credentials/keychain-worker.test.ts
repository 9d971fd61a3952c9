import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainWorker } from '../../../main/services/credentials/keychain-worker';

const blockingKeyring = fileURLToPath(new URL('../../support/blocking-keyring.cjs', import.meta.url));

describe('KeychainWorker', () => {
  let keychain: KeychainWorker | undefined;
  afterEach(() => {
    // A thread stuck in "native" code is left to the process's end, as in the app.
    void keychain?.dispose();
  });

  it('runs calls one at a time and counts each timeout from when the call starts, not from when it was queued', async () => {
    keychain = new KeychainWorker('test', blockingKeyring);
    await keychain.write('a', 'one', 1_000);
    // Three calls of 400 ms each with a 1 s timeout: queued together they need 1.2 s, each alone 0.4 s.
    const slow = await Promise.all([1, 2, 3].map(() => keychain!.read('slow-400', 1_000)));
    expect(slow).toEqual([null, null, null]);
    expect(await keychain.read('a', 1_000)).toBe('one');
  });

  it('fails only the call that timed out; the calls queued behind it go on in a fresh worker', async () => {
    keychain = new KeychainWorker('test', blockingKeyring);
    const stuck = keychain.read('stuck', 300);
    const behind = [keychain.write('b', 'two', 1_000), keychain.read('b', 1_000), keychain.remove('b', 1_000)];
    await expect(stuck).rejects.toThrow('the keychain did not answer within 0.3 s');
    // The fresh worker starts with its own (empty) store: what matters is that every call behind was answered.
    expect(await Promise.all(behind)).toEqual([undefined, 'two', true]);
  });

  it('answers reads of one account waiting together with one keychain call, but never across a change of it', async () => {
    keychain = new KeychainWorker('test', blockingKeyring);
    const blocker = keychain.read('slow-200', 1_000);
    const before = Array.from({ length: 1_000 }, () => keychain!.read('c', 1_000));
    const written = keychain.write('c', 'three', 1_000);
    const after = Array.from({ length: 1_000 }, () => keychain!.read('c', 1_000));
    await blocker;
    await written;
    expect(new Set(await Promise.all(before))).toEqual(new Set([null]));
    expect(new Set(await Promise.all(after))).toEqual(new Set(['three']));
  });

  it('refuses calls once closed, and closing fails what was still queued', async () => {
    keychain = new KeychainWorker('test', blockingKeyring);
    const blocker = keychain.read('slow-200', 1_000);
    const queued = keychain.read('d', 1_000);
    const closing = keychain.dispose();
    await expect(blocker).rejects.toThrow('the keychain was closed');
    await expect(queued).rejects.toThrow('the keychain was closed');
    await closing;
    await expect(keychain.read('d', 1_000)).rejects.toThrow('the keychain was closed');
  });
});
