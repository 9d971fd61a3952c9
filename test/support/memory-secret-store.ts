import { checkSecretId, type KeychainAvailability, type SecretId, type SecretStore } from '../../main/services/credentials/secret-store';

/** A keychain in memory, shared by the backends a test starts one after the other, as the OS keychain would be. */
export class MemorySecretStore implements SecretStore {
  readonly secrets = new Map<SecretId, string>();

  async availability(): Promise<KeychainAvailability> {
    return { available: true };
  }

  async get(id: SecretId): Promise<string | null> {
    return this.secrets.get(checkSecretId(id)) ?? null;
  }

  async set(id: SecretId, secret: string): Promise<void> {
    this.secrets.set(checkSecretId(id), secret);
  }

  async delete(id: SecretId): Promise<boolean> {
    return this.secrets.delete(checkSecretId(id));
  }
}
