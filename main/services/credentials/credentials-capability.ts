import { oneLineMessageOf } from '../../../common/error-message';
import { defineCapability, forward } from '../capability';
import { CredentialService } from './credential-service';
import { credentialsRequestHandlers } from './handlers';
import { KeychainSecretStore } from './keychain-secret-store';
import { OrganisationSecrets } from './organisation-secrets';

/**
 * Every secret in the OS keychain, kept apart per organisation of the active profile; other capabilities get one
 * only for a named purpose.
 */
export const credentialsCapability = defineCapability({
  name: 'credentials',
  needs: ['profiles'],
  create: (context, { profiles }) => {
    const log = context.log.child('credentials');
    const keychain =
      context.ports.secretStore ??
      new KeychainSecretStore({
        log,
        onPrompt: (prompt) => context.emit('credentials.keychainPrompt', { waiting: prompt }),
      });
    const organisations = new OrganisationSecrets({ keychain, profiles, dataDir: context.dataDir, log });
    const credentials = new CredentialService(organisations, log, organisations);
    return {
      // A store lent by a test has no keychain windows to close and nothing to stop.
      requests: credentialsRequestHandlers(credentials, keychain instanceof KeychainSecretStore ? keychain : undefined),
      provides: credentials,
      forwards: [forward(organisations, { scopes: 'credentials.scopesChanged' })],
      start: () =>
        void organisations
          .start()
          .catch((error: unknown) => log.warn('organisation secrets not started', { reason: oneLineMessageOf(error) })),
      dispose: async () => {
        organisations.stop();
        if (keychain instanceof KeychainSecretStore) await keychain.dispose();
      },
    };
  },
});
