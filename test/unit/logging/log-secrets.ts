import { keygen } from '../../../main/services/profiles/profile-signer';
import { e2eSecrets } from '../../e2e/secrets-used';

/** The secrets the logging tests write: the end-to-end ones and one of each kind the app learns or meets. */
export const registeredSecrets = {
  ...e2eSecrets,
  keychainPassword: 'Keychain-Passw0rd-2718',
  webHostToken: 'wEb-HoSt-ToKeN-aaaaBBBBccccDDDD',
  relayToken: 'ReLaY-sEsSiOn-ToKeN-0123456789abcdef',
  iceCredential: 'Ice-Turn-Cred-4455',
};

/** Secrets nobody registered: the logger must recognise them by their field name or their shape. */
export const shapedSecrets = {
  fieldPassword: 'Field-Pass-3344',
  urlPassword: 'Url-Passw0rd-77',
  queryToken: 'Query-T0ken-5150',
  accessToken: 'Access-T0ken-8008',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYXJpbyJ9.Sig-Bearer-6060',
  basicPassword: 'Basic-Pass-9090',
  cookie: 'Cookie-Val-9911',
  headerToken: 'Header-Tok-1212',
};

export const signingKeys = keygen();

/** The body lines of the PEM private key: none may appear anywhere. */
export const privateKeyLines = signingKeys.privateKeyPem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));

/** Every secret in every form the end-to-end scan looks for. */
export const forbiddenForms = (): string[] =>
  [...Object.values(registeredSecrets), ...Object.values(shapedSecrets)]
    .flatMap((secret) => [secret, Buffer.from(secret).toString('base64')])
    .concat(privateKeyLines);
