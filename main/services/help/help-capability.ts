import { join } from 'node:path';
import { defineCapability, forward } from '../capability';
import { DiagnosticsBundler } from './diagnostics/diagnostics-bundler';
import { DiagnosticsEmail } from './diagnostics/diagnostics-email';
import { openEmailDraft } from './diagnostics/email-draft';
import { helpRequestHandlers, helpStreamHandlers } from './handlers';
import { LAST_SELF_TEST_FILE, SelfTestService } from './self-test/self-test-service';

/** "Check my setup" and the diagnostics bundle. */
export const helpCapability = defineCapability({
  name: 'help',
  needs: ['app', 'credentials', 'profiles', 'meetings'],
  create: (context, { app, credentials, profiles, meetings }) => {
    const log = context.log.child('help');
    const { ports } = context;
    const selfTest = new SelfTestService({
      log,
      credentials,
      profiles,
      dataDir: context.dataDir,
      reportFile: join(context.dataDir, LAST_SELF_TEST_FILE),
      userAgent: `Scrivania/${context.version}`,
      calendars: () => meetings.calendarSources(),
    });
    const outDir = join(context.dataDir, 'diagnostics');
    const diagnostics = new DiagnosticsBundler({
      logDir: ports.logDir ?? join(context.dataDir, 'logs'),
      outDir,
      info: () => app.info(),
      profiles,
      lastSelfTest: () => selfTest.last(),
      clock: () => new Date(),
      // What the app reports right now, for the bundle's status.json.
      liveStatus: () => ({ app: app.status(), vpn: context.retained('vpn.state'), updates: context.retained('updates.state') }),
      ...(ports.showItemInFolder ? { showItemInFolder: ports.showItemInFolder } : {}),
    });
    // Both hosts run this process on the employee's own PC (the web host serves 127.0.0.1 only), so both open its mail program.
    const email = new DiagnosticsEmail({
      outDir,
      helpdeskEmail: () => profiles.effective().config.helpdesk?.email,
      openDraft: (draft) => openEmailDraft(draft, { platform: process.platform, env: process.env }),
      ...(ports.openExternal ? { openExternal: ports.openExternal } : {}),
      reveal: (fileName) => diagnostics.reveal(fileName),
      log,
    });
    context.emit('help.selfTest.last', null);
    return {
      requests: helpRequestHandlers(selfTest, diagnostics, email),
      streams: helpStreamHandlers(diagnostics),
      provides: {},
      forwards: [forward(selfTest, { report: 'help.selfTest.last', progress: 'help.selfTest.progress' })],
      // The self-test reads the effective configuration when it runs.
      configure: (effective) => diagnostics.configure(effective),
      start: () => void selfTest.load(),
    };
  },
});
