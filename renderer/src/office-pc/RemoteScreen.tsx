import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officePc } from './controller';
import { canvasCssSize, type Size } from './screen-geometry';
import { useOfficePcStore } from './store';

/** Where the office PC's screen is drawn: the controller's canvas, mounted here while the pane shows. */
export const RemoteScreen = () => {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const { phase, desktop, displayMode, state, cursor, reconnect } = useOfficePcStore();
  const mode = displayMode ?? state?.display ?? 'resize';
  const label = t('officePc.screen');
  const [areaSize, setAreaSize] = useState<Size>({ width: 0, height: 0 });

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const canvas = officePc.canvas;
    element.appendChild(canvas);
    // The canvas passes every key to the office PC: to assistive technology it is an application, not a picture.
    canvas.setAttribute('role', 'application');
    const measure = (): Size => ({ width: element.clientWidth, height: element.clientHeight });
    officePc.setSurface(measure);
    const observer = new ResizeObserver(() => {
      setAreaSize(measure());
      officePc.surfaceResized();
    });
    observer.observe(element);
    setAreaSize(measure());
    // IronRDP resizes the canvas itself when the office PC's desktop size settles or changes.
    const resized = new MutationObserver(() => useOfficePcStore.setState({ desktop: { width: canvas.width, height: canvas.height } }));
    resized.observe(canvas, { attributes: true, attributeFilter: ['width', 'height'] });
    return () => {
      observer.disconnect();
      resized.disconnect();
      canvas.remove();
    };
  }, []);

  useEffect(() => officePc.canvas.setAttribute('aria-label', label), [label]);

  useEffect(() => {
    const canvas = officePc.canvas;
    canvas.style.cursor = cursor;
    if (!desktop || areaSize.width === 0) return;
    // IronRDP sizes the canvas's pixels to the desktop; only its CSS box follows the pane.
    const size = canvasCssSize(mode, desktop, areaSize, window.devicePixelRatio);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
  }, [mode, desktop, areaSize, cursor, phase]);

  return (
    <div ref={area} className={`office-pc-screen mode-${mode}`} data-phase={phase}>
      {phase !== 'connected' && (
        <div className="office-pc-screen-placeholder">
          {phase === 'reconnecting' && reconnect
            ? t('officePc.phase.reconnecting', { attempt: reconnect.attempt, max: reconnect.maxAttempts, seconds: reconnect.delaySeconds })
            : t(phase === 'idle' || phase === 'failed' || phase === 'ended' ? 'officePc.screenIdle' : 'officePc.screenWait')}
        </div>
      )}
    </div>
  );
};
