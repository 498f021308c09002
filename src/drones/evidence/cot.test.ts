import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseCot } from '../cot/parse.js';
import { attribute, isNode, parseXml, textOf, type XmlNode } from '../cot/xml.js';
import type { IncidentView } from '../model.js';
import { COT_CONTENT_TYPE, cotTypeOf, exportCot, PILOT_TYPE } from './cot.js';
import { hostileIncident, rawPayload, sampleIncident } from './fixtures.js';

/** The document through the project's own hardened XML reader: well-formed or it fails. */
function documentOf(view: IncidentView, lang: 'en' | 'es' = 'en'): { root: XmlNode; events: XmlNode[]; evidence: XmlNode[]; text: string } {
  const text = exportCot(view, lang).body.toString('utf8');
  const parsed = parseXml(text);
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.rejection));
  const root = parsed.root.events;
  assert.ok(isNode(root));
  const list = (v: unknown): XmlNode[] => (v === undefined ? [] : Array.isArray(v) ? v.filter(isNode) : isNode(v) ? [v] : []);
  return { root, events: list(root.event), evidence: list(root.evidence), text };
}

/** Each `<event>` element as its own document (they are written one per line). */
const eventTexts = (text: string): string[] => [...text.matchAll(/<event [^\n]*<\/event>/g)].map((m) => m[0]);

