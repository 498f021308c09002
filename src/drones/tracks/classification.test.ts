import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Classification, Detection } from '../model.js';
import { detection, T0 } from './fixtures.js';
import { TrackBook } from './tracks.js';

/** Feeds detections of one uid in order, each from its own sensor, and returns the track. */
function track(...said: Array<Partial<Detection>>) {
  const book = new TrackBook();
  let last;
  for (const [i, over] of said.entries()) last = book.update(detection({ uid: 'u', sensor: `s-${i}`, t: T0 + i * 1_000, ...over }));
  assert.ok(last);
  assert.equal(book.size, 1);
  return last.track;
}

const c = (classification: Classification, exercise = false): Partial<Detection> => ({ classification, exercise });

describe('track book: classification', () => {
  it('explicit statements win over unknown, whatever the order', () => {
    assert.equal(track(c('unknown'), c('suspect'), c('unknown')).classification, 'suspect');
    assert.equal(track(c('friendly'), c('unknown')).classification, 'friendly');
    assert.equal(track(c('unknown')).classification, 'unknown');
  });

  it('the most severe statement holds, and friendly only when nobody said otherwise', () => {
    assert.equal(track(c('suspect'), c('hostile'), c('suspect')).classification, 'hostile');
    assert.equal(track(c('hostile'), c('friendly')).classification, 'hostile');
    assert.equal(track(c('friendly'), c('suspect'), c('friendly')).classification, 'suspect');
  });

  it('is an exercise only if every classifying detection said so', () => {
    assert.equal(track(c('hostile', true), c('unknown'), c('hostile', true)).exercise, true);
    assert.equal(track(c('hostile', true), c('hostile', false)).exercise, false);
    assert.equal(track(c('unknown', true)).exercise, false, 'nothing classified it');
  });

  it('keeps the first known airframe and the newest callsign', () => {
    const t = track(
      { airframe: 'unknown' },
      { airframe: 'rotary-wing', callsign: 'HALCON 1' },
      { airframe: 'fixed-wing', callsign: null },
      { callsign: 'HALCON 2' },
      { callsign: 'OLD', t: T0 - 5_000 },
    );
    assert.equal(t.airframe, 'rotary-wing');
    assert.equal(t.callsign, 'HALCON 2');
  });
});

describe('track book: pilot and take-off', () => {
  it('links the newest pilot position and the take-off point when reported', () => {
    const takeoff = { lat: 32.51, lon: -117.04, kind: 'takeoff' as const, t: T0 };
    const live = { lat: 32.515, lon: -117.045, kind: 'live' as const, t: T0 + 2_000 };
    const stale = { lat: 32.3, lon: -117.2, kind: 'live' as const, t: T0 - 60_000 };
    const t = track({ pilot: null }, { pilot: takeoff }, { pilot: live }, { pilot: stale });
    assert.deepEqual(t.pilot, live);
    assert.deepEqual(t.takeoff, { lat: 32.51, lon: -117.04, t: T0 });
  });

  it('has no take-off point from a live or fixed pilot position', () => {
    const t = track({ pilot: { lat: 32.51, lon: -117.04, kind: 'fixed', t: T0 } });
    assert.equal(t.pilot?.kind, 'fixed');
    assert.equal(t.takeoff, null);
  });
});
