import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NOW_US } from './fixtures.js';
import { affiliations, COT_UNKNOWN, type CotTrack } from './model.js';
import { isoOf, parseCot } from './parse.js';

test('parseCot never throws, whatever the text', () => {
  const xmlish = fc
    .array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          '<',
          '>',
          '/>',
          '</',
          '<event',
          '<point',
          '<!DOCTYPE',
          '<!--',
          '<![CDATA[',
          '&',
          '"',
          '=',
          ' uid="a"',
          ' lat="1e999"',
        ),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), xmlish), (text) => {
      const result = parseCot(text, { nowUs: NOW_US });
      assert.equal(typeof result.ok, 'boolean');
    }),
    { numRuns: 2000 },
  );
});

/** What an honest sender writes for text: the five XML specials escaped. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const printable = (min: number, max: number) =>
  fc
    .string({ unit: fc.constantFrom(...'abcXYZ019 -_.:&<>"\'ñáÉ¿?'.split('')), minLength: min, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length >= min);
const degrees = (limit: number) => fc.integer({ min: -limit * 1e6, max: limit * 1e6 }).map((v) => v / 1e6);
const metres = fc.option(
  fc.integer({ min: 0, max: 100_000 }).map((v) => v / 10),
  { nil: null },
);

const event = fc.record({
  uid: printable(1, 40),
  affiliation: fc.constantFrom(...Object.keys(affiliations)),
  rest: fc.constantFrom('A-M-H-Q', 'A-M-F-Q', 'A-C-F', 'G-U-C', 'S', 'A'),
  how: fc.constantFrom('m-g', 'h-e', 'm-r', 'h-g-i-g-o'),
  timeUs: fc.integer({ min: NOW_US - 600_000_000, max: NOW_US + 60_000_000 }),
  lifeUs: fc.integer({ min: 1, max: 3_600_000_000 }),
  lat: degrees(90),
  lon: degrees(180),
  hae: fc.option(
    fc.integer({ min: -5000, max: 50_000 }).map((v) => v / 2),
    { nil: null },
  ),
  ce: metres,
  le: metres,
  track: fc.option(
    fc.record({
      course: fc.integer({ min: 0, max: 3600 }).map((v) => v / 10),
      speed: fc.integer({ min: 0, max: 10_000 }).map((v) => v / 100),
    }),
    { nil: undefined },
  ),
  callsign: fc.option(printable(1, 20), { nil: undefined }),
  remarks: fc.option(printable(1, 200), { nil: undefined }),
});

test('a generated valid event round-trips its fields', () => {
  fc.assert(
    fc.property(event, (e) => {
      const staleUs = Math.max(e.timeUs, NOW_US) + e.lifeUs;
      const known = (v: number | null) => String(v ?? COT_UNKNOWN);
      const detail =
        (e.track ? `<track course="${e.track.course}" speed="${e.track.speed}"/>` : '') +
        (e.callsign ? `<contact callsign="${escape(e.callsign)}"/>` : '') +
        (e.remarks ? `<remarks>${escape(e.remarks)}</remarks>` : '');
      const xml =
        `<event version="2.0" uid="${escape(e.uid)}" type="a-${e.affiliation}-${e.rest}" how="${e.how}"` +
        ` time="${isoOf(e.timeUs)}" start="${isoOf(e.timeUs)}" stale="${isoOf(staleUs)}">` +
        `<point lat="${e.lat}" lon="${e.lon}" hae="${known(e.hae)}" ce="${known(e.ce)}" le="${known(e.le)}"/>` +
        `<detail>${detail}</detail></event>`;
      const result = parseCot(xml, { nowUs: NOW_US });
      if (!result.ok) assert.fail(`${result.rejection.reason} ${JSON.stringify(result.rejection.params)}\n${xml}`);
      const d = result.detection;
      assert.equal(d.uid, e.uid);
      assert.equal(d.type.type, `a-${e.affiliation}-${e.rest}`);
      assert.equal(d.type.affiliation, affiliations[e.affiliation as keyof typeof affiliations]);
      assert.equal(d.how, e.how);
      assert.deepEqual([d.timeUs, d.startUs, d.staleUs], [e.timeUs, e.timeUs, staleUs]);
      assert.deepEqual(d.point, { lat: e.lat, lon: e.lon, hae: e.hae, ce: e.ce, le: e.le });
      // fast-check builds records without a prototype; the parser's are plain objects.
      const track: CotTrack | undefined = e.track ? { course: e.track.course, speed: e.track.speed } : undefined;
      assert.deepEqual(d.detail, {
        ...(track ? { track } : {}),
        ...(e.callsign ? { callsign: e.callsign } : {}),
        ...(e.remarks ? { remarks: e.remarks } : {}),
      });
      assert.equal(d.raw, xml);
    }),
    { numRuns: 500 },
  );
});
