/**
 * Writing one CoT event as a Mexican sensor would send it. Built by hand rather than with an XML
 * library so every byte is under our control; callsigns and uids go through `escapeXml`, which is
 * what keeps a sensor's odd track name from breaking (or injecting into) the document.
 */
import type { Airframe, Classification } from '../model.js';
import type { Pilot } from './flights.js';
import type { Observation } from './sensors.js';

/** Characters XML 1.0 cannot carry at all, not even as references: dropped. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text safe inside a double- or single-quoted attribute or element content. Tabs and line breaks
 * become character references because a parser normalises literal ones in attributes to spaces.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

/** MIL-STD-2525 identity as CoT's second atom. */
const AFFILIATION: Record<Classification, string> = { hostile: 'h', suspect: 's', unknown: 'u', friendly: 'f' };

/**
 * `a-h-A-M-H-Q` hostile military rotary-wing drone, `a-u-A-C-H-Q` unknown civil, `a-f-A-M-H-Q`
 * friendly: the operator atom says civil only for traffic that is not treated as a threat or ours.
 */
export function cotType(classification: Classification, airframe: Airframe): string {
  const operator = classification === 'unknown' ? 'C' : 'M';
  const frame = airframe === 'fixed-wing' ? 'F' : 'H';
  return `a-${AFFILIATION[classification]}-A-${operator}-${frame}-Q`;
}

/** 95 % of a circular 2-D normal error lies within 2.45 σ; CoT's ce/le are such radii. */
const CE_PER_SIGMA = 2.45;
const LE_PER_SIGMA = 1.96;

/** How long an update stays valid: five updates, and never under ten seconds. */
export function staleAfterMs(updateHz: number): number {
  return Math.max(10_000, 5000 / updateHz);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export interface CotEventFields {
  uid: string;
  type: string;
  how: string;
  time: number;
  stale: number;
  lat: number;
  lon: number;
  hae: number;
  ce: number;
  le: number;
  speedMps: number;
  courseDeg: number;
  callsign: string;
  pilot: Pilot | null;
}

const quoted = (value: string): string => `"${escapeXml(value)}"`;

/**
 * Enlace's detail element for where the pilot stands (read by ../cot/parse.ts). TAK protobuf has
 * no message for it, so TAK sensors carry the same element in their xmlDetail.
 */
export function pilotXml(pilot: Pilot): string {
  return `<__enlace_pilot lat="${pilot.lat.toFixed(7)}" lon="${pilot.lon.toFixed(7)}" kind=${quoted(pilot.kind)}/>`;
}

/** The event document; numbers at the precision sensors send (1e-7° is about a centimetre). */
export function cotXml(e: CotEventFields): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<event version="2.0" uid=${quoted(e.uid)} type=${quoted(e.type)} how=${quoted(e.how)}` +
    ` time="${iso(e.time)}" start="${iso(e.time)}" stale="${iso(e.stale)}">` +
    `<point lat="${e.lat.toFixed(7)}" lon="${e.lon.toFixed(7)}" hae="${e.hae.toFixed(1)}"` +
    ` ce="${e.ce.toFixed(1)}" le="${e.le.toFixed(1)}"/>` +
    `<detail><track speed="${e.speedMps.toFixed(2)}" course="${e.courseDeg.toFixed(1)}"/>` +
    `<contact callsign=${quoted(e.callsign)}/>${e.pilot ? pilotXml(e.pilot) : ''}</detail></event>`
  );
}

/** The fields a CoT-speaking sensor (XML or TAK protobuf) reports for one observation. */
export function cotFields(o: Observation): CotEventFields {
  return {
    // CoT needs a uid even for an anonymous return: one per report, so no two returns merge by it.
    uid: o.trackUid ?? `${o.sensor.name}.ret-${o.t}`,
    type: cotType(o.flight.classification, o.flight.airframe),
    how: o.sensor.how,
    time: o.t,
    stale: o.t + staleAfterMs(o.sensor.updateHz),
    lat: o.lat,
    lon: o.lon,
    hae: o.altM,
    ce: o.sensor.noiseM * CE_PER_SIGMA,
    le: o.sensor.noiseM * 1.5 * LE_PER_SIGMA,
    speedMps: o.speedMps,
    // toFixed(1) must not turn 359.96° into "360.0": the same heading as 0°, but not how sensors write it.
    courseDeg: o.courseDeg >= 359.95 ? 0 : o.courseDeg,
    callsign: o.callsign,
    pilot: o.pilot,
  };
}
