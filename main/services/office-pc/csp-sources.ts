/**
 * What the renderer's CSP must allow for the office PC: the relay's WebSocket on loopback (its port is chosen at
 * run time, hence the wildcard port), and `data:` because IronRDP's module fetches its own inlined wasm from a
 * data: URL at init. A data: URL carries its bytes in itself, so allowing it lets nothing leave the machine.
 */
export const RDP_RELAY_CONNECT_SOURCES: readonly string[] = ['ws://127.0.0.1:*', 'data:'];
