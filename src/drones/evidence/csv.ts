/**
 * An incident as RFC 4180 CSV, for spreadsheets: one row per trail point and per timeline entry,
 * in time order. Spreadsheets run a cell that starts like a formula, and every text here may come
 * from a partner's sensors, so such text cells are defused with a leading apostrophe (the numbers
 * this module writes itself are left as numbers).
 */
import type { IncidentView } from '../model.js';
import { checkIncidentView } from './check.js';
import { evidenceFile, type EvidenceFile } from './model.js';
import { fileStem, isoTime, representable } from './text.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
export const CSV_COLUMNS = ['kind', 'time_utc', 'track_id', 'lat', 'lon', 'alt_m', 'sensor/uids', 'detail'] as const;

/** A text cell: partner data or our own words. A number cell is written as the number. */
type Cell = string | number | null;

interface Row {
  t: number;
  /** Trail points before timeline entries of the same instant, as they happened. */
  order: number;
  cells: Cell[];
}

export function exportCsv(view: IncidentView): EvidenceFile {
  checkIncidentView(view);
  const rows: Row[] = [];
  const uidsOf = new Map(view.tracks.map((tr) => [tr.trackId, tr.uids.join(' ')]));
  for (const track of view.tracks) {
    const detail = JSON.stringify({ classification: track.classification, airframe: track.airframe, callsign: track.callsign });
    for (const p of track.trail) {
      rows.push({ t: p.t, order: 0, cells: ['trail', isoTime(p.t), track.trackId, p.lat, p.lon, p.altM, track.uids.join(' '), detail] });
    }
  }
  for (const e of view.timeline) {
    const uids = e.trackId === null ? '' : (uidsOf.get(e.trackId) ?? '');
    rows.push({ t: e.at, order: 1, cells: [e.kind, isoTime(e.at), e.trackId, e.lat, e.lon, null, uids, JSON.stringify(e.params)] });
  }
  // Array.prototype.sort is stable: rows of one instant keep their order within a track or the timeline.
  rows.sort((a, b) => a.t - b.t || a.order - b.order);
  const lines = [CSV_COLUMNS.map((c) => cell(c)).join(','), ...rows.map((r) => r.cells.map(cell).join(','))];
  return evidenceFile(`${fileStem(view.id, view.version)}.csv`, CSV_CONTENT_TYPE, lines.map((l) => `${l}\r\n`).join(''));
}

/** Starts that make Excel, LibreOffice or Google Sheets read a cell as a formula (or hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = representable(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
