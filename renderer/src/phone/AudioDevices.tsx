import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { phone } from './connected';
import { usePhoneStore } from './store';

type Kind = 'microphone' | 'speaker' | 'ringer';

/** Microphone, speaker and ringer, remembered in main; labels appear once the microphone was allowed. */
export const AudioDevices = () => {
  const { t } = useTranslation();
  const preferences = usePhoneStore((store) => store.preferences);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const load = (): void => void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => undefined);
    load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', load);
  }, []);
  const field = (kind: Kind, deviceKind: MediaDeviceKind) => {
    const options = devices.filter((device) => device.kind === deviceKind && device.deviceId !== 'default' && device.deviceId !== '');
    return (
      <div className="field" key={kind}>
        <label htmlFor={`phone-${kind}`}>{t(`phone.audio.${kind}`)}</label>
        <select
          id={`phone-${kind}`}
          value={preferences?.[kind] ?? ''}
          onChange={(event) => void phone().setDevice(kind, event.target.value)}
        >
          <option value="">{t('phone.audio.default')}</option>
          {options.map((device, index) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || `${t(`phone.audio.${kind}`)} ${index + 1}`}
            </option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <div className="stack">
      {field('microphone', 'audioinput')}
      {field('speaker', 'audiooutput')}
      {field('ringer', 'audiooutput')}
    </div>
  );
};
