import { ContractError } from '../../../common/contract/errors';
import { problem } from '../../../common/contract/problems';
import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import { UnknownPurposeError, type CredentialService } from './credential-service';
import { InvalidSecretIdError, KeychainError, KeychainLockedError, KeychainRefusedError, KeychainUnavailableError } from './secret-store';

/** The credential service's errors as the renderer sees them: one line, never a secret. */
const answering = async <T>(
  work: Promise<T>,
  keychainFailed: 'credentials.keychain-failed' | 'credentials.remove-failed' = 'credentials.keychain-failed',
): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    if (error instanceof InvalidSecretIdError || error instanceof UnknownPurposeError)
      throw new ContractError('bad-request', error.message, undefined, problem('credentials.invalid-request'));
    if (error instanceof KeychainUnavailableError)
      throw new ContractError('failed', error.message, undefined, problem('credentials.no-keychain'));
    if (error instanceof KeychainLockedError)
      throw new ContractError('failed', error.message, undefined, problem('credentials.keychain-locked'));
    if (error instanceof KeychainRefusedError)
      throw new ContractError('failed', error.message, undefined, problem('credentials.keychain-refused'));
    if (error instanceof KeychainError) throw new ContractError('failed', error.message, undefined, problem(keychainFailed));
    throw error;
  }
};

/** `prompts` closes the keychain windows calls wait on (the keychain store; none in tests that have no keychain). */
export const credentialsRequestHandlers = (
  credentials: CredentialService,
  prompts: { cancelPrompts(): boolean } = { cancelPrompts: () => false },
): Pick<RequestHandlers, RequestKeysOf<'credentials'>> => ({
  'credentials.status': () => credentials.status(),
  'credentials.save': async ({ id, secret }) => {
    await answering(credentials.save(id, secret));
    return { saved: true };
  },
  'credentials.forget': async ({ id }) => ({ forgotten: await answering(credentials.forget(id)) }),
  'credentials.has': ({ id }) => answering(credentials.has(id)),
  'credentials.forPurpose': ({ purpose }) => answering(credentials.secretFor(purpose)),
  'credentials.cancelPrompt': () => ({ cancelled: prompts.cancelPrompts() }),
  'credentials.forgetScope': async ({ scope }) => ({
    removed: await answering(credentials.forgetScope(scope), 'credentials.remove-failed'),
  }),
});
