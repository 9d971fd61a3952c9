import type { TFunction } from 'i18next';
import type { CapabilityId } from '../../../common/contract';

/** "VPN and Phone" / "VPN e Telefono": capabilities named in the language's own list form. */
export const capabilityNames = (ids: readonly CapabilityId[], t: TFunction, language: string): string =>
  new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(ids.map((id) => t(`capability.${id}.title`)));
