import type * as IronRdp from '@devolutions/iron-remote-desktop-rdp';

export type IronRdpModule = typeof IronRdp;
export type SessionBuilder = InstanceType<IronRdpModule['Backend']['SessionBuilder']>;
export type RdpSession = Awaited<ReturnType<SessionBuilder['connect']>>;
export type ClipboardData = InstanceType<IronRdpModule['Backend']['ClipboardData']>;

let loading: Promise<IronRdpModule> | undefined;

/**
 * IronRDP's WebAssembly client, loaded on the first connection only: the module is several megabytes (its wasm is
 * inlined), so a dynamic import keeps it in its own chunk, out of the renderer's main one.
 */
export const loadIronRdp = (): Promise<IronRdpModule> => {
  loading ??= import('@devolutions/iron-remote-desktop-rdp')
    .then(async (module) => {
      await module.init('WARN');
      return module;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
};

/** What IronRDP rejects with: a wasm object, not an Error. */
export interface IronErrorLike {
  kind(): number;
  backtrace(): string;
  rdcleanpathDetails?(): { readonly httpStatusCode?: number; readonly wsaErrorCode?: number; readonly tlsAlertCode?: number } | undefined;
}

export const isIronError = (value: unknown): value is IronErrorLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as IronErrorLike).kind === 'function' &&
  typeof (value as IronErrorLike).backtrace === 'function';

/** IronErrorKind of iron-remote-desktop. */
export const IronErrorKind = {
  general: 0,
  wrongPassword: 1,
  logonFailure: 2,
  accessDenied: 3,
  rdCleanPath: 4,
  proxyConnect: 5,
  negotiationFailure: 6,
} as const;
