import { describe, expect, it } from 'vitest';
import { PASSWORD_PROMPT, parseManagementLine, parseStateFields } from '../../../main/services/vpn/drivers/openvpn-management-parser';

// Captured from OpenVPN 2.6.14's management interface in the lab (client with --management-hold).
const session = `>INFO:OpenVPN Management Interface Version 5 -- type 'help' for more info
>HOLD:Waiting for hold release:0
SUCCESS: real-time state notification set to ON
1795435927,CONNECTING,,,,,,
END
SUCCESS: hold=1
SUCCESS: bytecount interval changed
SUCCESS: hold release succeeded
>BYTECOUNT:0,0
>STATE:1795435932,WAIT,,,,,,
>STATE:1795435932,AUTH,,,,,,
>STATE:1795435932,ASSIGN_IP,,10.198.9.2,,,,
>STATE:1795435932,ADD_ROUTES,,,,,,
>STATE:1795435932,CONNECTED,SUCCESS,10.198.9.2,10.199.9.1,1194,,
>BYTECOUNT:2057,2029
>NOTIFY:info,server-pushed-connection-reset,
>STATE:1795435965,RECONNECTING,server-pushed-connection-reset,,,,,
ERROR: unknown command, enter 'help' for more options`;

describe('OpenVPN management line parser', () => {
  it('reads a whole captured session, line by line', () => {
    expect(session.split('\n').map((line) => parseManagementLine(line).type)).toEqual([
      'info',
      'hold',
      'success',
      'data',
      'end',
      'success',
      'success',
      'success',
      'bytecount',
      'state',
      'state',
      'state',
      'state',
      'state',
      'bytecount',
      'notification',
      'state',
      'error',
    ]);
  });

  it('reads CONNECTED with the tunnel address, the server and its port', () => {
    expect(parseManagementLine('>STATE:1795435932,CONNECTED,SUCCESS,10.198.9.2,10.199.9.1,1194,,')).toEqual({
      type: 'state',
      state: {
        time: 1795435932,
        name: 'CONNECTED',
        detail: 'SUCCESS',
        localAddress: '10.198.9.2',
        remoteAddress: '10.199.9.1',
        remotePort: 1194,
      },
    });
  });

  it('keeps the reason of RECONNECTING and EXITING, and tolerates the IPv6 field of newer versions', () => {
    expect(parseManagementLine('>STATE:1795435942,RECONNECTING,ping-restart,,,,,')).toEqual({
      type: 'state',
      state: { time: 1795435942, name: 'RECONNECTING', detail: 'ping-restart' },
    });
    expect(parseManagementLine('>STATE:1795435999,EXITING,SIGTERM,,,,,,')).toMatchObject({ state: { name: 'EXITING', detail: 'SIGTERM' } });
    expect(parseStateFields('1795436000,CONNECTED,SUCCESS,10.8.0.6,198.51.100.7,1194,192.168.1.23,51234,fd00::1000')).toMatchObject({
      localAddress: '10.8.0.6',
      remoteAddress: '198.51.100.7',
      remotePort: 1194,
    });
  });

  it('reads the state line of a `state` answer, which has no >STATE: prefix', () => {
    expect(parseStateFields('1795435942,RECONNECTING,SIGUSR1,,,,,')).toEqual({ time: 1795435942, name: 'RECONNECTING', detail: 'SIGUSR1' });
    expect(parseStateFields('END')).toBeUndefined();
    expect(parseStateFields('')).toBeUndefined();
  });

  it('reads byte counters, holds, password requests and fatal errors', () => {
    expect(parseManagementLine('>BYTECOUNT:2097,2069')).toEqual({ type: 'bytecount', bytesIn: 2097, bytesOut: 2069 });
    expect(parseManagementLine('>HOLD:Waiting for hold release:10')).toEqual({ type: 'hold', message: 'Waiting for hold release:10' });
    expect(parseManagementLine(">PASSWORD:Need 'Auth' username/password")).toEqual({
      type: 'password',
      message: "Need 'Auth' username/password",
    });
    expect(parseManagementLine(">PASSWORD:Verification Failed: 'Auth'")).toEqual({
      type: 'password',
      message: "Verification Failed: 'Auth'",
    });
    expect(parseManagementLine('>FATAL:Cannot open TUN/TAP dev /dev/net/tun: No such device (errno=19)')).toEqual({
      type: 'fatal',
      message: 'Cannot open TUN/TAP dev /dev/net/tun: No such device (errno=19)',
    });
  });

  it('tells answers from notifications, and a line ending in CR is the same line', () => {
    expect(parseManagementLine('SUCCESS: hold flag set to ON\r')).toEqual({ type: 'success', message: 'hold flag set to ON' });
    expect(parseManagementLine('ERROR: bad password')).toEqual({ type: 'error', message: 'bad password' });
    expect(parseManagementLine('END\r')).toEqual({ type: 'end' });
    expect(parseManagementLine('>LOG:1795435932,I,Initialization Sequence Completed')).toEqual({
      type: 'notification',
      name: 'LOG',
      message: '1795435932,I,Initialization Sequence Completed',
    });
    expect(parseManagementLine('>BYTECOUNT:garbage')).toEqual({ type: 'notification', name: 'BYTECOUNT', message: 'garbage' });
  });

  it('knows the password prompt, which OpenVPN sends without a line break', () => {
    expect(PASSWORD_PROMPT).toBe('ENTER PASSWORD:');
  });
});
