import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HitGrid } from '../../lib/map/hit.js';
import { clampViewport, panBy, presetViewport, PRESETS, resized, zoomAt, type PresetId, type Viewport } from '../../lib/map/projection.js';
import { renderMap, Scratch, type Scene } from '../../lib/map/render.js';
import type { ReplayFrame } from '../../lib/map/replay.js';
import type { Geography } from '../../lib/types.js';
import type { DroneFeed } from './feed.js';

export interface MapFocus {
  lon: number;
  lat: number;
  /** A new number asks again for the same place. */
  seq: number;
}

interface Props {
  feed: DroneFeed;
  geography: Geography | null;
  selected: string | null;
  hovered: string | null;
  onHover: (id: string | null) => void;
  onSelect: (id: string | null) => void;
  replay: ReplayFrame | null;
  focus: MapFocus | null;
  lang: 'en' | 'es';
  /** Shown over the map: the empty and connection states. */
  children?: ReactNode;
}

const PAN_STEP_PX = 80;
const ZOOM_STEP = 1.5;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP_PX = 4;
const HIT_RADIUS_PX = 12;
/** Stale tracks fade with time even when nothing arrives: the map looks again this often. */
const IDLE_REDRAW_MS = 5000;
/** Zoom for "show me this track": a few kilometres across. */
const FOCUS_ZOOM = 3000;

/**
 * The map: a canvas drawn only when something changed (stream batch, pan, zoom, selection), one
 * frame at a time. The viewport lives in a ref, not in React state, so a drag redraws the canvas
 * without rendering the screen around it.
 */
