import type { RendererCapability } from '../capabilities/capability';
import { browserClock, browserMedia } from './browser-ports';
import { setConnectedPhone } from './connected';
import { PhoneController } from './controller';
import { CallBar } from './CallBar';
import { browserNotifications, hostShownNotifications } from './notify';
import { PhoneCardCall } from './PhoneCardCall';
import { PhonePane } from './PhonePane';
import { PhoneRuntime } from './PhoneRuntime';
import { Ringer } from './ringtone';
import { usePhoneStore } from './store';

export const phoneCapability: RendererCapability = {
  id: 'phone',
  connect: ({ api, show, info }) => {
    const controller = new PhoneController({
      api,
      store: usePhoneStore,
      // JsSIP stays out of the main chunk until the phone is first turned on.
      createAgent: async (options) => (await import('./sip/jssip-agent')).createJsSipAgent(options),
      // The desktop app shows the call's notification itself, with Answer and Decline where the OS allows buttons.
      notifications: hostShownNotifications(browserNotifications, () => info()?.host === 'electron'),
      ringtone: new Ringer(),
      media: browserMedia,
      clock: browserClock,
      show,
      info,
    });
    setConnectedPhone(controller);
    const disconnect = controller.connect();
    const networkBack = (): void => controller.networkBack();
    window.addEventListener('online', networkBack);
    return () => {
      window.removeEventListener('online', networkBack);
      disconnect();
      setConnectedPhone(undefined);
    };
  },
  pane: { view: 'phone', Pane: PhonePane, labelKey: 'capability.phone.title' },
  card: { Extra: PhoneCardCall },
  Runtime: PhoneRuntime,
  TopbarItem: CallBar,
};
