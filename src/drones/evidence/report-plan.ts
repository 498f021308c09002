/**
 * The report's plan: an inline SVG of the trails, pilots, take-off points and timeline events,
 * with the stretch of border line that runs through the incident's area. Equirectangular, the
 * longitude scaled by cos(latitude) at the middle of the area, which keeps distances and angles
 * true enough over the few kilometres of an incident.
 */
import type { Classification, IncidentView } from '../model.js';
import { borderService } from '../border/service.js';
import type { Words } from './report-words.js';

/** [lon, lat] */
type LonLat = readonly [number, number];

export interface Area {
  west: number;
  east: number;
  south: number;
  north: number;
}

const WIDTH = 760;
const MAX_HEIGHT = 560;
const PAD = 16;
/** Around the positions, so the line and markers at the edge stay visible (≈ 500 m at least). */
const MIN_MARGIN_DEG = 0.005;

export const CLASSIFICATION_COLOUR: Record<Classification, string> = {
  hostile: '#c62828',
  suspect: '#ef6c00',
  unknown: '#6a1b9a',
  friendly: '#1565c0',
};

/** Every position the incident holds, [lon, lat]. */
export function incidentPositions(view: IncidentView): LonLat[] {
  const out: LonLat[] = [];
  for (const track of view.tracks) {
    for (const p of track.trail) out.push([p.lon, p.lat]);
    if (track.pilot) out.push([track.pilot.lon, track.pilot.lat]);
    if (track.takeoff) out.push([track.takeoff.lon, track.takeoff.lat]);
  }
  for (const e of view.timeline) if (e.lat !== null && e.lon !== null) out.push([e.lon, e.lat]);
  return out;
}

/** The positions' bounding box grown by a margin, or null when there are none. */
export function areaOf(positions: readonly LonLat[]): Area | null {
  if (positions.length === 0) return null;
  let west = Infinity,
    east = -Infinity,
    south = Infinity,
    north = -Infinity;
  for (const [lon, lat] of positions) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const margin = Math.max(MIN_MARGIN_DEG, 0.15 * Math.max(east - west, north - south));
  return {
    west: Math.max(-180, west - margin),
    east: Math.min(180, east + margin),
    south: Math.max(-90, south - margin),
    north: Math.min(90, north + margin),
  };
}

/**
 * The parts of a polyline inside an area (Liang–Barsky on each segment), joined where consecutive
 * pieces meet, so a line that leaves and re-enters the area gives separate pieces.
 */
export function clipLine(line: readonly LonLat[], area: Area): LonLat[][] {
  const pieces: LonLat[][] = [];
  let current: LonLat[] | null = null;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i];
    const b = line[i + 1];
    if (!a || !b) continue;
    const clipped = clipSegment(a, b, area);
    if (!clipped) {
      current = null;
      continue;
    }
    const [p, q] = clipped;
    const last = current?.[current.length - 1];
    if (current && last && last[0] === p[0] && last[1] === p[1]) current.push(q);
    else pieces.push((current = [p, q]));
    // A segment cut short at its end leaves the area: the next piece starts anew.
    if (q[0] !== b[0] || q[1] !== b[1]) current = null;
  }
  return pieces;
}

function clipSegment(a: LonLat, b: LonLat, area: Area): [LonLat, LonLat] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0,
    t1 = 1;
  const edges: [number, number][] = [
    [-dx, a[0] - area.west],
    [dx, area.east - a[0]],
    [-dy, a[1] - area.south],
    [dy, area.north - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return null;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return null;
      if (r < t1) t1 = r;
    }
  }
  const at = (t: number): LonLat => (t === 0 ? a : t === 1 ? b : [a[0] + t * dx, a[1] + t * dy]);
  return [at(t0), at(t1)];
}

