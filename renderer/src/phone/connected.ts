import type { PhoneController } from './controller';

let connected: PhoneController | undefined;

/** The controller the phone capability connected at start: the phone's components call its methods. */
export const phone = (): PhoneController => {
  if (!connected) throw new Error('the phone is not connected');
  return connected;
};

export const setConnectedPhone = (controller: PhoneController | undefined): void => {
  connected = controller;
};
