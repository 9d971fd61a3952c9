import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { contract, requestKeys, type RequestKey, type ServerMessage } from '../../../common/contract';
import { ContractSession } from '../../../main/host/core/session';
import { startWebHost, type WebHost } from '../../../main/host/web/web-host';
import { arbitraryOf, type JsonSchema } from '../../support/json-schema-arbitrary';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';

/**
 * Property-based fuzzing of the contract: payloads generated from each request's own zod schema, valid and invalid,
 * through a real ContractSession and through the web host's socket. Every answer must be a success or a one-line
 * error, and the backend must keep answering.
 */

/**
 * Requests that would reach outside the test's own data folder with a valid payload: the keychain, the network
 * (a calendar or profile address), a mail program. They are fuzzed with invalid payloads only, which never reach
 * a handler.
 */
const REACHES_OUTSIDE = new Set<RequestKey>([
  'credentials.save',
  'credentials.forget',
  'credentials.has',
  'credentials.forPurpose',
  'credentials.status',
  'credentials.forgetScope',
  'meetings.addCalendar',
  'profiles.import',
  'help.selfTest.run',
  'help.diagnostics.email',
  'help.diagnostics.reveal',
]);

const MAX_ERROR_CHARS = 600;

interface Answer {
  ok: boolean;
  error?: { code: string; message: string };
}

const schemaOf = (key: RequestKey): z.ZodType => contract[key].request as z.ZodType;
const jsonSchemaOf = (key: RequestKey): JsonSchema => z.toJSONSchema(schemaOf(key), { unrepresentable: 'any' }) as JsonSchema;

/** Valid by the request's own schema, refinements included. */
const validPayload = (key: RequestKey): fc.Arbitrary<unknown> =>
  arbitraryOf(jsonSchemaOf(key)).filter((value) => schemaOf(key).safeParse(value).success);

/** What a hostile or broken renderer sends: anything at all, an object with keys of its own, or deep nesting. */
const invalidPayload = (key: RequestKey): fc.Arbitrary<unknown> =>
  fc
    .oneof(
      fc.anything({ maxDepth: 4 }),
      fc.dictionary(fc.constantFrom('id', 'key', 'value', 'url', '__proto__', 'constructor', 'stray'), fc.jsonValue({ maxDepth: 2 })),
      fc.integer({ min: 65, max: 300 }).map((depth) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), 1)),
    )
    .filter((value) => !schemaOf(key).safeParse(value).success);

const expectOneLine = (answer: Answer): void => {
  if (answer.ok) return;
  expect(answer.error?.message).toBeTypeOf('string');
  expect(answer.error!.message).not.toContain('\n');
  expect(answer.error!.message.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
};

describe('the contract under generated payloads', () => {
  const { log } = memoryLog();
  const backend = testBackend('web', log);
  const replies = new Map<number, (answer: Answer) => void>();
  const session = new ContractSession(
    backend.parts,
    {
      description: 'fuzz',
      send: (message: ServerMessage) => {
        if (message.t === 'response') replies.get(message.id)?.(message as Answer);
      },
    },
    'web',
  );
  let nextId = 1;
  const ask = (key: string, payload: unknown): Promise<Answer> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${key}: no answer within 5 s to ${JSON.stringify(payload).slice(0, 200)}`)), 5_000);
      replies.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      void session.receive({ t: 'request', id, key, payload });
    });
  };

  afterAll(async () => {
    session.dispose();
    await backend.dispose();
  });

  it.each(requestKeys)('%s refuses every invalid payload with bad-request, in one line', async (key) => {
    await fc.assert(
      fc.asyncProperty(invalidPayload(key), async (payload) => {
        const answer = await ask(key, payload);
        expect(answer.ok).toBe(false);
        expect(answer.error?.code).toBe('bad-request');
        expectOneLine(answer);
      }),
      { numRuns: 25 },
    );
  });

  it.each(requestKeys.filter((key) => !REACHES_OUTSIDE.has(key)))(
    '%s answers every valid payload with a success or a one-line error',
    async (key) => {
      await fc.assert(
        fc.asyncProperty(validPayload(key), async (payload) => {
          expectOneLine(await ask(key, payload));
        }),
        { numRuns: 15 },
      );
      // And the backend still answers.
      expect((await ask('app.info', {})).ok).toBe(true);
    },
  );
});

describe("the web host's socket under generated messages", () => {
  const { log } = memoryLog();
  const backend = testBackend('web', log);
  let host: WebHost;
  let socket: WebSocket;
  type Reply = { t: string; ok?: boolean; error?: { message: string }; bytes: number };
  const waiting: ((message: Reply) => void)[] = [];

  beforeAll(async () => {
    host = await startWebHost({ parts: backend.parts, rendererDir: '/nonexistent', log });
    const token = new URL(host.url).hash.slice('#token='.length);
    const origin = `http://127.0.0.1:${host.port}`;
    socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, ['scrivania', `token.${token}`], { headers: { Origin: origin } });
    socket.on('message', (data) => {
      const text = data.toString();
      waiting.shift()?.({ ...(JSON.parse(text) as Omit<Reply, 'bytes'>), bytes: text.length });
    });
    await new Promise((resolve) => socket.once('open', resolve));
  });

  afterAll(async () => {
    socket?.close();
    await host?.close();
    await backend.dispose();
  });

  const exchange = (text: string) =>
    new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within 5 s to ${text.slice(0, 200)}`)), 5_000);
      waiting.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
      socket.send(text);
    });

  it('answers every malformed wire message with one short line and keeps the connection', async () => {
    const wireMessage = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc
        .record({
          t: fc.constantFrom('request', 'subscribe', 'stream.open', 'bogus'),
          id: fc.anything(),
          key: fc.string(),
          payload: fc.anything(),
        })
        .map((value) => JSON.stringify(value)),
      // A huge unknown key: the reply quotes an excerpt of it, never the whole.
      fc
        .string({ minLength: 1, maxLength: 20 })
        .map((seed) =>
          JSON.stringify({ t: 'request', id: 1, key: 'app.info', payload: { [seed.repeat(Math.ceil(500_000 / seed.length))]: 1 } }),
        ),
    );
    await fc.assert(
      fc.asyncProperty(wireMessage, async (text) => {
        const reply = await exchange(text);
        const message = reply.error?.message ?? '';
        expect(message).not.toContain('\n');
        expect(message.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
        expect(reply.bytes).toBeLessThan(64 * 1024);
        expect(socket.readyState).toBe(WebSocket.OPEN);
      }),
      { numRuns: 200 },
    );
    expect((await exchange(JSON.stringify({ t: 'request', id: 7, key: 'app.info', payload: {} }))).ok).toBe(true);
  });
});
