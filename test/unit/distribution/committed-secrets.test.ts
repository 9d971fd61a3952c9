import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Signing material has no place in the repository: it comes from the release workflow's secrets only. */

const KEY_FILE =
  /(?:\.(?:p12|pfx|p8|pvk|snk|jks|keystore|keychain|mobileprovision|provisionprofile)|(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519))$/i;
// A BEGIN line followed by key material (armor headers allowed), as real text or inside a string with \n escapes.
const NEWLINE = String.raw`(?:\r?\n|(?:\\r)?\\n)`;
const PRIVATE_KEY_BLOCK = new RegExp(
  String.raw`-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----${NEWLINE}(?:[^\r\n\\]*: [^\r\n\\]*${NEWLINE})*(?:${NEWLINE})?[A-Za-z0-9+/=]{40,}`,
);
const CREDENTIAL_NAMES = [
  'CSC_LINK',
  'CSC_KEY_PASSWORD',
  'WIN_CSC_LINK',
  'WIN_CSC_KEY_PASSWORD',
  'APPLE_API_KEY',
  'APPLE_APP_SPECIFIC_PASSWORD',
  'APPLE_PASSWORD',
  'AZURE_CLIENT_SECRET',
  'GH_TOKEN',
  'GITHUB_TOKEN',
  'LINUX_GPG_PASSPHRASE',
  'LINUX_GPG_PRIVATE_KEY',
  'UPDATE_SERVER_SSH_KEY',
];
// NAME=value or NAME: value with a literal value; a reference ($VAR, ${{ secrets.X }}, process.env) or a <placeholder> is fine.
const CREDENTIAL_LITERAL = new RegExp(
  String.raw`\b(${CREDENTIAL_NAMES.join('|')})\b["']?\s*[:=]\s*["'\x60]?(?![$<{…]|process\.env|secrets\.)([^\s"'\x60,;)]{6,})`,
);
// A PKCS#12 file pasted as base64 (what CSC_LINK holds) is a long DER blob starting with MII.
const DER_BLOB = /(?<![A-Za-z0-9+/])MII[A-Za-z0-9+/]{1500,}/;

/** Why this file looks like it commits a secret, one line each; none for a clean file. */
const secretsIn = (path: string, content: Buffer): string[] => {
  const found: string[] = [];
  if (KEY_FILE.test(path)) found.push(`${path}: a key or certificate container`);
  // Binary files (images, wasm) are not where a pasted key hides and would only produce noise.
  if (content.subarray(0, 8192).includes(0)) return found;
  const text = content.toString('utf8');
  const block = PRIVATE_KEY_BLOCK.exec(text);
  if (block) found.push(`${path}: a ${block[1]}`);
  const literal = CREDENTIAL_LITERAL.exec(text);
  if (literal) found.push(`${path}: ${literal[1]} set to a literal value`);
  if (DER_BLOB.test(text)) found.push(`${path}: a base64 DER blob, such as a .p12 certificate`);
  return found;
};

const repositoryFiles = (): string[] => {
  const list = (args: string[]) =>
    execFileSync('git', ['ls-files', '-z', ...args], { encoding: 'utf8', timeout: 10_000 })
      .split('\0')
      .filter(Boolean);
  // Untracked files too, so a key is caught before anyone commits it.
  return [...new Set([...list([]), ...list(['--others', '--exclude-standard'])])].filter((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false; // deleted in the work tree
    }
  });
};

describe('the repository', () => {
  it('holds no private key, certificate container or signing password', () => {
    const files = repositoryFiles();
    expect(files).toContain('electron-builder.yml');
    expect(files.flatMap((file) => secretsIn(file, readFileSync(file)))).toEqual([]);
  });
});

describe('the committed-secret detector', () => {
  const scan = (path: string, text: string) => secretsIn(path, Buffer.from(text));
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

  it('finds a private key in PEM, as a file or pasted into source', () => {
    expect(scan('keys/profile-signing.key.pem', pem)).toEqual(['keys/profile-signing.key.pem: a PRIVATE KEY']);
    expect(scan('main/secret.ts', `const key = ${JSON.stringify(pem)};`)).toEqual(['main/secret.ts: a PRIVATE KEY']);
    expect(scan('deploy/id.txt', rsa)).toEqual(['deploy/id.txt: a RSA PRIVATE KEY']);
  });

  it('finds certificate containers and Apple API keys by their names', () => {
    expect(scan('build/certificate.p12', 'x')).toEqual(['build/certificate.p12: a key or certificate container']);
    expect(scan('AuthKey_ABC123.p8', 'x')).toEqual(['AuthKey_ABC123.p8: a key or certificate container']);
    expect(scan('build/Scrivania.pfx', 'x')).toEqual(['build/Scrivania.pfx: a key or certificate container']);
  });

  it('finds a signing password or a pasted certificate set literally, but not a reference to one', () => {
    // Assembled here, so this file does not itself hold what it looks for.
    expect(scan('.env', ['CSC_KEY_PASSWORD', 'correct-horse-battery'].join('='))).toEqual([
      '.env: CSC_KEY_PASSWORD set to a literal value',
    ]);
    expect(scan('ci.yml', ['CSC_LINK', ` MII${'A'.repeat(2000)}`].join(':'))).toEqual([
      'ci.yml: CSC_LINK set to a literal value',
      'ci.yml: a base64 DER blob, such as a .p12 certificate',
    ]);
    expect(
      scan(
        'ci.yml',
        'CSC_KEY_PASSWORD: ${{ secrets.WIN_CSC_KEY_PASSWORD }}\nAPPLE_API_KEY="$RUNNER_TEMP/key.p8"\nCSC_LINK=<base64 of the .p12>',
      ),
    ).toEqual([]);
  });

  it('leaves alone code that only names the PEM header or makes keys at run time', () => {
    expect(scan('main/signer.ts', "reason: 'expected an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)'")).toEqual([]);
    expect(scan('test/keys.test.ts', 'expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);')).toEqual([]);
  });
});
