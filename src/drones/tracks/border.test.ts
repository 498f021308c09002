import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromLocal } from '../border/geometry.js';
import { offLine } from '../border/test-points.js';
import type { Crossing } from '../model.js';
import { detection, T0, TIJUANA } from './fixtures.js';
import { TrackBook } from './tracks.js';

describe('track book: border', () => {
  it('assesses a single fix as a position: along, still, no prediction', () => {
    const { track } = new TrackBook().update(detection({ uid: 'u' }));
    assert.equal(track.border.side, 'MX');
    assert.ok(track.border.signedDistanceM < 0);
    assert.deepEqual(
      [track.border.heading, track.border.groundSpeedMps, track.border.courseDeg, track.border.predictedCrossingAt],
      ['along', 0, null, null],
    );
    assert.equal(track.border.nearestPort.id, 'san-ysidro');
    assert.equal(track.border.nearestPort.name, 'San Ysidro');
    assert.equal(track.border.nearestPort.cityMx, 'Tijuana');
    assert.ok(track.border.nearestPort.distanceM > 1_000 && track.border.nearestPort.distanceM < 6_000);
    assert.equal(track.confirmedSide, 'MX');
  });

  it('assesses a moving track: heading, speed, course and predicted crossing', () => {
    const book = new TrackBook();
    let u;
    for (let i = 0; i < 3; i++) u = book.update(detection({ uid: 'u', t: T0 + i * 10_000, lat: 32.5 + i * 0.001, lon: -117.03 }));
    const b = u!.track.border;
    assert.equal(b.heading, 'towards');
    assert.ok(Math.abs(b.groundSpeedMps - 11.1) < 0.3, `${b.groundSpeedMps}`);
    assert.ok(b.courseDeg !== null && (b.courseDeg < 2 || b.courseDeg > 358));
    assert.ok(b.predictedCrossingAt !== null && b.predictedCrossingAt > T0 + 20_000);
  });

  it('confirms one crossing near Tijuana from two noisy sensors, without flapping', () => {
    const book = new TrackBook();
    const near = { lat: 32.54, lon: -117.03 };
    const crossings: Crossing[] = [];
    let seed = 7;
    const noise = (): number => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647 - 0.5) * 60; // ±30 m
    // 10 m/s north from 1.5 km south to 1.5 km north; a camera and a Remote ID receiver, 1 Hz each.
    for (let s = 0; s <= 300; s++) {
      const p = offLine(near, -1_500 + 10 * s);
      const cam = fromLocal(p, noise(), noise());
      const rid = fromLocal(p, noise(), noise());
      for (const d of [
        detection({ sensor: 'cam-1', uid: 'cam-1:7', t: T0 + s * 1_000, ...cam }),
        detection({ sensor: 'rid-1', source: 'remote-id', remoteId: 'SN-7', t: T0 + s * 1_000 + 300, ...rid }),
      ]) {
        const u = book.update(d);
        if (u.crossing) crossings.push(u.crossing);
      }
    }
    assert.equal(book.size, 1);
    assert.equal(crossings.length, 1);
    assert.deepEqual([crossings[0]!.from, crossings[0]!.to], ['MX', 'US']);
    const track = book.live()[0]!;
    assert.equal(track.confirmedSide, 'US');
    assert.equal(track.border.side, 'US');
    assert.equal(track.border.heading, 'away');
  });

  it('a drone hovering on the line with GPS noise never crosses', () => {
    const book = new TrackBook();
    const centre = offLine({ lat: 32.54, lon: -117.03 }, 20);
    let seed = 11;
    const noise = (): number => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647 - 0.5) * 200; // ±100 m
    let crossings = 0;
    for (let s = 0; s < 600; s++) {
      const u = book.update(detection({ uid: 'h', t: T0 + s * 1_000, ...fromLocal(centre, noise(), noise()) }));
      if (u.crossing) crossings++;
    }
    assert.equal(crossings, 0);
    assert.equal(book.size, 1);
  });

  it('views copy the track with its newest points as the trail', () => {
    const book = new TrackBook();
    let u;
    for (let i = 0; i < 80; i++) u = book.update(detection({ uid: 'u', t: T0 + i * 1_000, ...fromLocal(TIJUANA, 0, i * 5) }));
    const track = u!.track;
    const view = book.toView(track, undefined, 'MX');
    assert.equal(view.origin, 'local');
    assert.equal(view.originCountry, 'MX');
    assert.equal(view.trail.length, 60);
    assert.equal(view.trail[59], track.latest);
    assert.equal('history' in view, false);
    assert.equal(book.toView(track, 'peer-us', 'US', 5).trail.length, 5);
    assert.equal(book.toView(track, 'local', 'MX', 0).trail.length, 0);
    book.update(detection({ uid: 'u', sensor: 'b', remoteId: 'SN-1', t: T0 + 100_000 }));
    assert.deepEqual(view.remoteIds, [], 'a view does not change with the track');
    assert.throws(() => book.toView(track, 'local', 'MX', -1), RangeError);
  });
});
