import { describe, expect, it } from 'vitest';
import { requestKeys, streamKeys } from '../../../common/contract';
import { capabilityModules, orderedByNeeds, type AnyCapabilityModule } from '../../../main/services/capabilities';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';

const module = (name: string, needs: string[] = []): AnyCapabilityModule =>
  ({ name, needs, create: () => ({ requests: {}, provides: {} }) }) as unknown as AnyCapabilityModule;

describe('the capability registry', () => {
  it('builds each capability after what it needs, in registry order otherwise', () => {
    const names = orderedByNeeds([module('help', ['app', 'meetings']), module('app'), module('meetings', ['phone']), module('phone')]).map(
      (each) => each.name,
    );
    expect(names).toEqual(['app', 'phone', 'meetings', 'help']);
    const registered = orderedByNeeds(capabilityModules).map((each) => each.name);
    for (const capability of capabilityModules)
      for (const need of capability.needs) expect(registered.indexOf(need)).toBeLessThan(registered.indexOf(capability.name));
  });

  it('refuses a need nobody provides and needs in a circle, naming them', () => {
    expect(() => orderedByNeeds([module('meetings', ['phone'])])).toThrow('capability meetings needs phone, which is not registered');
    expect(() => orderedByNeeds([module('phone', ['meetings']), module('meetings', ['phone'])])).toThrow(
      'capabilities need each other in a circle: phone → meetings → phone',
    );
  });

  it('names every capability after the prefix of its contract keys, one capability per prefix', () => {
    const names = capabilityModules.map((each) => each.name);
    expect(new Set(names).size).toBe(names.length);
    const prefixes = new Set([...requestKeys, ...streamKeys].map((key) => key.split('.')[0]));
    for (const prefix of prefixes) expect(names).toContain(prefix);
  });

  it('answers every request and stream of the contract once the backend is built', async () => {
    const backend = testBackend('web', memoryLog().log);
    try {
      for (const key of requestKeys) expect(typeof backend.parts.requests[key], key).toBe('function');
      for (const key of streamKeys) expect(typeof backend.parts.streams[key], key).toBe('function');
    } finally {
      await backend.dispose();
    }
  });
});
