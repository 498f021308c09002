import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offLine } from '../border/test-points.js';
import { detection, moved, T0, TIJUANA } from './fixtures.js';
import { TrackBook } from './tracks.js';

const at = (east: number, north: number): { lat: number; lon: number } => moved(TIJUANA, east, north);

describe('track book: history', () => {
  it('slots a late detection into the history without moving the track', () => {
    const book = new TrackBook();
    for (const s of [0, 2, 4]) book.update(detection({ uid: 'u', t: T0 + s * 1_000, ...at(0, s * 10) }));
    const late = book.update(detection({ uid: 'u', sensor: 'slow-link', t: T0 + 1_000, ...at(0, 10) }));
    const track = late.track;
    assert.deepEqual(
      track.history.map((p) => p.t - T0),
      [0, 1_000, 2_000, 4_000],
    );
    assert.equal(track.latest.t, T0 + 4_000);
    assert.equal(track.lastSeen, T0 + 4_000);
    assert.equal(track.firstSeen, T0);
    const earlier = book.update(detection({ uid: 'u', t: T0 - 3_000 }));
    assert.equal(earlier.track.firstSeen, T0 - 3_000);
    assert.equal(earlier.track.history[0]!.t, T0 - 3_000);
  });

  it('does not feed late fixes to the crossing detector', () => {
    const book = new TrackBook();
    const near = { lat: 32.54, lon: -117.03 };
    const fix = (offsetM: number, s: number): Parameters<TrackBook['update']>[0] =>
      detection({ uid: 'u', t: T0 + s * 1_000, ...offLine(near, offsetM) });
    book.update(fix(-1_000, 100));
    // Late fixes deep in the U.S.: were they fed in arrival order, they would confirm a crossing.
    for (const s of [10, 20, 30, 40]) assert.equal(book.update(fix(1_000, s)).crossing, null);
    const track = book.live()[0]!;
    assert.equal(track.confirmedSide, 'MX');
    assert.equal(track.latest.t, T0 + 100_000);
    assert.equal(track.border.side, 'MX');
  });

  it('bounds the history, dropping the oldest, and keeps one sensor’s repeat once', () => {
    const book = new TrackBook({ historyLimit: 5 });
    for (let s = 0; s < 8; s++) book.update(detection({ uid: 'u', t: T0 + s * 1_000, ...at(0, s) }));
    const track = book.update(detection({ uid: 'u', t: T0 + 7_000, ...at(0, 7) })).track;
    assert.deepEqual(
      track.history.map((p) => (p.t - T0) / 1_000),
      [3, 4, 5, 6, 7],
    );
    book.update(detection({ uid: 'u', t: T0 + 1_000 })); // older than all kept: nowhere to go
    assert.deepEqual(
      track.history.map((p) => (p.t - T0) / 1_000),
      [3, 4, 5, 6, 7],
    );
    book.update(detection({ uid: 'u', sensor: 'b', t: T0 + 5_500 }));
    assert.deepEqual(
      track.history.map((p) => (p.t - T0) / 1_000),
      [4, 5, 5.5, 6, 7],
    );
  });
});

describe('track book: staleness', () => {
  it('takes staleAt from the newest detection, else lastSeen plus the default', () => {
    const book = new TrackBook({ defaultStaleMs: 20_000 });
    const a = book.update(detection({ uid: 'u', staleAt: T0 + 90_000 }));
    assert.equal(a.track.staleAt, T0 + 90_000);
    book.update(detection({ uid: 'u', t: T0 + 5_000 }));
    assert.equal(a.track.staleAt, T0 + 25_000);
    book.update(detection({ uid: 'u', t: T0 + 1_000, staleAt: T0 + 500_000 })); // late: says nothing of now
    assert.equal(a.track.staleAt, T0 + 25_000);
  });

  it('ends stale tracks, keeps them readable, then forgets them', () => {
    const book = new TrackBook({ keepEndedMs: 60_000 });
    const a = book.update(detection({ uid: 'a' })).track; // stale at T0 + 30 s
    const b = book.update(detection({ uid: 'b', ...at(2_000, 0), staleAt: T0 + 120_000 })).track;
    assert.deepEqual(book.expire(T0 + 30_000), [], 'not before its stale time');
    assert.deepEqual(
      book.expire(T0 + 31_000).map((t) => t.id),
      [a.id],
    );
    assert.deepEqual(
      book.live().map((t) => t.id),
      [b.id],
    );
    assert.equal(book.size, 1);
    assert.equal(book.get(a.id), a);
    book.expire(T0 + 91_000);
    assert.equal(book.get(a.id), a, 'kept for keepEndedMs');
    book.expire(T0 + 91_001);
    assert.equal(book.get(a.id), undefined);
    assert.equal(book.get(b.id), b);
  });

  it('revives an ended track by uid or Remote ID within keepEndedMs', () => {
    const book = new TrackBook({ keepEndedMs: 60_000 });
    const a = book.update(detection({ uid: 'a' })).track;
    const r = book.update(detection({ sensor: 'rx', remoteId: 'SN-1', ...at(3_000, 0) })).track;
    book.expire(T0 + 40_000);
    assert.equal(book.size, 0);
    const back = book.update(detection({ uid: 'a', t: T0 + 50_000, ...at(100, 0) }));
    assert.equal(back.track.id, a.id);
    assert.equal(back.isNew, false);
    assert.equal(back.track.staleAt, T0 + 80_000);
    const rid = book.update(detection({ sensor: 'rx', remoteId: 'SN-1', t: T0 + 90_000, ...at(3_000, 0) }));
    assert.equal(rid.track.id, r.id);
    assert.deepEqual(
      book
        .live()
        .map((t) => t.id)
        .sort(),
      [a.id, r.id].sort(),
    );
    assert.equal(book.expire(T0 + 80_000).length, 0, 'both live again');
  });

  it('opens a new track for an identity whose track ended too long ago, and proximity never revives', () => {
    const book = new TrackBook({ keepEndedMs: 60_000 });
    const a = book.update(detection({ uid: 'a' })).track;
    book.expire(T0 + 40_000);
    const near = book.update(detection({ sensor: 'cam', t: T0 + 41_000 }));
    assert.notEqual(near.track.id, a.id);
    const late = book.update(detection({ uid: 'a', t: T0 + 101_000 }));
    assert.equal(late.isNew, true);
    assert.notEqual(late.track.id, a.id);
    // The uid now names the new track, also after the old one is forgotten.
    book.expire(T0 + 101_000);
    assert.equal(book.update(detection({ uid: 'a', t: T0 + 102_000 })).track.id, late.track.id);
  });
});