export function MapView({ feed, geography, selected, hovered, onHover, onSelect, replay, focus, lang, children }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const viewport = useRef<Viewport | null>(null);
  const hit = useRef(new HitGrid());
  const scratch = useRef(new Scratch());
  const frame = useRef<number | null>(null);
  const incidentIds = useRef<{ version: number; ids: Set<string> }>({ version: -1, ids: new Set() });
  const drag = useRef<{ id: number; x: number; y: number; moved: boolean } | null>(null);
  const sceneProps = useRef({ geography, selected, hovered, replay, lang });
  sceneProps.current = { geography, selected, hovered, replay, lang };
  const [zoomText, setZoomText] = useState('');

  const draw = useCallback(() => {
    frame.current = null;
    const el = canvas.current;
    const v = viewport.current;
    if (!el || !v) return;
    const ctx = el.getContext('2d');
    if (!ctx) return;
    const dpr = el.width / Math.max(1, v.width);
    const state = feed.state;
    if (incidentIds.current.version !== state.incidentVersion)
      incidentIds.current = { version: state.incidentVersion, ids: state.incidentTrackIds() };
    const p = sceneProps.current;
    const scene: Scene = {
      geography: p.geography,
      tracks: state.tracks.values(),
      ownCountry: state.country,
      nodeNow: Date.now() + state.clockOffsetMs,
      incidentTracks: incidentIds.current.ids,
      selected: p.selected,
      hovered: p.hovered,
      replay: p.replay,
      lang: p.lang,
    };
    const stats = renderMap(ctx, v, dpr, scene, hit.current, scratch.current);
    // For tests and for anyone inspecting the page: what the map holds and what it shows right now.
    const box = container.current;
    if (box) {
      box.dataset.trackCount = String(state.tracks.size);
      box.dataset.visibleTracks = String(stats.visibleTracks);
    }
  }, [feed]);

  const requestDraw = useCallback(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  const setViewport = useCallback(
    (next: Viewport) => {
      const region = sceneProps.current.geography?.region ?? { west: -118.5, south: 24.5, east: -96.5, north: 34.5 };
      viewport.current = clampViewport(next, region);
      setZoomText(String(Math.round(viewport.current.zoom)));
      requestDraw();
    },
    [requestDraw],
  );

  // The backing store follows the element's size and the screen's pixel density, so lines stay sharp.
  useEffect(() => {
    const box = container.current;
    const el = canvas.current;
    if (!box || !el) return undefined;
    const fit = () => {
      const rect = box.getBoundingClientRect();
      const width = Math.max(1, Math.round(rect.width));
      const height = Math.max(1, Math.round(rect.height));
      const dpr = window.devicePixelRatio || 1;
      el.width = Math.round(width * dpr);
      el.height = Math.round(height * dpr);
      const v = viewport.current;
      setViewport(v ? resized(v, width, height) : presetViewport('border', sceneProps.current.geography?.border ?? [], width, height));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, [setViewport]);

  useEffect(() => feed.onDrawable(requestDraw), [feed, requestDraw]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (feed.state.tracks.size > 0) requestDraw();
    }, IDLE_REDRAW_MS);
    return () => window.clearInterval(timer);
  }, [feed, requestDraw]);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );
  useEffect(requestDraw, [geography, selected, hovered, replay, lang, requestDraw]);

  // The first geography fits the whole line, once (later it would undo the reader's pan and zoom).
  const fitted = useRef(false);
  useEffect(() => {
    const v = viewport.current;
    if (!geography || fitted.current || !v) return;
    fitted.current = true;
    setViewport(presetViewport('border', geography.border, v.width, v.height));
  }, [geography, setViewport]);

  useEffect(() => {
    const v = viewport.current;
    if (!focus || !v) return;
    setViewport({ ...v, lon: focus.lon, lat: focus.lat, zoom: Math.max(v.zoom, FOCUS_ZOOM) });
  }, [focus, setViewport]);

  // Wheel zoom needs a listener that may cancel scrolling, which React's onWheel cannot be.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return undefined;
    const onWheel = (e: WheelEvent) => {
      const v = viewport.current;
      if (!v) return;
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      setViewport(zoomAt(v, factor, e.clientX - rect.left, e.clientY - rect.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [setViewport]);

  const local = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    const v = viewport.current;
    if (d && d.id === e.pointerId && v) {
      const dx = e.clientX - d.x,
        dy = e.clientY - d.y;
      if (!d.moved && Math.hypot(dx, dy) < CLICK_SLOP_PX) return;
      d.moved = true;
      const rect = e.currentTarget.getBoundingClientRect();
      setViewport(panBy(v, dx, dy, d.x - rect.left, d.y - rect.top));
      d.x = e.clientX;
      d.y = e.clientY;
      return;
    }
    const { x, y } = local(e);
    const id = hit.current.nearest(x, y, HIT_RADIUS_PX);
    if (id !== sceneProps.current.hovered) onHover(id);
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const { x, y } = local(e);
    onSelect(hit.current.nearest(x, y, HIT_RADIUS_PX));
  };

  const zoomBy = (factor: number) => {
    const v = viewport.current;
    if (v) setViewport(zoomAt(v, factor, v.width / 2, v.height / 2));
  };

  const goTo = (id: PresetId) => {
    const v = viewport.current;
    if (v) setViewport(presetViewport(id, geography?.border ?? [], v.width, v.height));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const v = viewport.current;
    if (!v || e.target !== e.currentTarget) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP_PX, 0],
      ArrowRight: [-PAN_STEP_PX, 0],
      ArrowUp: [0, PAN_STEP_PX],
      ArrowDown: [0, -PAN_STEP_PX],
    };
    const move = moves[e.key];
    if (move) setViewport(panBy(v, move[0], move[1]));
    else if (e.key === '+' || e.key === '=') zoomBy(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') zoomBy(1 / ZOOM_STEP);
    else if (e.key === '0' || e.key === 'Home') goTo('border');
    else if (e.key === 'Escape') onSelect(null);
    else return;
    e.preventDefault();
  };

  return (
    <div className="drone-map">
      <div className="drone-map-toolbar" role="toolbar" aria-label={t('drones.map.controls')}>
        <div className="drone-map-presets" role="group" aria-label={t('drones.map.presets')}>
          {PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button button-small button-quiet"
              onClick={() => goTo(p.id)}
              data-testid={`drone-preset-${p.id}`}
            >
              {t(`drones.preset.${p.id}`)}
            </button>
          ))}
        </div>
        <div className="drone-map-zoom" role="group" aria-label={t('drones.map.zoom')}>
          <button
            type="button"
            className="button button-small"
            onClick={() => zoomBy(ZOOM_STEP)}
            aria-label={t('drones.map.zoomIn')}
            title={t('drones.map.zoomIn')}
          >
            +
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => zoomBy(1 / ZOOM_STEP)}
            aria-label={t('drones.map.zoomOut')}
            title={t('drones.map.zoomOut')}
          >
            −
          </button>
        </div>
      </div>
      <div
        ref={container}
        className="drone-map-surface"
        tabIndex={0}
        role="application"
        aria-roledescription={t('drones.map.roleDescription')}
        aria-label={t('drones.map.label')}
        aria-describedby="drone-map-keys"
        onKeyDown={onKeyDown}
        data-testid="drone-map"
        data-zoom={zoomText}
      >
        <canvas
          ref={canvas}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            drag.current = null;
          }}
          onPointerLeave={() => {
            if (!drag.current && sceneProps.current.hovered !== null) onHover(null);
          }}
          onDoubleClick={(e) => {
            const v = viewport.current;
            const rect = e.currentTarget.getBoundingClientRect();
            if (v) setViewport(zoomAt(v, 2, e.clientX - rect.left, e.clientY - rect.top));
          }}
        />
        {children}
      </div>
      <p id="drone-map-keys" className="drone-map-keys">
        {t('drones.map.keys')}
      </p>
      <p className="drone-map-attribution">{t('drones.map.attribution')}</p>
    </div>
  );
}
