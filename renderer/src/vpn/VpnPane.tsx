import { CircleCheck, CircleX } from 'lucide-react';
import { Fragment } from 'react';
import { PaneHeader } from '../capabilities/PaneHeader';
import { useTranslation } from 'react-i18next';
import type { LocalizedMessage } from '../../../common/contract/app';
import type { VpnDetails, VpnProbe, VpnState } from '../../../common/contract/vpn';
import { StatusBadge } from '../shell/StatusBadge';
import { ErrorNotice } from '../errors/ErrorNotice';
import { technicalDetailOf } from '../../../common/vpn/reason-detail';
import { connectedSince, formatBytes, roundTripTarget } from './details-format';
import { levelOf, useVpnStore } from './store';
import './vpn.css';

const StateBadge = ({ state }: { state: VpnState }) => {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${levelOf[state.state]}`} data-vpn-state={state.state}>
      <span className="dot" aria-hidden="true" />
      {t(`vpn.state.${state.state}`)}
    </span>
  );
};

const ReasonItem = ({ reason }: { reason: LocalizedMessage }) => {
  const { t } = useTranslation();
  const technical = technicalDetailOf(reason);
  return (
    <li>
      {t(reason.key, reason.params ?? {})}
      {technical && (
        <details className="error-details">
          <summary>{t('error.details')}</summary>
          <code>{technical}</code>
        </details>
      )}
    </li>
  );
};

const Actions = ({ state }: { state: VpnState }) => {
  const { t } = useTranslation();
  const { busy, connect, disconnect, refresh } = useVpnStore();
  const { canConnect, canDisconnect, kind } = state.driver;
  const linkUp = state.state === 'connected' || state.state === 'degraded' || state.state === 'connecting';
  return (
    <div className="stack">
      {!canConnect && !canDisconnect && <p className="muted">{t('vpn.pane.statusOnly', { driver: t(`vpn.driver.${kind}`) })}</p>}
      <div className="inline">
        {canConnect && !linkUp && (
          <button type="button" disabled={busy} onClick={() => void connect()}>
            {t('vpn.pane.connect')}
          </button>
        )}
        {canDisconnect && linkUp && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void disconnect()}>
            {t('vpn.pane.disconnect')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => void refresh()}>
          {t('vpn.pane.checkNow')}
        </button>
      </div>
    </div>
  );
};

const Details = ({ details }: { details: VpnDetails }) => {
  const { t, i18n } = useTranslation();
  // The round-trip is a TCP connect to the profile's first TCP target: the label names it, the value adds its address.
  const target = roundTripTarget(details.tcpTarget ?? '');
  const roundTripLabel = t('vpn.details.roundTrip', { target: target.name });
  const facts: [string, string | undefined][] = [
    [t('vpn.details.interface'), details.interfaceName],
    [t('vpn.details.address'), details.assignedAddress],
    [t('vpn.details.gateway'), details.gateway],
    [t('vpn.details.since'), details.connectedSince && connectedSince(details.connectedSince, t, i18n.language)],
    [t('vpn.details.bytesIn'), details.bytesIn === undefined ? undefined : formatBytes(details.bytesIn)],
    [t('vpn.details.bytesOut'), details.bytesOut === undefined ? undefined : formatBytes(details.bytesOut)],
    [
      roundTripLabel,
      details.tcpRoundTripMs === undefined || !details.tcpTarget
        ? undefined
        : `${details.tcpRoundTripMs} ms${target.address ? ` (${target.address})` : ''}`,
    ],
  ];
  const shown = facts.filter((fact): fact is [string, string] => fact[1] !== undefined);
  if (shown.length === 0) return null;
  return (
    <>
      <h2>{t('vpn.details.title')}</h2>
      <dl className="facts-grid" data-vpn-details>
        {shown.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </>
  );
};

/** One row per probe: an icon and a word for the outcome, what was checked, and how long it took. */
const Checks = ({ probes }: { probes: readonly VpnProbe[] }) => {
  const { t } = useTranslation();
  if (probes.length === 0) return null;
  return (
    <>
      <h2>{t('vpn.pane.checks')}</h2>
      <ul className="vpn-checks" data-vpn-probes>
        {probes.map((probe) => {
          const Icon = probe.ok ? CircleCheck : CircleX;
          return (
            <li
              key={`${probe.kind}:${probe.target}`}
              className={probe.ok ? 'vpn-check passed' : 'vpn-check failed'}
              data-probe={probe.kind}
              data-ok={probe.ok}
            >
              <span className="vpn-check-outcome">
                <Icon className="vpn-check-icon" aria-hidden="true" focusable="false" />
                {t(probe.ok ? 'vpn.pane.passed' : 'vpn.pane.failed')}
              </span>
              <span className="vpn-check-what">
                <span className="vpn-check-kind">{t(`vpn.probe.${probe.kind}`)}</span>{' '}
                <span className="vpn-check-target">{probe.kind === 'driver' ? t(`vpn.driverName.${probe.target}`) : probe.target}</span>
              </span>
              {probe.ms !== undefined && <span className="vpn-check-time muted">{probe.ms} ms</span>}
            </li>
          );
        })}
      </ul>
    </>
  );
};

const ConfiguredBody = ({ state }: { state: VpnState }) => {
  const { t, i18n } = useTranslation();
  const error = useVpnStore((store) => store.error);
  return (
    <>
      <p aria-live="polite">
        <StateBadge state={state} />
      </p>
      {state.reasons.length > 0 && (
        <>
          <h2>{t('vpn.pane.reasons')}</h2>
          <ul className="facts" data-vpn-reasons>
            {state.reasons.map((reason) => (
              <ReasonItem key={`${reason.key}:${JSON.stringify(reason.params ?? {})}`} reason={reason} />
            ))}
          </ul>
        </>
      )}
      <Actions state={state} />
      {error && <ErrorNotice error={error} testId="vpn-error" />}
      <Details details={state.details} />
      <Checks probes={state.probes} />
      {state.checkedAt && (
        <p className="muted">{t('vpn.pane.lastChecked', { time: new Date(state.checkedAt).toLocaleTimeString(i18n.language) })}</p>
      )}
    </>
  );
};

/** The VPN pane: whether the office is reachable, why not, the details, and Connect/Disconnect where a driver allows. */
export const VpnPane = () => {
  const { t } = useTranslation();
  const state = useVpnStore((store) => store.state);
  return (
    <section className="pane" data-pane="vpn" aria-labelledby="pane-title">
      <PaneHeader view="vpn" title={t('capability.vpn.title')} />
      <p>{t('capability.vpn.description')}</p>
      {state?.configured ? (
        <ConfiguredBody state={state} />
      ) : (
        <>
          <StatusBadge level="unconfigured" />
          <p className="muted">{t('pane.notConfiguredBody')}</p>
        </>
      )}
    </section>
  );
};
