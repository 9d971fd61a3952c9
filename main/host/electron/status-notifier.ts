import { createRequire } from 'node:module';
import { sessionBusAddress } from '../../services/credentials/session-bus';

/** The part of @homebridge/dbus-native used here (its own types do not declare the session bus). */
interface DbusNative {
  sessionBus(options: { busAddress: string }): {
    nameHasOwner(name: string, callback: (error: unknown, owned?: boolean) => void): void;
    connection: { on(event: 'error', listener: (error: Error) => void): void; end(): void; stream: { destroy(): void } };
  };
}

const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** Whether the tray shows, and why not. */
export type TrayHost = { shown: true } | { shown: false; reason: string };

/**
 * Electron's Linux tray icon is a StatusNotifierItem: it shows only where a host watches for them on the session bus
 * (KDE, Xfce, Cinnamon, GNOME with the AppIndicator extension). Stock GNOME has none, and an icon would be invisible.
 * When the bus cannot be asked, the answer is "shown": a wrong "no" would quit Scrivania whenever its window closes.
 */
export const linuxTrayHost = async (env: NodeJS.ProcessEnv = process.env, timeoutMs = 2_000): Promise<TrayHost> => {
  const address = sessionBusAddress(env);
  if (!address) return { shown: true };
  const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as DbusNative;
  let bus: ReturnType<DbusNative['sessionBus']>;
  try {
    bus = dbus.sessionBus({ busAddress: address });
  } catch {
    return { shown: true };
  }
  return new Promise<TrayHost>((resolve) => {
    const finish = (answer: TrayHost): void => {
      clearTimeout(timer);
      bus.connection.stream.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ shown: true }), timeoutMs);
    bus.connection.on('error', () => finish({ shown: true }));
    bus.nameHasOwner(STATUS_NOTIFIER_WATCHER, (error, owned) => {
      if (error !== null && error !== undefined) return finish({ shown: true });
      finish(owned ? { shown: true } : { shown: false, reason: `no ${STATUS_NOTIFIER_WATCHER} on the session bus` });
    });
  });
};
