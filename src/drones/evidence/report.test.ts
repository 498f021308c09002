import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exportCot } from './cot.js';
import { exportCsv } from './csv.js';
import { hostileIncident, sampleIncident } from './fixtures.js';
import { exportGeoJson } from './geojson.js';
import type { IncidentView } from '../model.js';
import { areaOf, clipLine } from './report-plan.js';
import { exportReport, REPORT_CONTENT_TYPE } from './report.js';
import { foreignTags } from './markup-check.js';

const html = (view: IncidentView, lang: 'en' | 'es') => exportReport(view, lang).body.toString('utf8');

describe('printable report', () => {
  it('is a self-contained HTML document in the language asked for, with no script and nothing fetched', () => {
    for (const [lang, tag] of [
      ['en', 'en-US'],
      ['es', 'es-MX'],
    ] as const) {
      const file = exportReport(sampleIncident(), lang);
      assert.equal(file.contentType, REPORT_CONTENT_TYPE);
      assert.match(file.filename, new RegExp(`\\.report-${lang}\\.html$`));
      const page = file.body.toString('utf8');
      assert.ok(page.startsWith('<!DOCTYPE html>\n'));
      assert.match(page, new RegExp(`<html lang="${tag}">`));
      assert.match(page, /<meta charset="utf-8">/);
      assert.match(
        page,
        /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
      );
      assert.match(page, /@media print/);
      assert.doesNotMatch(page, /<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|javascript:/i);
      assert.deepEqual(foreignTags(page), []);
    }
  });

  it('tells the incident in English or in Spanish, dates in UTC', () => {
    const en = html(sampleIncident(), 'en');
    const es = html(sampleIncident(), 'es');
    assert.match(en, /<title>Drone incident report: x-enlace-drone-incident--/);
    assert.match(en, /Situation as of October 1, 2026 at 14:06:13 UTC, version 2026-10-01T14:06:13\.250Z/);
    assert.match(es, /Situación al 1 de octubre de 2026 a las 14:06:13 UTC, versión 2026-10-01T14:06:13\.250Z/);
    for (const text of [
      'Approach to the border, Border crossing',
      'Crossed the border line',
      'Pilot located',
      'Nearest port of entry',
      'San Ysidro (Tijuana)',
      'hostile',
      'rotary-wing',
      'United States',
    ]) {
      assert.ok(en.includes(text), text);
    }
    for (const text of [
      'Acercamiento a la frontera, Cruce de la frontera',
      'Cronología',
      'Cruzó la línea fronteriza',
      'Se ubicó al piloto',
      'Puerto de entrada más cercano',
      'hostil',
      'ala rotatoria',
      'Estados Unidos',
      'sigue abierto',
    ]) {
      assert.ok(es.includes(text), text);
    }
    assert.doesNotMatch(es, /Timeline|Border crossing|still open/);
    assert.match(en, /<td class="nowrap">Oct 1, 2026, 14:05:43 UTC<\/td><td>Crossed the border line<\/td>/);
    assert.match(es, /<td class="nowrap">1 oct 2026, 14:05:43 UTC<\/td><td>Cruzó la línea fronteriza<\/td>/);
  });

  it('draws a plan of the trails, pilot, take-off and the border line through the area', () => {
    const view = sampleIncident();
    const page = html(view, 'en');
    const svg = /<svg [^>]*>[\s\S]*<\/svg>/.exec(page)?.[0] ?? '';
    assert.match(svg, /viewBox="0 0 [\d.]+ [\d.]+"/);
    assert.equal((svg.match(/class="trail"/g) ?? []).length, 2);
    assert.equal((svg.match(/class="latest"/g) ?? []).length, 2);
    assert.equal((svg.match(/class="pilot"/g) ?? []).length, 1);
    assert.equal((svg.match(/class="takeoff"/g) ?? []).length, 1);
    assert.equal((svg.match(/class="event"/g) ?? []).length, 3, 'the timeline entries that have a position');
    const border = [...svg.matchAll(/class="border-line" points="([^"]+)"/g)].map((m) => m[1] ?? '');
    assert.ok(border.length >= 1 && border.every((p) => p.split(' ').length >= 2), 'the line crosses the area');
    assert.match(svg, /class="side-label"[^>]*>United States</);
    assert.match(svg, /class="side-label"[^>]*>Mexico</);
    // North up: the US end of the crossing track (its last point) is drawn above its first.
    const trail =
      /class="trail" stroke="#c62828" points="([^"]+)"/
        .exec(svg)?.[1]
        ?.split(' ')
        .map((xy) => Number(xy.split(',')[1])) ?? [];
    assert.ok(trail.length === 8 && (trail[7] ?? 0) < (trail[0] ?? 0));
  });

  it('says so when the incident holds no position', () => {
    const view = { ...sampleIncident(), tracks: [], timeline: [] };
    const page = html(view, 'es');
    assert.doesNotMatch(page, /<svg/);
    assert.match(page, /No se registraron posiciones\./);
    assert.match(page, /No hay trazas\./);
  });

  it('lists the evidence with its digests checked, and the digests of the other exports', () => {
    const view = sampleIncident();
    const broken: IncidentView = {
      ...view,
      evidence: [view.evidence[0]!, { ...view.evidence[1]!, raw: { ...view.evidence[1]!.raw, sha256: 'f'.repeat(64) } }],
    };
    const page = html(broken, 'en');
    assert.ok(page.includes(`<code class="digest">${view.evidence[0]!.raw.sha256}</code></td><td class="ok">matches</td>`));
    assert.ok(page.includes(`<code class="digest">${'f'.repeat(64)}</code></td><td class="bad">DOES NOT MATCH</td>`));
    assert.match(page, /306 bytes/);
    for (const f of [exportGeoJson(broken), exportCot(broken, 'en'), exportCsv(broken)]) assert.ok(page.includes(f.sha256), f.filename);
    assert.match(page, /recorded, with the SHA-256 digest of the file, in the audit log/);
    assert.match(html(broken, 'es'), /queda registrada, con el resumen SHA-256 del archivo, en la bitácora de auditoría/);
  });

  it('escapes every piece of partner text: markup in callsigns, ids and parameters stays text', () => {
    const view = hostileIncident();
    for (const lang of ['en', 'es'] as const) {
      const page = html(view, lang);
      assert.deepEqual(foreignTags(page), [], lang);
      assert.doesNotMatch(page, /<script|<img|<b>|<k>|<x\//);
      assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
      assert.ok(page.includes('mx&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'), 'the origin, escaped');
      assert.ok(page.includes('<code>-trk&#39;&amp;&lt;b&gt;</code>'));
      assert.ok(page.includes('<span class="k">&lt;k&gt;</span>: =1+1'));
      assert.ok(page.includes('a\uFFFDb'), 'a NUL becomes a replacement character');
    }
  });

  it('gives the same bytes for the same version and language', () => {
    assert.equal(exportReport(sampleIncident(), 'es').sha256, exportReport(sampleIncident(), 'es').sha256);
    assert.notEqual(exportReport(sampleIncident(), 'es').sha256, exportReport(sampleIncident(), 'en').sha256);
  });
});