describe('CoT export', () => {
  it('types each track by affiliation and airframe, and pilots as ground units', () => {
    assert.equal(cotTypeOf({ classification: 'hostile', airframe: 'rotary-wing' }), 'a-h-A-M-H-Q');
    assert.equal(cotTypeOf({ classification: 'suspect', airframe: 'unknown' }), 'a-s-A-M-H-Q');
    assert.equal(cotTypeOf({ classification: 'unknown', airframe: 'fixed-wing' }), 'a-u-A-M-F-Q');
    assert.equal(cotTypeOf({ classification: 'friendly', airframe: 'fixed-wing' }), 'a-f-A-M-F-Q');
    assert.equal(PILOT_TYPE, 'a-u-G');
  });

  it('writes one event per trail point and per pilot, each one a CoT event our own parser accepts as written', () => {
    const view = sampleIncident();
    const file = exportCot(view, 'en');
    assert.equal(file.contentType, COT_CONTENT_TYPE);
    assert.match(file.filename, /\.cot\.xml$/);
    assert.equal(file.sha256, createHash('sha256').update(file.body).digest('hex'));
    const { root, events, text } = documentOf(view);
    assert.equal(attribute(root, 'incident'), view.id);
    const [a, b] = view.tracks;
    assert.ok(a && b && a.pilot);
    assert.equal(events.length, a.trail.length + 1 + b.trail.length);

    const parsed = eventTexts(text).map((xml) => {
      const timeUs = Date.parse(/ time="([^"]+)"/.exec(xml)?.[1] ?? '') * 1000;
      const r = parseCot(xml, { nowUs: timeUs });
      assert.ok(r.ok, r.ok ? '' : `${JSON.stringify(r.rejection)} in ${xml}`);
      return r.detection;
    });
    const trailA = parsed.filter((d) => d.uid === a.trackId);
    assert.deepEqual(
      trailA.map((d) => d.timeUs / 1000),
      a.trail.map((p) => p.t),
    );
    assert.deepEqual(
      trailA.map((d) => [d.point.lat, d.point.lon, d.point.hae]),
      a.trail.map((p) => [Number(p.lat.toFixed(7)), Number(p.lon.toFixed(7)), p.altM]),
    );
    assert.ok(
      trailA.every(
        (d) => d.type.type === 'a-h-A-M-H-Q' && d.type.airframe === 'rotary-wing' && d.type.unmanned && d.detail.callsign === 'HALCON 7',
      ),
    );
    // Each point stays current until the next one, the last one until the track goes stale.
    assert.deepEqual(
      trailA.map((d) => d.staleUs / 1000),
      [...a.trail.slice(1).map((p) => p.t), a.staleAt],
    );
    const times = [...text.matchAll(/ (?:time|start|stale)="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(times.length, 3 * events.length);
    assert.ok(
      times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t ?? '')),
      'ISO times with milliseconds',
    );
    assert.match(text, / time="2026-10-01T14:05:03\.250Z"/);

    const trailB = parsed.filter((d) => d.uid === b.trackId);
    assert.ok(
      trailB.length === b.trail.length &&
        trailB.every((d) => d.type.type === 'a-u-A-M-F-Q' && d.type.airframe === 'fixed-wing' && d.point.hae !== null),
    );

    const pilot = parsed.find((d) => d.uid === `${a.trackId}.pilot`);
    assert.ok(pilot);
    assert.equal(pilot.type.type, 'a-u-G');
    assert.deepEqual(
      [pilot.point.lat, pilot.point.lon, pilot.point.hae],
      [Number(a.pilot.lat.toFixed(7)), Number(a.pilot.lon.toFixed(7)), null],
    );
    assert.equal(pilot.detail.remarks, `Pilot of track ${a.trackId} (live position), incident ${view.id}`);
  });

  it('words its remarks in the language asked for', () => {
    const { events } = documentOf(sampleIncident(), 'es');
    const remarks = events.map((e) => textOf((e.detail as XmlNode).remarks));
    assert.ok(remarks.some((r) => r?.startsWith('Traza trk-')));
    assert.ok(remarks.some((r) => r?.startsWith('Piloto de la traza') && r.includes('(posición en vivo)')));
  });

  it('carries every raw payload base64-encoded with its format and digest, whatever bytes it holds', () => {
    const view = sampleIncident();
    const binary = Buffer.from([0x00, 0x5d, 0x5d, 0x3e, 0x3c, 0x2f, 0x65, 0x76, 0x65, 0x6e, 0x74, 0x3e, 0xff]);
    const corrupt = { ...rawPayload('remote-id', binary, false), sha256: '0'.repeat(64) };
    const withMore: IncidentView = {
      ...view,
      evidence: [...view.evidence, { at: view.updatedAt, sensor: 'rid-1', trackId: 'trk-x', raw: corrupt }],
    };
    const { evidence, text } = documentOf(withMore);
    assert.equal(evidence.length, 3);
    withMore.evidence.forEach((item, i) => {
      const el = evidence[i];
      assert.ok(el);
      const bytes = Buffer.from(textOf(el) ?? '', 'base64');
      assert.deepEqual(bytes, Buffer.from(item.raw.data, item.raw.encoding === 'base64' ? 'base64' : 'utf8'));
      assert.equal(attribute(el, 'sha256'), item.raw.sha256);
      assert.equal(attribute(el, 'format'), item.raw.format);
      assert.equal(attribute(el, 'encoding'), 'base64');
      assert.equal(attribute(el, 'received-encoding'), item.raw.encoding);
      assert.equal(attribute(el, 'verified'), i < 2 ? 'true' : 'false', 'the digest is checked against the bytes');
    });
    // The CoT payload of the sample holds "]]>", which must not appear raw anywhere.
    assert.ok(
      Buffer.from(textOf(evidence[0] ?? {}) ?? '', 'base64')
        .toString('utf8')
        .includes(']]>'),
    );
    assert.equal(text.includes(']]>'), false);
  });

  it('escapes hostile partner text so that it reads back exactly and changes no structure', () => {
    const view = hostileIncident();
    const { root, events, text } = documentOf(view);
    assert.equal(attribute(root, 'origin'), view.origin);
    const [a, b] = view.tracks;
    assert.ok(a && b);
    assert.equal(events.length, a.trail.length + 1 + b.trail.length, 'no element was injected');
    const first = eventTexts(text)[0] ?? '';
    const r = parseCot(first, { nowUs: a.trail[0]!.t * 1000 });
    assert.ok(r.ok);
    assert.equal(r.detection.detail.callsign, a.callsign);
    const bEvent = events.find((e) => attribute(e, 'uid') === b.trackId);
    assert.ok(bEvent, 'an id with quotes, ampersand and markup survives as an attribute value');
    assert.equal(text.includes('<script'), false);
    assert.equal(text.includes('<img'), false);
  });

  it('keeps tabs and line breaks in attribute values, and replaces characters XML cannot hold', () => {
    const view = sampleIncident();
    const [a] = view.tracks;
    assert.ok(a);
    const odd = { ...a, callsign: 'line1\nline2\ttab\r\u0001\uFFFF\uD800end' };
    const text = exportCot({ ...view, tracks: [odd] }, 'en').body.toString('utf8');
    // A conforming XML reader turns a literal tab or line break in an attribute into a space.
    assert.ok(text.includes('callsign="line1&#10;line2&#9;tab&#13;\uFFFD\uFFFD\uFFFDend"'));
    const r = parseCot(eventTexts(text)[0] ?? '', { nowUs: a.trail[0]!.t * 1000 });
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.rejection));
    assert.equal(r.detection.detail.callsign, 'line1\nline2\ttab\r\uFFFD\uFFFD\uFFFDend');
  });
});
