import type { ScrivaniaApi } from '../../../common/contract';
import { unbridgedError } from '../../../common/contract/errors';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by the preload in the Electron host; absent in the web host, where the web bridge stands in. */
    scrivania?: ScrivaniaApi;
  }
}

let api: ScrivaniaApi | undefined;

export const getApi = (): ScrivaniaApi => {
  if (!api) api = window.scrivania ? fromPreload(window.scrivania) : createWebBridge();
  return api;
};

/** The preload's api with its refusals read back into ContractErrors (see bridgedError). */
const fromPreload = (preload: ScrivaniaApi): ScrivaniaApi => ({
  host: preload.host,
  invoke: (key, request) =>
    preload.invoke(key, request).catch((error: unknown) => {
      throw unbridgedError(error);
    }),
  on: (key, listener) => preload.on(key, listener),
  openStream: (key, params) => preload.openStream(key, params),
});