describe('the plan geometry', () => {
  const area = { west: 0, east: 10, south: 0, north: 10 };

  it('clips a line to the area, and splits it where it leaves and comes back', () => {
    assert.deepEqual(
      clipLine(
        [
          [-5, 5],
          [5, 5],
          [15, 5],
        ],
        area,
      ),
      [
        [
          [0, 5],
          [5, 5],
          [10, 5],
        ],
      ],
    );
    assert.deepEqual(
      clipLine(
        [
          [2, 2],
          [4, 4],
        ],
        area,
      ),
      [
        [
          [2, 2],
          [4, 4],
        ],
      ],
    );
    assert.deepEqual(
      clipLine(
        [
          [-5, -5],
          [-1, 20],
        ],
        area,
      ),
      [],
    );
    assert.deepEqual(
      clipLine(
        [
          [1, 5],
          [1, 15],
          [9, 15],
          [9, 5],
        ],
        area,
      ),
      [
        [
          [1, 5],
          [1, 10],
        ],
        [
          [9, 10],
          [9, 5],
        ],
      ],
    );
  });

  it('grows the bounding box by a margin, and has none without positions', () => {
    assert.equal(areaOf([]), null);
    const a = areaOf([
      [-117.03, 32.54],
      [-117.02, 32.55],
    ]);
    assert.ok(a);
    assert.ok(a.west < -117.03 && a.east > -117.02 && a.south < 32.54 && a.north > 32.55);
    assert.ok(a.east - a.west >= 0.01 + 2 * 0.005 - 1e-12);
    const edge = areaOf([[179.999, 89.999]]);
    assert.ok(edge && edge.east <= 180 && edge.north <= 90);
  });
});
