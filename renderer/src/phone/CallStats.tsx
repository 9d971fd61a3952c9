import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { phone } from './connected';

interface AudioFlow {
  packetsReceived: number;
  packetsSent: number;
  /** Sum of squared sample levels × duration (WebRTC stats); above 0 once the far end is heard. */
  audioEnergy: number;
  packetsLost: number;
}

const readFlow = async (connection: RTCPeerConnection): Promise<AudioFlow> => {
  const flow: AudioFlow = { packetsReceived: 0, packetsSent: 0, audioEnergy: 0, packetsLost: 0 };
  const report = await connection.getStats();
  report.forEach(
    (stat: {
      type: string;
      kind?: string;
      packetsReceived?: number;
      packetsSent?: number;
      totalAudioEnergy?: number;
      packetsLost?: number;
    }) => {
      if (stat.kind !== 'audio') return;
      if (stat.type === 'inbound-rtp') {
        flow.packetsReceived += stat.packetsReceived ?? 0;
        flow.audioEnergy += stat.totalAudioEnergy ?? 0;
        flow.packetsLost += stat.packetsLost ?? 0;
      }
      if (stat.type === 'outbound-rtp') flow.packetsSent += stat.packetsSent ?? 0;
    },
  );
  return flow;
};

/**
 * Whether audio really flows, both ways: what the help desk asks first when someone "hears nothing". Folded under
 * "Call quality" with a one-line verdict, below what the employee does with the call.
 */
export const CallQuality = ({ callId }: { callId: string }) => {
  const { t } = useTranslation();
  const [flow, setFlow] = useState<AudioFlow>();
  useEffect(() => {
    let stopped = false;
    const poll = async (): Promise<void> => {
      const connection = phone().peerConnectionOf(callId);
      if (!connection || stopped) return;
      const next = await readFlow(connection).catch(() => undefined);
      if (next && !stopped) setFlow(next);
    };
    void poll();
    const timer = setInterval(() => void poll(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [callId]);
  if (!flow) return null;
  // More than one packet in twenty lost is where speech audibly breaks up.
  const lossy = flow.packetsLost > 0 && flow.packetsLost / (flow.packetsReceived + flow.packetsLost) > 0.05;
  const verdict = lossy
    ? t('phone.quality.lossy', { lost: flow.packetsLost })
    : flow.audioEnergy > 0
      ? t('phone.quality.good')
      : t('phone.quality.noAudio');
  return (
    <details className="call-quality" data-testid="call-quality">
      <summary>
        {t('phone.quality.title')}: <span className="call-quality-verdict">{verdict}</span>
      </summary>
      <dl
        className="call-stats facts"
        data-testid="call-stats"
        data-packets-received={flow.packetsReceived}
        data-packets-sent={flow.packetsSent}
        data-audio-energy={flow.audioEnergy}
      >
        <dt>{t('phone.stats.received')}</dt>
        <dd>{t('phone.stats.packets', { count: flow.packetsReceived })}</dd>
        <dt>{t('phone.stats.sent')}</dt>
        <dd>{t('phone.stats.packets', { count: flow.packetsSent })}</dd>
        <dt>{t('phone.stats.lost')}</dt>
        <dd>{flow.packetsLost}</dd>
        <dt>{t('phone.stats.heard')}</dt>
        <dd>{flow.audioEnergy > 0 ? t('phone.stats.yes') : t('phone.stats.no')}</dd>
      </dl>
    </details>
  );
};
