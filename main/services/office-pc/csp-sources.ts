/**
 * What the renderer's CSP must allow for the office PC beside the relay's own port (which the office PC service
 * names once it listens): `data:`, because IronRDP's module fetches its own inlined wasm from a data: URL at init.
 * A data: URL carries its bytes in itself, so allowing it lets nothing leave the machine.
 */
export const RDP_RELAY_CONNECT_SOURCES: readonly string[] = ['data:'];
