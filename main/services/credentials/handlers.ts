import { ContractError } from '../../../common/contract/errors';
import { problem } from '../../../common/contract/problems';
import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import { UnknownPurposeError, type CredentialService } from './credential-service';
import { InvalidSecretIdError, KeychainError, KeychainUnavailableError } from './secret-store';

/** The credential service's errors as the renderer sees them: one line, never a secret. */
const answering = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    if (error instanceof InvalidSecretIdError || error instanceof UnknownPurposeError)
      throw new ContractError('bad-request', error.message, undefined, problem('credentials.invalid-request'));
    if (error instanceof KeychainUnavailableError)
      throw new ContractError('failed', error.message, undefined, problem('credentials.no-keychain'));
    if (error instanceof KeychainError) throw new ContractError('failed', error.message, undefined, problem('credentials.keychain-failed'));
    throw error;
  }
};

export const credentialsRequestHandlers = (credentials: CredentialService): Pick<RequestHandlers, RequestKeysOf<'credentials'>> => ({
  'credentials.status': () => credentials.status(),
  'credentials.save': async ({ id, secret }) => {
    await answering(credentials.save(id, secret));
    return { saved: true };
  },
  'credentials.forget': async ({ id }) => ({ forgotten: await answering(credentials.forget(id)) }),
  'credentials.has': ({ id }) => answering(credentials.has(id)),
  'credentials.forPurpose': ({ purpose }) => answering(credentials.secretFor(purpose)),
});
