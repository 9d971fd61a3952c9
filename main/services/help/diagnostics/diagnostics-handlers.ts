import type { RequestHandlers, StreamHandlers } from '../../handlers';
import type { DiagnosticsBundler } from './diagnostics-bundler';
import type { DiagnosticsEmail } from './diagnostics-email';

/** Small enough for one WebSocket frame or IPC message each, many fewer than a bundle's bytes. */
const CHUNK_BYTES = 256 * 1024;

export const diagnosticsRequestHandlers = (bundler: DiagnosticsBundler, email: DiagnosticsEmail): Pick<RequestHandlers, 'help.diagnostics.reveal' | 'help.diagnostics.email'> => ({
  'help.diagnostics.reveal': async ({ fileName }) => ({ shown: await bundler.reveal(fileName) }),
  'help.diagnostics.email': ({ fileName, language }) => email.email(fileName, language),
});

export const diagnosticsStreamHandlers = (bundler: DiagnosticsBundler): Pick<StreamHandlers, 'help.diagnostics.download'> => ({
  'help.diagnostics.download': async ({ fileName }, end) => {
    const bytes = await bundler.read(fileName);
    // After the session has answered that the stream is open, so the window is listening.
    setImmediate(() => {
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) end.send(bytes.subarray(offset, offset + CHUNK_BYTES));
      end.close();
    });
  },
});
