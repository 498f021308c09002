import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { formatDateTime } from '../../lib/format.js';
import { advance } from '../../lib/map/replay.js';
import { iso } from './texts.js';

export interface ReplayState {
  incidentId: string;
  t: number;
  playing: boolean;
}

/** Playback redraws this often: smooth enough to follow an aircraft, light enough for the screen around it. */
const TICK_MS = 50;

/**
 * The replay control: a slider over the incident's time and a play/pause button. Moving either
 * draws the incident's trails up to that moment on the map.
 */
export function Replay({
  range,
  state,
  onChange,
  onExit,
}: {
  range: { start: number; end: number };
  state: ReplayState | null;
  onChange: (next: { t: number; playing: boolean }) => void;
  onExit: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const current = state?.t ?? range.end;
  const playing = state?.playing ?? false;
  const latest = useRef({ current, range, onChange });
  latest.current = { current, range, onChange };

  useEffect(() => {
    if (!playing) return undefined;
    let last = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      const step = advance(latest.current.current, now - last, latest.current.range);
      last = now;
      latest.current.onChange({ t: step.t, playing: !step.done });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [playing]);

  const label = formatDateTime(iso(current), locale);
  const play = () => onChange({ t: current >= range.end ? range.start : current, playing: true });

  return (
    <div className="drone-replay" role="group" aria-labelledby="drone-replay-heading" data-testid="drone-replay">
      <h3 id="drone-replay-heading">{t('drones.replay.title')}</h3>
      <div className="drone-replay-controls">
        <button
          type="button"
          className="button button-small"
          onClick={playing ? () => onChange({ t: current, playing: false }) : play}
          data-testid="drone-replay-play"
        >
          {playing ? t('drones.replay.pause') : t('drones.replay.play')}
        </button>
        <input
          type="range"
          min={range.start}
          max={range.end}
          step={Math.max(1, Math.round((range.end - range.start) / 500))}
          value={current}
          onChange={(e) => onChange({ t: Number(e.target.value), playing: false })}
          aria-label={t('drones.replay.slider')}
          aria-valuetext={label}
          data-testid="drone-replay-slider"
        />
        <output className="drone-replay-time">{label}</output>
        {state && (
          <button type="button" className="button button-small button-quiet" onClick={onExit}>
            {t('drones.replay.live')}
          </button>
        )}
      </div>
    </div>
  );
}
