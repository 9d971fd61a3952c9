import { isSameOrAncestor } from './json-pointer';

export type ProfileLock = { by: 'policy' } | { by: 'profile'; organization: string };
export type LockMap = Record<string, ProfileLock>;

/** The lock that stops a change at `pointer`: one on the pointer itself, on a parent, or on something inside it. */
export const findLock = (locks: LockMap, pointer: string): { pointer: string; lock: ProfileLock } | undefined => {
  const entries = Object.entries(locks).filter(([locked]) => isSameOrAncestor(locked, pointer) || isSameOrAncestor(pointer, locked));
  const found = entries.find(([, lock]) => lock.by === 'policy') ?? entries[0];
  return found && { pointer: found[0], lock: found[1] };
};
