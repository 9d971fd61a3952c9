import type { z } from 'zod';
import { appContract } from './app';
import { credentialsContract } from './credentials';
import { helpContract } from './help';
import { meetingsContract } from './meetings';
import { officePcContract } from './office-pc';
import { phoneContract } from './phone';
import { profilesContract } from './profiles';
import { updatesContract } from './updates';
import { vpnContract } from './vpn';
import type { EventMember, RequestMember, StreamMember } from './define';

/** Every member that crosses a process boundary. Add a capability's members by spreading its map here. */
export const contract = {
  ...appContract,
  ...credentialsContract,
  ...helpContract,
  ...meetingsContract,
  ...officePcContract,
  ...phoneContract,
  ...profilesContract,
  ...updatesContract,
  ...vpnContract,
};

export type Contract = typeof contract;
export type ContractKey = keyof Contract;

type KeysOfKind<M> = { [K in ContractKey]: Contract[K] extends M ? K : never }[ContractKey];
export type RequestKey = KeysOfKind<RequestMember>;
export type EventKey = KeysOfKind<EventMember>;
export type StreamKey = KeysOfKind<StreamMember>;

type MemberOf<K extends ContractKey> = Contract[K];
export type RequestOf<K extends RequestKey> = z.infer<MemberOf<K> extends RequestMember<infer R> ? R : never>;
export type ResponseOf<K extends RequestKey> = z.infer<MemberOf<K> extends RequestMember<z.ZodType, infer R> ? R : never>;
export type EventOf<K extends EventKey> = z.infer<MemberOf<K> extends EventMember<infer P> ? P : never>;
export type StreamParamsOf<K extends StreamKey> = z.infer<MemberOf<K> extends StreamMember<infer O> ? O : never>;

const keysOfKind = (kind: 'request' | 'event' | 'stream'): string[] =>
  Object.entries(contract)
    .filter(([, member]) => member.kind === kind)
    .map(([key]) => key);

export const requestKeys = keysOfKind('request') as RequestKey[];
export const eventKeys = keysOfKind('event') as EventKey[];
export const streamKeys = keysOfKind('stream') as StreamKey[];

export const isRequestKey = (key: unknown): key is RequestKey => typeof key === 'string' && (requestKeys as string[]).includes(key);
export const isEventKey = (key: unknown): key is EventKey => typeof key === 'string' && (eventKeys as string[]).includes(key);
export const isStreamKey = (key: unknown): key is StreamKey => typeof key === 'string' && (streamKeys as string[]).includes(key);

export * from './app';
export * from './api';
export * from './errors';
export * from './wire';
