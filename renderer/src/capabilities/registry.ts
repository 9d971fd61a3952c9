import { keychainPromptCapability } from '../credentials/keychain-prompt-capability';
import { helpCapability } from '../help/capability';
import { meetingsCapability } from '../meetings/capability';
import { officePcCapability } from '../office-pc/capability';
import { phoneCapability } from '../phone/capability';
import { profilesCapability } from '../profiles/capability';
import { settingsCapability } from '../settings/capability';
import { appCapability } from '../shell/capability';
import { updatesCapability } from '../updates/capability';
import { vpnCapability } from '../vpn/capability';
import type { RendererCapability } from './capability';

/**
 * Every capability of the window, in the navigation's and the dashboard's order. A new one is a folder with its
 * `capability.ts`, and a line here.
 */
export const rendererCapabilities: readonly RendererCapability[] = [
  appCapability,
  vpnCapability,
  officePcCapability,
  phoneCapability,
  meetingsCapability,
  profilesCapability,
  settingsCapability,
  updatesCapability,
  helpCapability,
  keychainPromptCapability,
];
