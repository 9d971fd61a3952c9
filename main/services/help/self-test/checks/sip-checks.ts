import { phoneConfigView } from '../../../phone/phone-config';
import type { CheckContext, CheckVerdict, SelfTestCheckDefinition } from '../check';
import { hasContent, notConfigured, verdict } from '../check';
import { openSipWebSocket, tryRegistration } from '../sip-over-websocket';
import { oneLineMessageOf } from '../../../../../common/error-message';

type PhoneReady = { ready: true; server: string; domain: string; extension: string } | { ready: false; verdict: CheckVerdict };

const phoneOf = (context: CheckContext, id: 'sipWebSocket' | 'sipRegistration'): PhoneReady => {
  const section = context.effective.config.phone;
  if (!hasContent(section)) return { ready: false, verdict: notConfigured() };
  const view = phoneConfigView(section);
  if (!view.configured || !view.server || !view.domain || !view.extension)
    return {
      ready: false,
      verdict: verdict('warn', id, 'incomplete', {
        params: { missing: view.missing.join(', ') },
        detail: `phone settings missing: ${view.missing.join(', ')}`,
      }),
    };
  return { ready: true, server: view.server, domain: view.domain, extension: view.extension };
};

/** The phone system's WebSocket opens and speaks the `sip` subprotocol. */
export const sipWebSocketCheck: SelfTestCheckDefinition = {
  id: 'sipWebSocket',
  timeoutMs: 6_000,
  run: async (context) => {
    const phone = phoneOf(context, 'sipWebSocket');
    if (!phone.ready) return phone.verdict;
    const started = performance.now();
    try {
      const socket = await openSipWebSocket(phone.server, Math.max(context.timeoutMs - 500, 500), context.signal);
      socket.close();
    } catch (error) {
      return verdict('fail', 'sipWebSocket', 'unreachable', { params: { server: phone.server }, detail: oneLineMessageOf(error) });
    }
    return verdict('pass', 'sipWebSocket', 'ok', {
      params: { server: phone.server },
      detail: `${phone.server} opened in ${Math.round(performance.now() - started)} ms (subprotocol sip)`,
      action: false,
    });
  },
};

/** A real REGISTER with the keychain's phone password, removed again at once. */
export const sipRegistrationCheck = (userAgent: string): SelfTestCheckDefinition => ({
  id: 'sipRegistration',
  timeoutMs: 8_000,
  run: async (context) => {
    const phone = phoneOf(context, 'sipRegistration');
    if (!phone.ready) return phone.verdict;
    if (context.earlier.get('sipWebSocket')?.outcome === 'fail')
      return verdict('skipped', 'sipRegistration', 'noSocket', { action: false });
    const password = await context.credentials.secretFor('phone.register');
    if (password.secret === null) return verdict('warn', 'sipRegistration', 'noPassword', { detail: password.reason });
    const account = { server: phone.server, domain: phone.domain, extension: phone.extension, password: password.secret, userAgent };
    const result = await tryRegistration(account, Math.max(context.timeoutMs - 500, 500), context.signal);
    const who = `${phone.extension}@${phone.domain}`;
    if (result.kind === 'registered')
      return verdict('pass', 'sipRegistration', 'ok', {
        params: { extension: phone.extension },
        detail: `${who} registered (expires ${result.expires} s) and unregistered`,
        action: false,
      });
    if (result.kind === 'refused')
      return verdict('fail', 'sipRegistration', 'refused', {
        params: { extension: phone.extension },
        detail: `${who}: ${result.status} ${result.reason}`,
      });
    return verdict('fail', 'sipRegistration', 'failed', { params: { extension: phone.extension }, detail: `${who}: ${result.reason}` });
  },
});
