import type { RendererCapability } from '../capabilities/capability';
import { reloadOnceWhenConnectionsAreBlocked } from './csp-reload';
import { connectShell } from './store';

/** The app itself: what it is and how it is doing overall. The dashboard is the shell's own first pane. */
export const appCapability: RendererCapability = {
  id: 'app',
  connect: ({ api }) => {
    const stopFollowing = connectShell(api);
    const stopReloading = reloadOnceWhenConnectionsAreBlocked();
    return () => {
      stopFollowing();
      stopReloading();
    };
  },
};
