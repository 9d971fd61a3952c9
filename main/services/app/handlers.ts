import type { RequestKeysOf, StreamKeysOf } from '../capability';
import type { RequestHandlers, StreamHandlers } from '../handlers';
import type { AppService } from './app-service';
import type { PhoneLinkHandler } from './phone-links';

export const appRequestHandlers = (app: AppService, phoneLinks: PhoneLinkHandler): Pick<RequestHandlers, RequestKeysOf<'app'>> => ({
  'app.info': () => app.info(),
  'app.showWindow': () => {
    app.requestAttention();
    return {};
  },
  'app.phoneLinks': () => phoneLinks.state(),
  'app.usePhoneLinks': ({ use }) => phoneLinks.use(use),
});

export const appStreamHandlers: Pick<StreamHandlers, StreamKeysOf<'app'>> = {
  'app.loopback': (_params, end) => {
    end.onData((chunk) => end.send(chunk));
  },
};
