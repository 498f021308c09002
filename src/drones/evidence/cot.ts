/**
 * An incident as Cursor-on-Target, for TAK clients: one `<event>` per trail point (the track's
 * history, replayable), one per pilot position, and every raw payload held as evidence, base64
 * encoded so that no payload (a CoT event holding `]]>`, binary Remote ID) can change the
 * document's structure.
 */
import { translate } from '../../i18n/index.js';
import type { Classification, IncidentTrack, IncidentView } from '../model.js';
import { checkIncidentView } from './check.js';
import { evidenceFile, sha256Hex, type EvidenceFile, type EvidenceLang } from './model.js';
import { escapeMarkup, escapeXmlAttribute, fileStem, isoTime } from './text.js';

export const COT_CONTENT_TYPE = 'application/xml';

/** CoT's "not known" for hae, ce and le. */
const UNKNOWN = '9999999.0';
/** A point is current until the next one; one second at least, so stale always follows start. */
const MIN_VALIDITY_MS = 1000;

const AFFILIATION: Record<Classification, string> = { hostile: 'h', suspect: 's', unknown: 'u', friendly: 'f' };

/** MIL-STD-2525 air/military/UAV type: F(ixed wing) or H (rotary, and the default when not known). */
export function cotTypeOf(track: Pick<IncidentTrack, 'classification' | 'airframe'>): string {
  return `a-${AFFILIATION[track.classification]}-A-M-${track.airframe === 'fixed-wing' ? 'F' : 'H'}-Q`;
}

/** The pilot stands on the ground; who they are is not known from the drone's affiliation. */
export const PILOT_TYPE = 'a-u-G';

export function exportCot(view: IncidentView, lang: EvidenceLang): EvidenceFile {
  checkIncidentView(view);
  const t = (key: string, params: Record<string, string | number>) => translate(lang, 'drones-evidence', key, params);
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<events ${attrs({ incident: view.id, version: view.version, origin: view.origin, 'origin-country': view.originCountry, status: view.status })}>`,
  );
  for (const track of view.tracks) {
    const remarks = t('cot.track', { track: track.trackId, incident: view.id });
    track.trail.forEach((p, i) => {
      const next = track.trail[i + 1];
      lines.push(
        event({
          uid: track.trackId,
          type: cotTypeOf(track),
          t: p.t,
          stale: Math.max(next ? next.t : track.staleAt, p.t + MIN_VALIDITY_MS),
          lat: p.lat,
          lon: p.lon,
          hae: p.altM,
          detail: [
            track.callsign === null ? '' : `<contact ${attrs({ callsign: track.callsign })}/>`,
            `<remarks>${escapeMarkup(remarks)}</remarks>`,
          ],
        }),
      );
    });
    const pilot = track.pilot;
    if (pilot) {
      lines.push(
        event({
          uid: `${track.trackId}.pilot`,
          type: PILOT_TYPE,
          t: pilot.t,
          stale: Math.max(track.staleAt, pilot.t + MIN_VALIDITY_MS),
          lat: pilot.lat,
          lon: pilot.lon,
          hae: null,
          detail: [
            `<link ${attrs({ uid: track.trackId, type: cotTypeOf(track), relation: 'p-p' })}/>`,
            `<remarks>${escapeMarkup(t('cot.pilot', { track: track.trackId, kind: t(`pilot.${pilot.kind}`, {}), incident: view.id }))}</remarks>`,
          ],
        }),
      );
    }
  }
  for (const item of view.evidence) {
    const bytes = Buffer.from(item.raw.data, item.raw.encoding === 'base64' ? 'base64' : 'utf8');
    lines.push(
      `  <evidence ${attrs({
        at: isoTime(item.at),
        sensor: item.sensor,
        track: item.trackId,
        format: item.raw.format,
        'received-encoding': item.raw.encoding,
        sha256: item.raw.sha256,
        verified: String(sha256Hex(bytes) === item.raw.sha256),
        encoding: 'base64',
      })}>${bytes.toString('base64')}</evidence>`,
    );
  }
  lines.push('</events>', '');
  return evidenceFile(`${fileStem(view.id, view.version)}.cot.xml`, COT_CONTENT_TYPE, lines.join('\n'));
}

interface EventParts {
  uid: string;
  type: string;
  t: number;
  stale: number;
  lat: number;
  lon: number;
  hae: number | null;
  detail: string[];
}

function event(e: EventParts): string {
  const time = isoTime(e.t);
  const head = attrs({ version: '2.0', uid: e.uid, type: e.type, how: 'm-f', time, start: time, stale: isoTime(e.stale) });
  const point = attrs({
    lat: decimal(e.lat, 7),
    lon: decimal(e.lon, 7),
    hae: e.hae === null ? UNKNOWN : decimal(e.hae, 1),
    ce: UNKNOWN,
    le: UNKNOWN,
  });
  return `  <event ${head}><point ${point}/><detail>${e.detail.join('')}</detail></event>`;
}

function attrs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeXmlAttribute(v)}"`)
    .join(' ');
}

/** Plain decimal notation (xs:decimal has no exponent, which String(1e-7) would give). */
function decimal(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  return fixed.startsWith('-') && Number(fixed) === 0 ? fixed.slice(1) : fixed;
}
