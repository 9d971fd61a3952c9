import type { RequestHandlers, StreamHandlers } from '../handlers';
import type { AppService } from './app-service';

export const appRequestHandlers = (app: AppService): Pick<RequestHandlers, 'app.info' | 'app.showWindow'> => ({
  'app.info': () => app.info(),
  'app.showWindow': () => {
    app.requestAttention();
    return {};
  },
});

export const appStreamHandlers: Pick<StreamHandlers, 'app.loopback'> = {
  'app.loopback': (_params, end) => {
    end.onData((chunk) => end.send(chunk));
  },
};
