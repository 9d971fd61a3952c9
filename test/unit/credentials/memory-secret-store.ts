import { isKeychainAccount, type KeychainAccount } from '../../../common/contract/credentials';
import {
  InvalidSecretIdError,
  KeychainError,
  type KeychainAvailability,
  type SecretStore,
} from '../../../main/services/credentials/secret-store';

/** A keychain in memory with the real store's rules on accounts; `failOn` makes one kind of call fail like a keychain that did not answer. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  failOn: { op: 'get' | 'set' | 'delete'; account?: string } | undefined;

  availability(): Promise<KeychainAvailability> {
    return Promise.resolve({ available: true });
  }

  get(account: KeychainAccount): Promise<string | null> {
    this.check('get', account);
    return Promise.resolve(this.entries.get(account) ?? null);
  }

  set(account: KeychainAccount, secret: string): Promise<void> {
    this.check('set', account);
    this.entries.set(account, secret);
    return Promise.resolve();
  }

  delete(account: KeychainAccount): Promise<boolean> {
    this.check('delete', account);
    return Promise.resolve(this.entries.delete(account));
  }

  private check(op: 'get' | 'set' | 'delete', account: string): void {
    if (!isKeychainAccount(account)) throw new InvalidSecretIdError();
    if (this.failOn && this.failOn.op === op && (this.failOn.account === undefined || this.failOn.account === account))
      throw new KeychainError(`Could not ${op} ${account} in the keychain: the keychain is locked`);
  }
}
