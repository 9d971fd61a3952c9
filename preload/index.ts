import { contextBridge, ipcRenderer } from 'electron';
import { ContractClient } from '../common/contract/client';
import { IPC_CHANNEL, type ScrivaniaApi } from '../common/contract';
import { bridgedError } from '../common/contract/errors';

// Raw ipcRenderer never reaches the page: it sees only `window.scrivania`, whose calls are limited to the
// contract's members and whose answers are parsed with the contract's schemas.
const client = new ContractClient('electron', { send: (message) => ipcRenderer.send(IPC_CHANNEL, message) }, (problem) =>
  console.warn(`scrivania: ${problem}`),
);
ipcRenderer.on(IPC_CHANNEL, (_event, message: unknown) => client.receive(message));

const api: ScrivaniaApi = {
  host: client.host,
  invoke: (key, request) =>
    client.invoke(key, request).catch((error: unknown) => {
      throw bridgedError(error);
    }),
  on: (key, listener) => client.on(key, listener),
  openStream: (key, params) => client.openStream(key, params),
};
contextBridge.exposeInMainWorld('scrivania', api);
