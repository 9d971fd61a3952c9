/**
 * Names RFC 2606 and RFC 6761 set aside as never resolving: example, invalid and example.com/net/org. Asking a DNS
 * server about them only leaks traffic, so a profile naming one (as examples do) is simply unreachable. Not .test:
 * a local resolver may answer for it, as the lab's intranet DNS does.
 */
const RESERVED_NAME = /(?:^|\.)(?:example|invalid|example\.(?:com|net|org))\.?$/i;

export const isReservedName = (host: string): boolean => RESERVED_NAME.test(host);

export const reservedNameReason = (host: string): string => `${host} is a reserved example name that never resolves`;
