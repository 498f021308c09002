/**
 * An incident as a printable report: one self-contained HTML file (inline style, inline SVG, no
 * script, nothing fetched) that a liaison officer can print or attach to a case file on either
 * side of the border. Every piece of incident data is escaped where it is placed (see Words), and
 * a Content-Security-Policy forbids scripts and remote loads should anything ever slip through.
 */
import type { IncidentTrack, IncidentView } from '../model.js';
import { checkIncidentView } from './check.js';
import { exportCot } from './cot.js';
import { exportCsv } from './csv.js';
import { exportGeoJson } from './geojson.js';
import { evidenceFile, sha256Hex, type EvidenceFile, type EvidenceLang } from './model.js';
import { planSvg } from './report-plan.js';
import { REPORT_STYLE } from './report-style.js';
import { wordsFor, type Words } from './report-words.js';
import { fileStem } from './text.js';

export const REPORT_CONTENT_TYPE = 'text/html; charset=utf-8';
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function exportReport(view: IncidentView, lang: EvidenceLang): EvidenceFile {
  checkIncidentView(view);
  const w = wordsFor(lang);
  const title = `${w.t('report.title')}: ${w.data(view.id)}`;
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${w.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${w.t('report.title')}</h1>`,
    `<p class="id">${w.t('report.incident', { id: view.id })}</p>`,
    `<p class="as-of">${w.t('report.as-of', { date: w.longDate(view.updatedAt), version: view.version })}</p>`,
    '</header>',
    '<main>',
    summary(view, w),
    plan(view, w),
    tracks(view, w),
    timeline(view, w),
    evidence(view, w),
    '</main>',
    footer(view, w),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return evidenceFile(`${fileStem(view.id, view.version)}.report-${lang}.html`, REPORT_CONTENT_TYPE, html);
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${heading}</h2>\n${body}\n</section>`;
}

const row = (label: string, value: string) => `<tr><th scope="row">${label}</th><td>${value}</td></tr>`;

function summary(view: IncidentView, w: Words): string {
  const rows = [
    row(w.t('summary.origin-country'), w.data(view.originCountry)),
    row(w.t('summary.origin'), view.origin === 'local' ? w.t('summary.origin.local') : w.data(view.origin)),
    row(w.t('summary.status'), w.t(`status.${view.status}`)),
    row(w.t('summary.opened'), w.dateTime(view.openedAt)),
    row(w.t('summary.closed'), view.closedAt === null ? w.t('summary.not-closed') : w.dateTime(view.closedAt)),
    row(w.t('summary.updated'), w.dateTime(view.updatedAt)),
    row(w.t('summary.rules'), view.rules.length === 0 ? w.t('value.none') : view.rules.map((r) => w.t(`rule.${r}`)).join(', ')),
    row(w.t('summary.tracks'), w.number(view.tracks.length, 0)),
    row(w.t('summary.evidence'), w.number(view.evidence.length, 0)),
  ];
  return section('summary', w.t('summary.title'), `<table class="facts">${rows.join('')}</table>`);
}

function plan(view: IncidentView, w: Words): string {
  return section('plan', w.t('plan.title'), planSvg(view, w) ?? `<p>${w.t('plan.none')}</p>`);
}

function tracks(view: IncidentView, w: Words): string {
  if (view.tracks.length === 0) return section('tracks', w.t('tracks.title'), `<p>${w.t('tracks.none')}</p>`);
  return section('tracks', w.t('tracks.title'), view.tracks.map((track, i) => trackTable(track, i + 1, w)).join('\n'));
}

function trackTable(track: IncidentTrack, n: number, w: Words): string {
  const b = track.border;
  const first = track.trail[0];
  const last = track.trail[track.trail.length - 1];
  const rows = [
    row(w.t('track.id'), `<code>${w.data(track.trackId)}</code>`),
    row(w.t('track.callsign'), track.callsign === null ? w.t('value.none') : w.data(track.callsign)),
    row(w.t('track.uids'), w.list(track.uids)),
    row(w.t('track.remote-ids'), w.list(track.remoteIds)),
    row(w.t('track.sensors'), w.list(track.sensors)),
    row(w.t('track.classification'), w.t(`classification.${track.classification}`)),
    row(w.t('track.airframe'), w.t(`airframe.${track.airframe}`)),
    row(w.t('track.side'), w.t(`side.${b.side}`)),
    row(w.t('track.distance'), w.t('track.distance.value', { km: w.km(Math.abs(b.signedDistanceM)) })),
    row(w.t('track.movement'), w.t(`heading.${b.heading}`)),
    row(w.t('track.speed'), w.t('track.speed.value', { kmh: w.number(b.groundSpeedMps * 3.6, 1) })),
    row(w.t('track.predicted'), b.predictedCrossingAt === null ? w.t('value.none') : w.dateTime(b.predictedCrossingAt)),
    row(
      w.t('track.port'),
      w.t('track.port.value', { name: b.nearestPort.name, city: b.nearestPort.cityMx, km: w.km(b.nearestPort.distanceM) }),
    ),
    row(
      w.t('track.seen'),
      first && last ? w.t('track.seen.value', { from: w.dateTime(first.t), to: w.dateTime(last.t) }) : w.t('value.none'),
    ),
    row(w.t('track.stale'), w.dateTime(track.staleAt)),
    row(w.t('track.trail'), w.number(track.trail.length, 0)),
    row(
      w.t('track.pilot'),
      track.pilot === null
        ? w.t('value.none')
        : w.t('track.pilot.value', {
            position: w.position(track.pilot.lat, track.pilot.lon),
            kind: w.raw(`pilot.${track.pilot.kind}`),
            time: w.dateTime(track.pilot.t),
          }),
    ),
    row(
      w.t('track.takeoff'),
      track.takeoff === null
        ? w.t('value.none')
        : w.t('track.takeoff.value', { position: w.position(track.takeoff.lat, track.takeoff.lon), time: w.dateTime(track.takeoff.t) }),
    ),
  ];
  const name = track.callsign ?? w.raw('track.unnamed');
  // The heading's text is escaped once by t(): the callsign goes in raw.
  return `<h3 class="track-title">${w.t('track.heading', { n, name })}</h3>\n<table class="facts track">${rows.join('')}</table>`;
}

function timeline(view: IncidentView, w: Words): string {
  if (view.timeline.length === 0) return section('timeline', w.t('timeline.title'), `<p>${w.t('timeline.none')}</p>`);
  const trackNo = new Map(view.tracks.map((t, i) => [t.trackId, i + 1]));
  const rows = view.timeline.map((e) => {
    const no = e.trackId === null ? undefined : trackNo.get(e.trackId);
    const track = e.trackId === null ? '' : `${no === undefined ? '' : `T${no} `}<code>${w.data(e.trackId)}</code>`;
    const where = e.lat === null || e.lon === null ? '' : w.position(e.lat, e.lon);
    const details = Object.entries(e.params)
      .map(
        ([k, v]) => `<span class="param"><span class="k">${w.data(k)}</span>: ${typeof v === 'number' ? w.number(v, 3) : w.data(v)}</span>`,
      )
      .join(' ');
    return `<tr><td class="nowrap">${w.dateTime(e.at)}</td><td>${w.t(`timeline.${e.kind}`)}</td><td>${track}</td><td class="nowrap">${where}</td><td>${details}</td></tr>`;
  });
  const head = ['col.time', 'col.event', 'col.track', 'col.position', 'col.details'] as const;
  return section(
    'timeline',
    w.t('timeline.title'),
    table(
      head.map((k) => w.t(k)),
      rows,
    ),
  );
}

function evidence(view: IncidentView, w: Words): string {
  if (view.evidence.length === 0) return section('evidence', w.t('evidence.title'), `<p>${w.t('evidence.none')}</p>`);
  const rows = view.evidence.map((e) => {
    const bytes = Buffer.from(e.raw.data, e.raw.encoding === 'base64' ? 'base64' : 'utf8');
    const ok = sha256Hex(bytes) === e.raw.sha256;
    return [
      `<tr><td class="nowrap">${w.dateTime(e.at)}</td><td>${w.data(e.sensor)}</td><td><code>${w.data(e.trackId)}</code></td>`,
      `<td>${w.data(e.raw.format)}</td><td class="nowrap">${w.t('evidence.size', { bytes: w.number(bytes.length, 0) })}</td>`,
      `<td><code class="digest">${w.data(e.raw.sha256)}</code></td><td class="${ok ? 'ok' : 'bad'}">${w.t(ok ? 'evidence.match' : 'evidence.mismatch')}</td></tr>`,
    ].join('');
  });
  const head = ['col.time', 'col.sensor', 'col.track', 'col.format', 'col.size', 'col.sha256', 'col.check'] as const;
  return section(
    'evidence',
    w.t('evidence.title'),
    `<p>${w.t('evidence.intro')}</p>\n${table(
      head.map((k) => w.t(k)),
      rows,
    )}`,
  );
}

function table(head: string[], rows: string[]): string {
  return `<table class="list"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function footer(view: IncidentView, w: Words): string {
  // The other exports are pure functions of the same version: their digests here let a reader
  // match the files they were handed against this report and against the audit log.
  const others: [string, EvidenceFile][] = [
    ['GeoJSON', exportGeoJson(view)],
    [`CoT (${w.lang})`, exportCot(view, w.lang)],
    ['CSV', exportCsv(view)],
  ];
  const list = others.map(([name, f]) => `<li>${name}: <code class="digest">${f.sha256}</code></li>`).join('');
  return `<footer><p>${w.t('footer.audit')}</p><p>${w.t('footer.digests')}</p><ul class="digests">${list}</ul><p>${w.t('footer.deterministic')}</p></footer>`;
}
