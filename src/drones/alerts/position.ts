/**
 * Where an alert is drawn and what it says: the rule's first timeline entry, else the best
 * position the incident holds. A partner's incident may lack positions on some entries.
 */
import type { IncidentView, RuleKind, TimelineEntry } from '../model.js';
import { AlertRefusal } from './refusal.js';
import { checkParams } from './validate.js';

export interface AlertFacts {
  raisedAt: number;
  lat: number;
  lon: number;
  params: Record<string, string | number>;
}

type LatLon = { lat: number; lon: number };

function latLon(lat: unknown, lon: unknown): LatLon | null {
  if (typeof lat !== 'number' || typeof lon !== 'number') return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/** The newest trail point of a track the incident carries. */
function trackPosition(incident: IncidentView, trackId: string | null): LatLon | null {
  const tracks: unknown[] = Array.isArray(incident.tracks) ? incident.tracks : [];
  for (const t of tracks) {
    if (typeof t !== 'object' || t === null) continue;
    const track = t as { trackId?: unknown; trail?: unknown };
    if (trackId !== null && track.trackId !== trackId) continue;
    const trail: unknown[] = Array.isArray(track.trail) ? track.trail : [];
    for (let i = trail.length - 1; i >= 0; i--) {
      const p = trail[i] as { lat?: unknown; lon?: unknown } | null | undefined;
      const found = p ? latLon(p.lat, p.lon) : null;
      if (found) return found;
    }
  }
  return null;
}

/** The earliest entry of the rule; ties go to the one listed first. */
export function firstEntry(incident: IncidentView, rule: RuleKind): TimelineEntry | null {
  let first: TimelineEntry | null = null;
  for (const e of incident.timeline) if (e.kind === rule && (first === null || e.at < first.at)) first = e;
  return first;
}

export function factsOf(incident: IncidentView, rule: RuleKind): AlertFacts {
  const entry = firstEntry(incident, rule);
  const position =
    (entry && latLon(entry.lat, entry.lon)) ??
    (entry && typeof entry.trackId === 'string' ? trackPosition(incident, entry.trackId) : null) ??
    incident.timeline.map((e) => latLon(e.lat, e.lon)).find((p) => p !== null) ??
    trackPosition(incident, null);
  if (!position) throw new AlertRefusal('no-position', { rule });
  return {
    raisedAt: entry?.at ?? incident.updatedAt,
    ...position,
    params: checkParams(rule, entry?.params),
  };
}
