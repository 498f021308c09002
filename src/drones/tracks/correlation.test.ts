import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detection, moved, T0, TIJUANA } from './fixtures.js';
import { TrackBook } from './tracks.js';

const at = (east: number, north: number): { lat: number; lon: number } => moved(TIJUANA, east, north);

describe('track book: correlation by identity', () => {
  it('joins the same uid however far it has flown, and opens trk- ids', () => {
    const book = new TrackBook();
    const a = book.update(detection({ uid: 'cot-1' }));
    const b = book.update(detection({ uid: 'cot-1', t: T0 + 60_000, ...at(5_000, 0) }));
    assert.equal(a.isNew, true);
    assert.equal(b.isNew, false);
    assert.equal(b.track.id, a.track.id);
    assert.match(a.track.id, /^trk-[0-9a-f-]{36}$/);
    assert.equal(book.size, 1);
    assert.equal(b.track.history.length, 2);
  });

  it('joins by Remote ID across sensors and links the identities it learns', () => {
    const book = new TrackBook();
    const first = book.update(detection({ sensor: 'rid-rx-1', source: 'remote-id', remoteId: 'SN-1' }));
    const far = at(3_000, 0);
    const cot = book.update(detection({ sensor: 'tak-1', uid: 'cot-9', remoteId: 'SN-1', t: T0 + 40_000, ...far }));
    assert.equal(cot.track.id, first.track.id);
    assert.deepEqual(cot.track.uids, ['cot-9']);
    assert.deepEqual(cot.track.sensors, ['rid-rx-1', 'tak-1']);
    assert.deepEqual(cot.track.sources, ['remote-id', 'cot']);
    // The uid learnt through the Remote ID now finds the track on its own, far away and late.
    const later = book.update(detection({ sensor: 'tak-1', uid: 'cot-9', t: T0 + 100_000, ...at(9_000, 0) }));
    assert.equal(later.track.id, first.track.id);
  });

  it('links a uid learnt by proximity', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'radar-1', uid: 'r-17' }));
    const b = book.update(detection({ sensor: 'cam-2', uid: 'c-3', t: T0 + 1_000, ...at(40, 0) }));
    assert.equal(b.track.id, a.track.id);
    const far = book.update(detection({ sensor: 'cam-2', uid: 'c-3', t: T0 + 90_000, ...at(8_000, 0) }));
    assert.equal(far.track.id, a.track.id);
    assert.deepEqual(far.track.uids, ['r-17', 'c-3']);
  });

  it('does not follow a Remote ID to a track the same sensor calls by another uid', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'tak-1', uid: 'cot-1', remoteId: 'SN-1' }));
    const b = book.update(detection({ sensor: 'tak-1', uid: 'cot-2', remoteId: 'SN-1', t: T0 + 1_000, ...at(5_000, 0) }));
    assert.notEqual(b.track.id, a.track.id);
    assert.equal(book.size, 2);
  });
});

