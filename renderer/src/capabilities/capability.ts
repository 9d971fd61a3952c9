import type { ComponentType } from 'react';
import type { AppInfo, ScrivaniaApi } from '../../../common/contract';

/** The panes of the navigation: the dashboard, one per capability with a pane, then the shell's own. */
export type View = 'dashboard' | 'vpn' | 'officePc' | 'phone' | 'meetings' | 'profile' | 'settings' | 'help';

/** What the shell lends every capability's connect. */
export interface RendererContext {
  api: ScrivaniaApi;
  /** Opens a pane (an incoming call opens the phone's). */
  show(view: View): void;
  /** What main said this app is; undefined until it answered. */
  info(): AppInfo | undefined;
}

/** A capability as the window runs it: all connected once at start, whichever pane is open. */
export interface RendererCapability {
  id: string;
  /** Subscribes its store to main and starts what it runs in the window; returns the undo. */
  connect?(context: RendererContext): () => void;
  /** Its pane, with its place in the navigation. */
  pane?: { view: View; Pane: ComponentType; labelKey: string };
  /** Its dashboard card (with its pane's icon), and what the card shows under the status, if anything. */
  card?: { Extra?: ComponentType };
  /** Mounted always, whatever pane is open (a ringing call's dialog, call audio). */
  Runtime?: ComponentType;
  /** Shown in the window's top bar beside the overall status, whatever pane is open (the live call). */
  TopbarItem?: ComponentType;
}
