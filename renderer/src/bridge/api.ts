import type { ScrivaniaApi } from '../../../common/contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by the preload in the Electron host; absent in the web host, where the web bridge stands in. */
    scrivania?: ScrivaniaApi;
  }
}

let api: ScrivaniaApi | undefined;

export const getApi = (): ScrivaniaApi => {
  if (!api) api = window.scrivania ?? createWebBridge();
  return api;
};
