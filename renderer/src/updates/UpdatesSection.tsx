import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdatesState } from '../../../common/contract/updates';
import { findLock } from '../../../common/profiles/locks';
import type { UpdateChannel } from '../../../common/profiles/profile-schema';
import { LockNote } from '../profiles/LockNote';
import { useProfilesStore } from '../profiles/store';
import { useShellStore } from '../shell/store';
import { useUpdatesStore } from './store';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shown } from '../errors/catalogue';

const CHANNEL_POINTER = '/updates/channel';
const channels: readonly UpdateChannel[] = ['stable', 'beta'];

/** The channel choice, read-only with who set it when the profile or the OS policy locks it. */
const ChannelField = ({ channel }: { channel: UpdateChannel }) => {
  const { t } = useTranslation();
  const locks = useProfilesStore((store) => store.state?.effective.locks);
  const setUserValue = useProfilesStore((store) => store.setUserValue);
  const [error, setError] = useState<unknown>();
  const lock = locks ? findLock(locks, CHANNEL_POINTER) : undefined;

  const choose = async (value: UpdateChannel): Promise<void> => {
    setError(undefined);
    try {
      await setUserValue(CHANNEL_POINTER, value);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="field" data-pointer={CHANNEL_POINTER}>
      <label htmlFor="setting-update-channel">{t('updates.channel')}</label>
      <select
        id="setting-update-channel"
        value={channel}
        disabled={lock !== undefined}
        aria-describedby={lock ? 'setting-update-channel-lock' : undefined}
        onChange={(event) => void choose(event.target.value as UpdateChannel)}
      >
        {channels.map((option) => (
          <option key={option} value={option}>
            {t(`updates.channels.${option}`)}
          </option>
        ))}
      </select>
      {lock && <LockNote id="setting-update-channel-lock" lock={lock.lock} />}
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
};

const percentOf = (progress: NonNullable<UpdatesState['progress']>): number =>
  progress.total > 0 ? Math.floor((progress.transferred / progress.total) * 100) : 0;

const Progress = ({ progress }: { progress: NonNullable<UpdatesState['progress']> }) => {
  const { t } = useTranslation();
  const percent = percentOf(progress);
  return (
    <div className="inline">
      <progress max={100} value={percent} aria-label={t('updates.progress', { percent })} />
      <span className="muted">{t('updates.progress', { percent })}</span>
    </div>
  );
};

const Facts = ({ state }: { state: UpdatesState }) => {
  const { t, i18n } = useTranslation();
  const time = (iso: string): string => new Date(iso).toLocaleString(i18n.language);
  return (
    <ul className="facts" data-updates-facts>
      {state.server && <li>{t('updates.server', { server: state.server })}</li>}
      <li data-updates-last-check>
        {state.lastCheck
          ? t(`updates.lastCheck.${state.lastCheck.outcome}`, { time: time(state.lastCheck.at) })
          : t('updates.notCheckedYet')}
      </li>
      {state.nextCheckAt && <li>{t('updates.nextCheck', { time: time(state.nextCheckAt) })}</li>}
    </ul>
  );
};

const checkable = (state: UpdatesState): boolean =>
  !['disabled', 'unconfigured', 'checking', 'downloading', 'downloaded', 'installing'].includes(state.phase);

/** The Updates part of Settings: version, channel, the last check and its result, Check now and Restart. */
export const UpdatesSection = () => {
  const { t } = useTranslation();
  const { state, busy, error, check, install } = useUpdatesStore();
  const host = useShellStore((shell) => shell.info?.host ?? 'web');
  if (!state) return null;
  const version = state.available?.version ?? '';
  const active = state.phase !== 'disabled' && state.phase !== 'unconfigured';
  return (
    <section aria-labelledby="updates-title" className="stack" data-updates-phase={state.phase}>
      <h2 id="updates-title">{t('updates.title')}</h2>
      <p>{t('updates.currentVersion', { version: state.currentVersion })}</p>
      <p role="status" data-updates-summary>
        {t(`updates.phase.${state.phase}`, { version })}
      </p>
      {state.problem && (
        <ErrorNotice error={shown(`updates.${state.problem.kind}`, undefined, state.problem.detail)} live="none" testId="updates-problem" />
      )}
      {active && <ChannelField channel={state.channel} />}
      {active && <Facts state={state} />}
      {state.progress && state.phase === 'downloading' && <Progress progress={state.progress} />}
      {active && !state.canInstall && <p className="muted">{t(`updates.cannotInstallHere.${host}`)}</p>}
      <div className="inline">
        {active && (
          <button type="button" className="secondary" disabled={busy || !checkable(state)} onClick={() => void check()}>
            {t('updates.checkNow')}
          </button>
        )}
        {state.phase === 'downloaded' && state.canInstall && (
          <button type="button" disabled={busy} onClick={() => void install()}>
            {t('updates.restart')}
          </button>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </section>
  );
};
