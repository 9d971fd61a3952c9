import type { RequestKeysOf, StreamKeysOf } from '../capability';
import type { RequestHandlers, StreamHandlers } from '../handlers';
import type { DiagnosticsBundler } from './diagnostics/diagnostics-bundler';
import type { DiagnosticsEmail } from './diagnostics/diagnostics-email';
import type { SelfTestService } from './self-test/self-test-service';

/** Small enough for one WebSocket frame or IPC message each, many fewer than a bundle's bytes. */
const CHUNK_BYTES = 256 * 1024;

export const helpRequestHandlers = (
  selfTest: SelfTestService,
  bundler: DiagnosticsBundler,
  email: DiagnosticsEmail,
): Pick<RequestHandlers, RequestKeysOf<'help'>> => ({
  'help.selfTest.run': ({ audio }) => selfTest.run(audio),
  'help.diagnostics.create': () => bundler.create(),
  'help.diagnostics.reveal': async ({ fileName }) => ({ shown: await bundler.reveal(fileName) }),
  'help.diagnostics.email': ({ fileName, language }) => email.email(fileName, language),
});

export const helpStreamHandlers = (bundler: DiagnosticsBundler): Pick<StreamHandlers, StreamKeysOf<'help'>> => ({
  'help.diagnostics.download': async ({ fileName }, end) => {
    const bytes = await bundler.read(fileName);
    // After the session has answered that the stream is open, so the window is listening.
    setImmediate(() => {
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) end.send(bytes.subarray(offset, offset + CHUNK_BYTES));
      end.close();
    });
  },
});
