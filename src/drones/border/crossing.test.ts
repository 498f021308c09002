import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bufferAt, CrossingDetector } from './crossing.js';
import { fromLocal } from './geometry.js';
import type { Crossing, Fix, LatLon } from './model.js';
import { BorderService } from './service.js';
import { offLine } from './test-points.js';

const border = new BorderService();
const t0 = Date.UTC(2026, 10, 27, 12);

function run(points: LatLon[], stepMs = 1_000): Crossing[] {
  const detector = new CrossingDetector(border);
  const out: Crossing[] = [];
  points.forEach((p, i) => {
    const c = detector.update({ ...p, t: t0 + i * stepMs });
    if (c) out.push(c);
  });
  return out;
}

describe('crossing detection', () => {
  it('uses a wider buffer along the Rio Grande', () => {
    assert.equal(bufferAt(-117.03), 300);
    assert.equal(bufferAt(-106.45), 800);
  });

  it('a straight flight north near Tijuana crosses once, Mexico to the U.S.', () => {
    const points: LatLon[] = [];
    for (let i = 0; i <= 200; i++) points.push({ lat: 32.52 + (0.04 * i) / 200, lon: -117.03 });
    const crossings = run(points, 2_000);
    assert.equal(crossings.length, 1);
    const [c] = crossings;
    assert.deepEqual([c!.from, c!.to], ['MX', 'US']);
    const d = border.signedDistanceM(c!.position);
    assert.ok(d > 300 && d < 600, `confirmed ${d.toFixed(0)} m into the U.S.`);
  });

  it('a return flight crosses back once', () => {
    const points: LatLon[] = [];
    for (let i = 0; i <= 100; i++) points.push({ lat: 32.52 + (0.04 * i) / 100, lon: -117.03 });
    const crossings = run([...points, ...[...points].reverse()]);
    assert.deepEqual(
      crossings.map((c) => `${c.from}>${c.to}`),
      ['MX>US', 'US>MX'],
    );
  });

  it('noise of ±200 m around a point near the line never raises a crossing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          { lat: 32.54, lon: -117.03 },
          { lat: 31.33, lon: -110.95 },
          { lat: 31.78, lon: -106.53 },
          { lat: 31.75, lon: -106.48 },
        ),
        // Within 80 m of the line, plus at most 200 m of noise in any direction: never past 300 m.
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true })), {
          minLength: 2,
          maxLength: 120,
        }),
        (near, offsetM, noise) => {
          const centre = offLine(near, offsetM);
          const points = noise.map(([r, a]) => fromLocal(centre, r * Math.cos(a), r * Math.sin(a)));
          assert.deepEqual(run(points), []);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a zig-zag along the line, across it within the buffer or beyond it for single fixes, raises none', () => {
    const near = { lat: 31.33, lon: -110.95 }; // Nogales: buffer 300 m
    const within = Array.from({ length: 60 }, (_, i) => offLine(near, i % 2 === 0 ? 250 : -250, i * 100 - 3_000));
    assert.deepEqual(run(within), []);
    const brief = Array.from({ length: 60 }, (_, i) => offLine(near, i % 2 === 0 ? 450 : -150, i * 100 - 3_000));
    assert.deepEqual(run(brief), []);
  });

  it('a loiter across the line near Ciudad Juárez, within the Rio Grande buffer, raises none', () => {
    const near = { lat: 31.75, lon: -106.48 };
    const points: LatLon[] = [];
    for (let i = 0; i < 240; i++) {
      const angle = (i / 40) * 2 * Math.PI; // circles of 700 m radius centred on the line
      points.push(offLine(near, 700 * Math.sin(angle), 700 * Math.cos(angle)));
    }
    const offsets = points.map((p) => border.signedDistanceM(p));
    assert.ok(Math.min(...offsets) < -600 && Math.max(...offsets) > 600, 'the loiter does cross the line');
    assert.deepEqual(run(points), []);
  });

  it('confirms by time when fixes are sparse, and ignores out-of-order fixes', () => {
    const detector = new CrossingDetector(border, { minFixes: 5, minSeconds: 10 });
    const near = { lat: 32.54, lon: -117.03 };
    const fix = (off: number, s: number): Fix => ({ ...offLine(near, off), t: t0 + s * 1_000 });
    assert.equal(detector.update(fix(-1_000, 0)), null);
    assert.equal(detector.side, 'MX');
    assert.equal(detector.update(fix(1_000, 5)), null);
    assert.equal(detector.update(fix(-1_000, 4)), null); // late fix: dropped, the run goes on
    const c = detector.update(fix(1_000, 16));
    assert.ok(c);
    assert.deepEqual([c.from, c.to, c.firstBeyondAt], ['MX', 'US', t0 + 5_000]);
  });
});
