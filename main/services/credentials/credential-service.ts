import {
  isSecretPurpose,
  secretPurposeRule,
  type SecretForPurpose,
  type SecretPurpose,
  type SecretScopeKey,
  type SecretScopes,
} from '../../../common/contract/credentials';
import type { Logger } from '../logging/logger';
import { registerSecret } from '../logging/secret-registry';
import { KeychainUnavailableError, type KeychainAvailability, type SecretId, type SecretStore } from './secret-store';

export type { SecretForPurpose, SecretPurpose };

export class UnknownPurposeError extends Error {
  override readonly name = 'UnknownPurposeError';
  constructor() {
    super(`unknown secret purpose: expected ${secretPurposeRule}`);
  }
}

const secretIdsByPurpose: Record<string, SecretId> = {
  'phone.register': 'phone',
  'officePc.connect': 'office-pc',
  'vpn.connect': 'vpn',
};

export const secretIdForPurpose = (purpose: SecretPurpose): SecretId => {
  if (!isSecretPurpose(purpose)) throw new UnknownPurposeError();
  const calendar = /^calendar\.fetch:(.+)$/.exec(purpose);
  if (calendar) return `calendar:${calendar[1]}`;
  const id = secretIdsByPurpose[purpose];
  if (!id) throw new UnknownPurposeError();
  return id;
};

const describeSecret = (id: SecretId): string => {
  if (id === 'office-pc') return 'the office PC';
  if (id === 'phone') return 'the phone';
  if (id === 'vpn') return 'the VPN';
  return `calendar ${id.slice('calendar:'.length)}`;
};

/** The organisations whose secrets are kept apart (OrganisationSecrets); absent, the store is used as it is. */
export interface SecretScoping {
  scopes(): Promise<SecretScopes>;
  forgetScope(scope: SecretScopeKey): Promise<number>;
}

/**
 * The secrets of every capability. Other services and the renderer get a secret only for a named purpose; where
 * there is no keychain, `secretFor` answers with the reason instead, and the pane asks the person.
 * Logs carry secret ids and purposes, never a secret.
 */
export class CredentialService {
  constructor(
    private readonly store: SecretStore,
    private readonly log: Logger,
    private readonly scoping?: SecretScoping,
  ) {}

  /** Without scoping, there is only the store's one set of secrets and no other organisation's. */
  async scopes(): Promise<SecretScopes | null> {
    return this.scoping ? this.scoping.scopes() : null;
  }

  /** Removes every secret of one organisation; how many keychain entries were there. */
  async forgetScope(scope: SecretScopeKey): Promise<number> {
    if (!this.scoping) return 0;
    return this.scoping.forgetScope(scope);
  }

  status(): Promise<KeychainAvailability> {
    return this.store.availability();
  }

  async save(id: SecretId, secret: string): Promise<void> {
    registerSecret(secret);
    await this.store.set(id, secret);
    this.log.info('secret saved', { id });
  }

  /** true when a secret was saved under the id. */
  async forget(id: SecretId): Promise<boolean> {
    const forgotten = await this.store.delete(id);
    this.log.info('secret forgotten', { id, forgotten });
    return forgotten;
  }

  /** Without a keychain nothing can be saved, so nothing is there. */
  async has(id: SecretId): Promise<boolean> {
    try {
      return (await this.store.get(id)) !== null;
    } catch (error) {
      if (error instanceof KeychainUnavailableError) return false;
      throw error;
    }
  }

  async secretFor(purpose: SecretPurpose): Promise<SecretForPurpose> {
    const id = secretIdForPurpose(purpose);
    let secret: string | null;
    try {
      secret = await this.store.get(id);
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      this.log.info('no keychain: the person will be asked', { purpose, id });
      return { secret: null, reason: error.message };
    }
    if (secret === null) {
      this.log.info('nothing saved: the person will be asked', { purpose, id });
      return { secret: null, reason: `No password is saved for ${describeSecret(id)}: enter it to continue.` };
    }
    registerSecret(secret);
    this.log.info('secret handed out', { purpose, id });
    return { secret };
  }
}
