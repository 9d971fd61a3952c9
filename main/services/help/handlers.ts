import type { RequestHandlers } from '../handlers';
import type { DiagnosticsBundler } from './diagnostics/diagnostics-bundler';
import type { SelfTestService } from './self-test/self-test-service';

export type HelpRequestKey = 'help.selfTest.run' | 'help.diagnostics.create';

export const helpRequestHandlers = (selfTest: SelfTestService, diagnostics: DiagnosticsBundler): Pick<RequestHandlers, HelpRequestKey> => ({
  'help.selfTest.run': ({ audio }) => selfTest.run(audio),
  'help.diagnostics.create': () => diagnostics.create(),
});
