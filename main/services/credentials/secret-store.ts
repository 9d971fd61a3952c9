import {
  isKeychainAccount,
  isSecretId,
  secretIdRule,
  type KeychainAccount,
  type KeychainAvailability,
  type SecretId,
} from '../../../common/contract/credentials';

export type { KeychainAccount, KeychainAvailability, SecretId };

/**
 * Where secrets live. There is deliberately no way to list them: a caller must know the id it wants.
 * Every method refuses an invalid id with InvalidSecretIdError, and get/set/delete refuse with
 * KeychainUnavailableError when there is no keychain. The keychain itself takes any KeychainAccount (a scoped one
 * included); OrganisationSecrets, which the rest of main sees, takes bare secret ids and scopes them.
 */
export interface SecretStore {
  availability(): Promise<KeychainAvailability>;
  /** null when nothing is saved under the id. */
  get(id: KeychainAccount): Promise<string | null>;
  set(id: KeychainAccount, secret: string): Promise<void>;
  /** true when a secret was there to delete. */
  delete(id: KeychainAccount): Promise<boolean>;
}

export class InvalidSecretIdError extends Error {
  override readonly name = 'InvalidSecretIdError';
  constructor() {
    super(`invalid secret id: expected ${secretIdRule}`);
  }
}

/** There is no keychain at all; the message is the one sentence telling the person how to get one. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

/** The keychain exists but one operation on it failed. */
export class KeychainError extends Error {
  override readonly name: string = 'KeychainError';
}

/** The keychain stayed locked: the person closed or cancelled its unlock window. */
export class KeychainLockedError extends KeychainError {
  override readonly name = 'KeychainLockedError';
  constructor(nextStep: string, detail: string) {
    super(`${detail}. ${nextStep}`);
  }
}

/** The keychain refused Scrivania this secret: the person denied or cancelled its access request. */
export class KeychainRefusedError extends KeychainError {
  override readonly name = 'KeychainRefusedError';
  constructor(nextStep: string, detail: string) {
    super(`${detail}. ${nextStep}`);
  }
}

/**
 * The account itself when it is a valid keychain account (a bare secret id or `<scope>/<secret id>`); the
 * caller's value is not echoed, in case a secret was passed by mistake.
 */
export const checkSecretId = (id: unknown): SecretId => {
  if (!isKeychainAccount(id)) throw new InvalidSecretIdError();
  // The keychain store names its accounts SecretId; a scoped account is one too as far as the keychain is concerned.
  return id as SecretId;
};

/** A bare secret id (no scope): what callers of the scoped store may name. */
export const checkBareSecretId = (id: unknown): SecretId => {
  if (!isSecretId(id)) throw new InvalidSecretIdError();
  return id;
};
