import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromLocal } from '../border/geometry.js';
import { offLine } from '../border/test-points.js';
import type { Classification, Detection, Track } from '../model.js';
import { detection, T0, TIJUANA } from './fixtures.js';
import { TrackBook } from './tracks.js';

const NEAR_LINE = { lat: 32.54, lon: -117.03 };
const noiseArb = fc.tuple(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true }));

/** A straight flight north across the line near Tijuana, 12 m/s, a fix every 2 s. */
function flightPoint(i: number, [dx, dy]: [number, number]): { lat: number; lon: number } {
  return fromLocal(offLine(NEAR_LINE, -1_200 + 24 * i), dx, dy);
}

function assertSorted(track: Track): void {
  for (let i = 1; i < track.history.length; i++) assert.ok(track.history[i - 1]!.t <= track.history[i]!.t, 'history out of order');
}

describe('track book: properties', () => {
  it('any arrival order and noise of one named flight yields one track and at most one crossing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noiseArb, fc.constantFrom('cam-1', 'radar-2', 'tak-3')), { minLength: 2, maxLength: 120 }).chain((fixes) =>
          fc.tuple(
            fc.constant(fixes),
            fc.shuffledSubarray(
              fixes.map((_, i) => i),
              { minLength: fixes.length, maxLength: fixes.length },
            ),
          ),
        ),
        ([fixes, order]) => {
          const book = new TrackBook();
          let crossings = 0;
          for (const i of order) {
            const [noise, sensor] = fixes[i]!;
            const u = book.update(detection({ uid: 'drone-1', sensor, t: T0 + i * 2_000, ...flightPoint(i, noise) }));
            if (u.crossing) crossings++;
          }
          assert.equal(book.size, 1);
          assert.ok(crossings <= 1, `${crossings} crossings`);
          const track = book.live()[0]!;
          assertSorted(track);
          assert.equal(track.latest.t, T0 + (fixes.length - 1) * 2_000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a flight seen by a named, a Remote ID and an anonymous sensor with jittered arrival is one track crossing once', () => {
    const sensors: Array<Partial<Detection>> = [
      { sensor: 'tak-1', uid: 'ANDROID-7' },
      { sensor: 'rid-1', source: 'remote-id', remoteId: 'SN-77' },
      { sensor: 'radar-1' },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noiseArb, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3_000 })), {
          minLength: 140,
          maxLength: 160,
        }),
        (fixes) => {
          // Each fix arrives up to 3 s late: arrival order differs from observation order.
          const arrivals = fixes
            .map(([noise, s, delay], i) => ({
              d: detection({ ...sensors[s], t: T0 + i * 2_000, ...flightPoint(i, noise) }),
              arrives: i * 2_000 + delay,
            }))
            .sort((a, b) => a.arrives - b.arrives);
          const book = new TrackBook();
          const crossings = arrivals.map(({ d }) => book.update(d).crossing).filter((c) => c !== null);
          assert.equal(book.size, 1);
          assert.equal(crossings.length, 1);
          assert.deepEqual([crossings[0]!.from, crossings[0]!.to], ['MX', 'US']);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a detection never joins a track holding another uid of its sensor, nor friendly with hostile', () => {
    const sensorArb = fc.integer({ min: 0, max: 3 });
    const detectionArb = fc.record({
      sensor: sensorArb,
      uid: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      east: fc.integer({ min: -300, max: 300 }),
      north: fc.integer({ min: -300, max: 300 }),
      dt: fc.integer({ min: 0, max: 3_000 }),
      anonymousClass: fc.constantFrom<Classification>('hostile', 'suspect', 'unknown', 'friendly'),
    });
    // Each uid keeps one classification, as a sensor does for the aircraft it names.
    const classOfUid = (s: number, u: number): Classification => (['hostile', 'unknown', 'friendly', 'suspect'] as const)[(s + u) % 4]!;
    fc.assert(
      fc.property(fc.array(detectionArb, { minLength: 1, maxLength: 150 }), (steps) => {
        const book = new TrackBook();
        const said = new Map<string, Set<Classification>>();
        let t = T0;
        for (const step of steps) {
          t += step.dt;
          const uid = step.uid === null ? null : `s${step.sensor}-u${step.uid}`;
          const classification = step.uid === null ? step.anonymousClass : classOfUid(step.sensor, step.uid);
          const before = uid === null ? undefined : book.live().find((tr) => tr.uids.includes(uid));
          const u = book.update(
            detection({ sensor: `s${step.sensor}`, uid, classification, t, ...fromLocal(TIJUANA, step.east, step.north) }),
          );
          if (before) assert.equal(u.track.id, before.id, 'a known uid goes to its track');
          if (uid !== null) assert.ok(u.track.uids.includes(uid));
          const classes = said.get(u.track.id) ?? new Set();
          said.set(u.track.id, classes.add(classification));
          const live = book.live();
          const holders = new Map<string, string>();
          for (const tr of live) {
            const bySensor = new Map<string, string>();
            for (const id of tr.uids) {
              const sensor = id.split('-')[0]!;
              assert.equal(bySensor.get(sensor) ?? id, id, `${tr.id} holds two uids of ${sensor}: ${tr.uids.join(', ')}`);
              bySensor.set(sensor, id);
              assert.equal(holders.get(id) ?? tr.id, tr.id, `${id} is on two live tracks`);
              holders.set(id, tr.id);
            }
            const c = said.get(tr.id) ?? new Set();
            assert.ok(!(c.has('friendly') && (c.has('hostile') || c.has('suspect'))), `${tr.id} merged friendly and hostile`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
