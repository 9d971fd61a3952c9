import { defineCapability } from '../capability';
import { CredentialService } from './credential-service';
import { credentialsRequestHandlers } from './handlers';
import { KeychainSecretStore } from './keychain-secret-store';

/** Every secret in the OS keychain; other capabilities get one only for a named purpose. */
export const credentialsCapability = defineCapability({
  name: 'credentials',
  needs: [],
  create: (context) => {
    const log = context.log.child('credentials');
    const keychain =
      context.ports.secretStore ??
      new KeychainSecretStore({
        log,
        onPrompt: (prompt) => context.emit('credentials.keychainPrompt', { waiting: prompt }),
      });
    const credentials = new CredentialService(keychain, log);
    return {
      // A store lent by a test has no keychain windows to close and nothing to stop.
      requests: credentialsRequestHandlers(credentials, keychain instanceof KeychainSecretStore ? keychain : undefined),
      provides: credentials,
      dispose: () => (keychain instanceof KeychainSecretStore ? keychain.dispose() : undefined),
    };
  },
});