describe('track book: correlation by proximity', () => {
  it('joins another sensor’s detection close in space and time', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'radar-1', uid: 'r-1' }));
    const b = book.update(detection({ sensor: 'cam-2', t: T0 + 2_000, ...at(100, 50) }));
    assert.equal(b.track.id, a.track.id);
    assert.equal(b.isNew, false);
  });

  it('opens a new track beyond the gate in space or in time', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'radar-1', uid: 'r-1' }));
    const far = book.update(detection({ sensor: 'cam-2', t: T0 + 1_000, ...at(0, 400) }));
    const late = book.update(detection({ sensor: 'cam-3', t: T0 + 11_000 }));
    assert.equal(book.size, 3);
    assert.notEqual(far.track.id, a.track.id);
    assert.notEqual(late.track.id, a.track.id);
  });

  it('never merges two uids of the same sensor, however close', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'radar-1', uid: 'r-1' }));
    const b = book.update(detection({ sensor: 'radar-1', uid: 'r-2', t: T0 + 1_000, ...at(5, 5) }));
    assert.notEqual(b.track.id, a.track.id);
    // Nor a named one onto a track that sensor already followed anonymously.
    const c = book.update(detection({ sensor: 'radar-9' }));
    const d = book.update(detection({ sensor: 'radar-9', uid: 'x-1', t: T0 + 1_000 }));
    assert.notEqual(d.track.id, c.track.id);
  });

  it('follows one sensor’s anonymous plots only at successive instants', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'radar-1' }));
    const same = book.update(detection({ sensor: 'radar-1', ...at(30, 0) }));
    assert.notEqual(same.track.id, a.track.id, 'two plots at one instant are two aircraft');
    const next = book.update(detection({ sensor: 'radar-1', t: T0 + 1_000, ...at(10, 10) }));
    assert.equal(next.track.id, a.track.id, 'the nearer track takes the next plot');
  });

  it('never merges friendly with hostile or suspect; unknown joins either', () => {
    const book = new TrackBook();
    const friendly = book.update(detection({ sensor: 'a', uid: 'f', classification: 'friendly' }));
    const hostile = book.update(detection({ sensor: 'b', uid: 'h', classification: 'hostile', t: T0 + 500 }));
    assert.notEqual(hostile.track.id, friendly.track.id);
    const suspect = book.update(detection({ sensor: 'c', classification: 'suspect', t: T0 + 500, ...at(0, 20) }));
    assert.equal(suspect.track.id, hostile.track.id);
    const unknown = book.update(detection({ sensor: 'd', t: T0 + 500, ...at(0, 5) }));
    assert.equal(unknown.track.id, friendly.track.id, 'the nearer of the two');
    assert.equal(book.size, 2);
  });

  it('never merges two different Remote IDs', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'rx-1', source: 'remote-id', remoteId: 'SN-1' }));
    const b = book.update(detection({ sensor: 'rx-2', source: 'remote-id', remoteId: 'SN-2', t: T0 + 500, ...at(10, 0) }));
    assert.notEqual(b.track.id, a.track.id);
  });

  it('widens the gate with the track’s speed', () => {
    const book = new TrackBook();
    // A fast drone: 25 m/s north, fixes every second for 10 s.
    let fast = book.update(detection({ sensor: 'radar-1', uid: 'fast' }));
    for (let i = 1; i <= 10; i++) fast = book.update(detection({ sensor: 'radar-1', uid: 'fast', t: T0 + i * 1_000, ...at(0, 25 * i) }));
    assert.ok(Math.abs(fast.track.border.groundSpeedMps - 25) < 1, `${fast.track.border.groundSpeedMps}`);
    // A hovering one 5 km east.
    const slow = book.update(detection({ sensor: 'radar-1', uid: 'slow', t: T0 + 10_000, ...at(5_000, 0) }));
    // 8 s after each, 350 m off: within 150 + 25 × 8 = 350 m for the fast one, not for the hovering one.
    const t = T0 + 18_000;
    const joinsFast = book.update(detection({ sensor: 'cam-2', t, ...at(0, 250 + 340) }));
    const missesSlow = book.update(detection({ sensor: 'cam-2', uid: 'c-2', t, ...at(5_000, 340) }));
    assert.equal(joinsFast.track.id, fast.track.id);
    assert.notEqual(missesSlow.track.id, slow.track.id);
    // The speed a detection reports widens it too.
    const reported = book.update(detection({ sensor: 'cam-3', t, speedMps: 30, ...at(5_000, -340) }));
    assert.equal(reported.track.id, slow.track.id);
  });

  it('takes the nearest of several tracks within the gate', () => {
    const book = new TrackBook();
    const a = book.update(detection({ sensor: 'radar-1', uid: 'a1' }));
    const b = book.update(detection({ sensor: 'radar-1', uid: 'b1', ...at(120, 0) }));
    const c = book.update(detection({ sensor: 'cam-2', t: T0 + 1_000, ...at(80, 0) }));
    assert.notEqual(a.track.id, b.track.id);
    assert.equal(c.track.id, b.track.id);
  });

  it('finds tracks across grid cells and keeps gating local among thousands of tracks', () => {
    const book = new TrackBook();
    // 2,500 hovering tracks on a 50 × 50 lattice 300 m apart, each named by its own radar id.
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 50; j++) book.update(detection({ sensor: 'radar-1', uid: `r-${i}-${j}`, ...at(i * 300, j * 300) }));
    }
    assert.equal(book.size, 2_500);
    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 50; j++) {
        const u = book.update(detection({ sensor: 'cam-2', t: T0 + 1_000, ...at(i * 300 + 60, j * 300 - 60) }));
        assert.equal(u.track.uids[0], `r-${i}-${j}`);
      }
    }
    const perUpdateMs = (performance.now() - started) / 2_500;
    assert.equal(book.size, 2_500);
    assert.ok(perUpdateMs < 1, `${perUpdateMs.toFixed(3)} ms per update`);
  });
});
