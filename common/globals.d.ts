// common/ has neither Node nor DOM types; these timers exist in both, with these shapes.
declare function setTimeout(handler: () => void, milliseconds: number): unknown;
declare function clearTimeout(handle: unknown): void;
