import type { RendererCapability } from '../capabilities/capability';
import { connectKeychainPrompt } from './keychain-prompt';
import { KeychainPromptNotice } from './KeychainPromptNotice';

/** The notice shown, whatever pane is open, while a keychain call waits for the person in the keychain's window. */
export const keychainPromptCapability: RendererCapability = {
  id: 'keychain-prompt',
  connect: ({ api }) => connectKeychainPrompt(api),
  Runtime: KeychainPromptNotice,
};
