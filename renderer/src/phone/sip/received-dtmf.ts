/**
 * The digits the far end sends as RFC 4733 telephone events in the RTP stream. A page is given no received
 * telephone events, so an encoded transform on each audio receiver reads them (received-dtmf.worker.ts).
 *
 * Chromium applies a receiver's transform only if it is set before that receiver's transceiver is tied to the
 * media engine, which happens in the first setLocalDescription/setRemoteDescription that names it. For a
 * transceiver made by addTrack (JsSIP adds the microphone before it applies the offer or makes its own) that is
 * before any description is applied; one set later is accepted without error but never sees a frame. So `watch`
 * is called as soon as the microphone track is added, and again for receivers a remote offer creates.
 */

let worker: Worker | undefined;

/** One worker for every call: each receiver's transform talks to the page over a port of its own. */
const transformWorker = (): Worker => {
  worker ??= new Worker(new URL('./received-dtmf.worker.ts', import.meta.url), { type: 'module', name: 'received-dtmf' });
  return worker;
};

export const receivedDtmfSupported = (): boolean => typeof RTCRtpScriptTransform === 'function';

export class ReceivedDtmf {
  private readonly watched = new WeakSet<RTCRtpReceiver>();
  private readonly ports: MessagePort[] = [];
  private stopped = false;

  constructor(private readonly onDigit: (digit: string) => void) {}

  /** Puts the transform on every audio receiver of `connection` that has none yet. */
  watch(connection: RTCPeerConnection | null | undefined): void {
    if (!connection || this.stopped || !receivedDtmfSupported()) return;
    for (const transceiver of connection.getTransceivers()) {
      const receiver = transceiver.receiver;
      if (receiver.track.kind !== 'audio' || receiver.transform || this.watched.has(receiver)) continue;
      this.watched.add(receiver);
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<unknown>) => {
        if (!this.stopped && typeof event.data === 'string') this.onDigit(event.data);
      };
      this.ports.push(channel.port1);
      receiver.transform = new RTCRtpScriptTransform(transformWorker(), { port: channel.port2 }, [channel.port2]);
    }
  }

  /** The call ended: no more digits from it. */
  stop(): void {
    this.stopped = true;
    for (const port of this.ports.splice(0)) port.close();
  }
}
