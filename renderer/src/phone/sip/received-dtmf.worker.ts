import { TelephoneEventCounter } from './telephone-event';

/**
 * The encoded transform on a call's audio receiver: every frame goes on unchanged, and the telephone-event ones
 * (RFC 4733) are read on the way, each finished key press posted once to the port the page gave this transform.
 */

interface ReceiverTransformer {
  readonly readable: ReadableStream<RTCEncodedAudioFrame>;
  readonly writable: WritableStream<RTCEncodedAudioFrame>;
  readonly options: { port?: MessagePort } | undefined;
}

// The renderer is type-checked with the DOM library; of the worker's own scope this needs only the one handler.
declare const self: { onrtctransform: ((event: { transformer: ReceiverTransformer }) => void) | null };

const TELEPHONE_EVENT = 'audio/telephone-event';

self.onrtctransform = ({ transformer }) => {
  const port = transformer.options?.port;
  const counter = new TelephoneEventCounter();
  const inspect = (frame: RTCEncodedAudioFrame): void => {
    const metadata = frame.getMetadata();
    if (metadata.mimeType?.toLowerCase() !== TELEPHONE_EVENT) return;
    const packet = {
      ssrc: metadata.synchronizationSource ?? 0,
      timestamp: metadata.rtpTimestamp ?? frame.timestamp,
      payload: new Uint8Array(frame.data),
    };
    for (const digit of counter.receive(packet)) port?.postMessage(digit);
  };
  transformer.readable
    .pipeThrough(
      new TransformStream<RTCEncodedAudioFrame, RTCEncodedAudioFrame>({
        transform(frame, controller) {
          try {
            inspect(frame);
          } catch {
            // A malformed event is no digit, and the call's audio must go on whatever is read from it.
          }
          controller.enqueue(frame);
        },
      }),
    )
    .pipeTo(transformer.writable)
    .catch(() => port?.close());
};
