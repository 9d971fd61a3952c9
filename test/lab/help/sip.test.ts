import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelfTestReport } from '../../../common/contract/help';
import { runDoctorCommand } from '../../../main/cli/doctor-command';
import { sipRegistrationCheck, sipWebSocketCheck } from '../../../main/services/help/self-test/checks/sip-checks';
import { freeLoopbackPort } from '../peers';
import { missingPhonePeer, startPhoneLab, type PhoneLab } from '../phone/phone-lab';
import { missingPeer } from '../secret-service';
import { labProfile, runCheck, startLabKeychain, type LabKeychain, type LabProfile } from './self-test-lab';

const missing =
  process.platform !== 'linux' ? 'the phone and keychain labs run on Linux only' : (missingPhonePeer() ?? missingPeer('secret-service'));
if (missing) console.warn(`self-test phone lab skipped: ${missing}`);

const EMPLOYEE = { user: '2001', password: 'lab-sip-secret-7391' };

describe.skipIf(missing !== undefined)('the phone checks against Kamailio over WebSocket', () => {
  let phone: PhoneLab;
  let keychain: LabKeychain;
  let lab: LabProfile;
  const profiles: LabProfile[] = [];
  const registration = sipRegistrationCheck('Scrivania/lab');

  beforeAll(async () => {
    keychain = await startLabKeychain({ secretService: true });
    phone = await startPhoneLab({ employee: EMPLOYEE });
    lab = await labProfile({ phone: phone.phoneSection() });
    profiles.push(lab);
  });
  afterAll(async () => {
    await phone?.stop();
    await keychain?.stop();
    await Promise.all(profiles.map((made) => made.remove()));
  });

  const run = (definition: Parameters<typeof runCheck>[0], on: LabProfile = lab, earlier: Parameters<typeof runCheck>[1]['earlier'] = []) =>
    runCheck(definition, { profiles: on.profiles, credentials: keychain.credentials, dataDir: on.dir, earlier });

  it('opens the WebSocket with the sip subprotocol', async () => {
    const result = await run(sipWebSocketCheck);
    expect(result).toMatchObject({
      id: 'sipWebSocket',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.sipWebSocket.ok.meaning', params: { server: phone.wsUrl } },
    });
    expect(result.detail).toContain('(subprotocol sip)');
  });

  it('warns when no phone password is saved yet', async () => {
    await keychain.credentials.forget('phone');
    expect(await run(registration)).toMatchObject({
      outcome: 'warn',
      meaning: { key: 'help.selfTest.sipRegistration.noPassword.meaning' },
    });
  });

  it('registers with the right password and removes that binding again', async () => {
    await keychain.credentials.save('phone', EMPLOYEE.password);
    const result = await run(registration);
    expect(result).toMatchObject({
      id: 'sipRegistration',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.sipRegistration.ok.meaning', params: { extension: EMPLOYEE.user } },
    });
    expect(result.detail).toMatch(/^2001@127\.0\.0\.1 registered \(expires \d+ s\) and unregistered$/);
    const log = await phone.kamailioLog();
    // Challenged (CSeq 1), authenticated (2), then the un-REGISTER (3) in the same dialogue, with its own Call-ID.
    const dialogue = /\{1 3 REGISTER ([\w-]+@self-test\.invalid)\} <script>: LAB REGISTER sip:127\.0\.0\.1 from sip:2001@/.exec(log);
    expect(dialogue).not.toBeNull();
    expect(log).toContain(`{1 2 REGISTER ${dialogue?.[1] ?? ''}}`);
    expect(log).not.toContain(EMPLOYEE.password);
  });

  it('fails with "refused your password" for a wrong one', async () => {
    await keychain.credentials.save('phone', 'not-the-password');
    const result = await run(registration);
    expect(result).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.sipRegistration.refused.meaning' },
      action: { key: 'help.selfTest.sipRegistration.refused.action' },
    });
    expect(result.detail).toBe('2001@127.0.0.1: 403 Wrong user name or password');
    await keychain.credentials.save('phone', EMPLOYEE.password);
  });

  it('fails the WebSocket check when the phone system is down, and then does not try to register', async () => {
    const down = await labProfile({ phone: { ...phone.phoneSection(), server: `ws://127.0.0.1:${await freeLoopbackPort()}` } });
    profiles.push(down);
    const socket = await run(sipWebSocketCheck, down);
    expect(socket).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.sipWebSocket.unreachable.meaning' } });
    expect(socket.detail).toContain('ECONNREFUSED');
    expect(await run(registration, down, [socket])).toMatchObject({
      outcome: 'skipped',
      meaning: { key: 'help.selfTest.sipRegistration.noSocket.meaning' },
    });
  });

  it('scrivania doctor --profile exits 0 when everything the profile names works', async () => {
    const file = join(lab.dir, 'signed.json');
    const key = join(lab.dir, 'key.pub.pem');
    await writeFile(file, lab.signed);
    await writeFile(key, lab.publicKeyPem);
    let out = '';
    const code = await runDoctorCommand(['--profile', file, '--trust', key, '--data-dir', lab.dir, '--json'], {
      out: (text) => (out += text),
      err: () => undefined,
    });
    const report = SelfTestReport.parse(JSON.parse(out));
    expect(Object.fromEntries(report.checks.map((check) => [check.id, check.outcome]))).toMatchObject({
      profile: 'pass',
      keychain: 'pass',
      sipWebSocket: 'pass',
      sipRegistration: 'pass',
      microphone: 'skipped',
      vpn: 'skipped',
    });
    expect(code).toBe(0);
    expect(out).not.toContain(EMPLOYEE.password);
  });
});
