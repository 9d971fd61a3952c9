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
    const keychain = new KeychainSecretStore({
      log,
      onPrompt: (prompt) => context.emit('credentials.keychainPrompt', { waiting: prompt }),
    });
    const credentials = new CredentialService(keychain, log);
    return {
      requests: credentialsRequestHandlers(credentials, keychain),
      provides: credentials,
      dispose: () => keychain.dispose(),
    };
  },
});
