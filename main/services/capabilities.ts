import type { RequestKey, StreamKey } from '../../common/contract';
import { appCapability } from './app/app-capability';
import type { CapabilityContext, CapabilityName, Forwarding } from './capability';
import { credentialsCapability } from './credentials/credentials-capability';
import type { RequestHandlers, StreamHandlers } from './handlers';
import { helpCapability } from './help/help-capability';
import { meetingsCapability } from './meetings/meetings-capability';
import { officePcCapability } from './office-pc/office-pc-capability';
import { phoneCapability } from './phone/phone-capability';
import type { EffectiveConfiguration } from './profiles/effective-config';
import { profilesCapability } from './profiles/profiles-capability';
import type { Provisions } from './provisions';
import { updatesCapability } from './updates/updates-capability';
import { vpnCapability } from './vpn/vpn-capability';

/** Every capability of the app. A new one is a folder in common/contract, main/services and renderer/src, and a line here. */
export const capabilityModules = [
  appCapability,
  credentialsCapability,
  profilesCapability,
  phoneCapability,
  meetingsCapability,
  vpnCapability,
  officePcCapability,
  updatesCapability,
  helpCapability,
] as const;

type Registered = (typeof capabilityModules)[number]['name'];
/** A contract request or stream whose prefix names no registered capability would have no handler: a type error here. */
type Unanswered = Exclude<RequestKey | StreamKey, `${Registered}.${string}`>;
export const everyMemberHasACapability: [Unanswered] extends [never] ? true : Unanswered = true;

/** A capability as the backend runs it, whatever its name. */
export interface AnyRunningCapability {
  requests: Partial<RequestHandlers>;
  streams?: Partial<StreamHandlers>;
  provides: unknown;
  forwards?: Forwarding[];
  configure?(effective: EffectiveConfiguration): void;
  start?(): void;
  dispose?(): void | Promise<void>;
}

export interface AnyCapabilityModule {
  name: CapabilityName;
  needs: readonly CapabilityName[];
  create(context: CapabilityContext, needed: Provisions): AnyRunningCapability;
}

/** The modules with each after everything it needs, in registry order otherwise; a missing or circular need is an error. */
export const orderedByNeeds = (modules: readonly AnyCapabilityModule[]): AnyCapabilityModule[] => {
  const byName = new Map(modules.map((module) => [module.name, module]));
  const ordered: AnyCapabilityModule[] = [];
  const visiting = new Set<CapabilityName>();
  const visit = (module: AnyCapabilityModule, path: readonly CapabilityName[]): void => {
    if (ordered.includes(module)) return;
    if (visiting.has(module.name)) throw new Error(`capabilities need each other in a circle: ${[...path, module.name].join(' → ')}`);
    visiting.add(module.name);
    for (const name of module.needs) {
      const needed = byName.get(name);
      if (!needed) throw new Error(`capability ${module.name} needs ${name}, which is not registered`);
      visit(needed, [...path, module.name]);
    }
    ordered.push(module);
  };
  modules.forEach((module) => visit(module, []));
  return ordered;
};