/** The plan as an `<svg>` element, or null when the incident holds no position. */
export function planSvg(view: IncidentView, w: Words): string | null {
  const area = areaOf(incidentPositions(view));
  if (!area) return null;
  const k = Math.cos((((area.south + area.north) / 2) * Math.PI) / 180);
  const spanX = Math.max((area.east - area.west) * k, 1e-9);
  const spanY = Math.max(area.north - area.south, 1e-9);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (MAX_HEIGHT - 2 * PAD) / spanY);
  const width = spanX * scale + 2 * PAD;
  const height = spanY * scale + 2 * PAD;
  const x = (lon: number) => (PAD + (lon - area.west) * k * scale).toFixed(1);
  const y = (lat: number) => (PAD + (area.north - lat) * scale).toFixed(1);
  const points = (ps: readonly LonLat[]) => ps.map(([lon, lat]) => `${x(lon)},${y(lat)}`).join(' ');

  const parts: string[] = [];
  parts.push(`<title>${w.t('plan.label', { id: view.id })}</title>`);
  parts.push(`<rect class="land" x="0" y="0" width="${width.toFixed(1)}" height="${height.toFixed(1)}"/>`);
  const border = borderService();
  for (const piece of clipLine(border.line, area))
    parts.push(`<polyline class="border-line" points="${points(piece)}"><title>${w.t('legend.border')}</title></polyline>`);
  // Which country each corner lies in, so the plan reads without the tables.
  const inset = (area.north - area.south) / 50;
  const north = border.sideOf({ lat: area.north - inset, lon: area.west + inset }).side;
  const south = border.sideOf({ lat: area.south + inset, lon: area.west + inset }).side;
  parts.push(`<text class="side-label" x="${PAD}" y="${PAD + 12}">${w.t(`side.${north}`)}</text>`);
  parts.push(`<text class="side-label" x="${PAD}" y="${(height - PAD - 6).toFixed(1)}">${w.t(`side.${south}`)}</text>`);
  view.tracks.forEach((track, i) => {
    const colour = CLASSIFICATION_COLOUR[track.classification];
    const label = `${w.t('col.track')} ${i + 1}: ${w.data(track.callsign ?? track.trackId)}`;
    if (track.trail.length >= 2)
      parts.push(
        `<polyline class="trail" stroke="${colour}" points="${points(track.trail.map((p) => [p.lon, p.lat]))}"><title>${label}</title></polyline>`,
      );
    const last = track.trail[track.trail.length - 1];
    if (last) {
      parts.push(
        `<circle class="latest" fill="${colour}" cx="${x(last.lon)}" cy="${y(last.lat)}" r="5"><title>${label}, ${w.t('legend.latest')}</title></circle>`,
      );
      parts.push(`<text class="tag" x="${x(last.lon)}" y="${y(last.lat)}" dx="8" dy="-6">T${i + 1}</text>`);
    }
    if (track.takeoff) {
      const cx = Number(x(track.takeoff.lon)),
        cy = Number(y(track.takeoff.lat));
      parts.push(
        `<polygon class="takeoff" points="${cx},${cy - 7} ${cx + 6},${cy + 5} ${cx - 6},${cy + 5}"><title>${label}, ${w.t('legend.takeoff')}</title></polygon>`,
      );
    }
    if (track.pilot) {
      const cx = Number(x(track.pilot.lon)),
        cy = Number(y(track.pilot.lat));
      parts.push(
        `<rect class="pilot" x="${(cx - 5).toFixed(1)}" y="${(cy - 5).toFixed(1)}" width="10" height="10"><title>${label}, ${w.t('legend.pilot')}</title></rect>`,
      );
    }
  });
  for (const e of view.timeline) {
    if (e.lat === null || e.lon === null) continue;
    parts.push(
      `<circle class="event" cx="${x(e.lon)}" cy="${y(e.lat)}" r="3.5"><title>${w.t(`timeline.${e.kind}`)}, ${w.dateTime(e.at)}</title></circle>`,
    );
  }
  const bar = scaleBar(spanX / k, scale * k, (area.south + area.north) / 2);
  parts.push(
    `<g class="scale"><line x1="${(width - PAD - bar.px).toFixed(1)}" y1="${(height - PAD / 2).toFixed(1)}" x2="${(width - PAD).toFixed(1)}" y2="${(height - PAD / 2).toFixed(1)}"/>` +
      `<text x="${(width - PAD).toFixed(1)}" y="${(height - PAD / 2 - 6).toFixed(1)}" text-anchor="end">${w.number(bar.km, 2)} km</text></g>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width.toFixed(1)} ${height.toFixed(1)}" width="${width.toFixed(0)}" height="${height.toFixed(0)}">${parts.join('')}</svg>`;
  return `<figure class="plan">${svg}<figcaption>${legend(w)} ${w.t('plan.caption', { km: w.number(bar.km, 2) })}</figcaption></figure>`;
}

function legend(w: Words): string {
  const item = (cls: string, key: Parameters<Words['t']>[0]) => `<span class="key ${cls}"></span>${w.t(key)}`;
  return `<span class="legend">${[
    item('k-border', 'legend.border'),
    item('k-trail', 'legend.trail'),
    item('k-latest', 'legend.latest'),
    item('k-pilot', 'legend.pilot'),
    item('k-takeoff', 'legend.takeoff'),
    item('k-event', 'legend.event'),
  ].join(' ')}</span>`;
}

/** A round length (1, 2 or 5 × 10ⁿ km) near a quarter of the plan's width. */
function scaleBar(spanLonDeg: number, pxPerLonDeg: number, midLat: number): { km: number; px: number } {
  const kmPerLonDeg = 111.32 * Math.cos((midLat * Math.PI) / 180);
  const target = Math.max((spanLonDeg * kmPerLonDeg) / 4, 1e-6);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const km = [5, 2, 1].map((m) => m * magnitude).find((c) => c <= target) ?? magnitude;
  const px = (km / kmPerLonDeg) * pxPerLonDeg;
  return { km, px: Number.isFinite(px) ? px : 0 };
}
