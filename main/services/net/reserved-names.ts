/**
 * Names RFC 2606 and RFC 6761 reserve (example, invalid, test and example.com/net/org): they never resolve, so
 * asking a DNS server about them only leaks traffic. A profile naming one, as examples and tests do, is simply
 * unreachable; every service that opens a connection to a configured host checks this first.
 */
const RESERVED_NAME = /(?:^|\.)(?:example|invalid|test|example\.(?:com|net|org))\.?$/i;

export const isReservedName = (host: string): boolean => RESERVED_NAME.test(host);

export const reservedNameReason = (host: string): string => `${host} is a reserved example name that never resolves`;
