import { defineCapability, forward } from '../capability';
import { officePcRequestHandlers } from './handlers';
import { OfficePcService } from './office-pc-service';

/** The office PC over RDP: the renderer's client reaches it through this relay, which knows its address and certificate. */
export const officePcCapability = defineCapability({
  name: 'officePc',
  needs: [],
  create: (context) => {
    const service = new OfficePcService({
      log: context.log.child('officePc'),
      dataDir: context.dataDir,
      ...(context.ports.rendererOrigin ? { rendererOrigin: context.ports.rendererOrigin } : {}),
    });
    context.emit('officePc.state', service.state());
    const stopReporting = service.on('status', (status) => context.report('officePc', status));
    return {
      requests: officePcRequestHandlers(service),
      provides: { connectSources: () => service.connectSources() },
      forwards: [forward(service, { state: 'officePc.state' })],
      configure: ({ config }) => service.configure(config.officePc),
      dispose: async () => {
        stopReporting();
        await service.dispose();
      },
    };
  },
});
