import type { LocalizedMessage } from '../../../common/contract/app';

/** Something worth a desktop notification; the host decides how to show it, the service what it says. */
export interface DesktopNotice {
  title: LocalizedMessage;
  body?: LocalizedMessage;
  /** A button on the notification, e.g. "Join"; clicking the notification itself shows the window. */
  action?: { label: LocalizedMessage; run(): Promise<unknown> };
}
