import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EnlaceError } from '../../errors/index.js';
import { offLine } from '../border/test-points.js';
import type { LatLon } from '../border/model.js';
import type { RuleHit, RuleKind, TrackUpdate } from '../model.js';
import { AllowList } from './allow-list.js';
import { IncidentBook, type IncidentBookOptions } from './book.js';
import { RuleEngine } from './rules.js';
import { Flight, moved, SAN_YSIDRO, T0 } from './test-support.js';

const MID: LatLon = { lat: 32.54, lon: -116.98 };
const S = 1000;

function hit(rule: RuleKind, u: TrackUpdate, params: RuleHit['params'] = { km: 2.5, side: 'MX' }): RuleHit {
  const p = u.track.latest;
  return { rule, at: p.t, trackId: u.track.id, lat: p.lat, lon: p.lon, params };
}

function book(o: Partial<IncidentBookOptions> = {}): { book: IncidentBook; clock: { now: number } } {
  const clock = { now: T0 };
  let n = 0;
  const newId = (): string => `x-enlace-drone-incident--00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return { book: new IncidentBook({ country: 'MX', newId, now: () => clock.now, ...o }), clock };
}

describe('opening incidents', () => {
  it('opens one on the first rule hit, with the opening entry, the hit and the detection as evidence', () => {
    const { book: b } = book();
    const f = new Flight({ callsign: 'HALCON 1' });
    assert.equal(b.apply(f.at(T0, offLine(MID, -4000)), []), null, 'no hit, no incident');
    const u = f.at(T0 + S, offLine(MID, -2900));
    const change = b.apply(u, [hit('approach', u)]);
    assert.ok(change);
    assert.equal(change.urgent, true);
    assert.deepEqual(
      change.newHits.map((h) => h.rule),
      ['approach'],
    );
    const i = change.incident;
    assert.match(i.id, /^x-enlace-drone-incident--/);
    assert.equal(i.status, 'open');
    assert.equal(i.originCountry, 'MX');
    assert.equal(i.openedAt, T0 + S);
    assert.deepEqual(i.rules, ['approach']);
    assert.deepEqual(
      i.timeline.map((e) => e.kind),
      ['opened', 'approach'],
    );
    assert.equal(i.timeline[0]!.params['track'], 'HALCON 1');
    assert.equal(i.tracks.length, 1);
    assert.equal(i.tracks[0]!.trail.length, 2, "the track's history up to now");
    assert.equal(i.evidence.length, 1);
    assert.deepEqual(i.evidence[0]!.raw, u.detection.raw);
    assert.deepEqual(
      b.open().map((x) => x.id),
      [i.id],
    );
  });

  it('records later hits in order of first firing, each in the timeline, each detection as evidence', () => {
    const { book: b } = book();
    const f = new Flight();
    const u1 = f.at(T0, offLine(MID, -2900));
    b.apply(u1, [hit('approach', u1)]);
    const u2 = f.at(T0 + S, offLine(MID, -2800));
    b.apply(u2, [hit('loitering', u2), hit('geofence', u2, { zone: 'Presa', zoneKind: 'site' })]);
    const u3 = f.at(T0 + 2 * S, offLine(MID, -2700));
    const change = b.apply(u3, [hit('approach', u3)]);
    assert.ok(change);
    assert.deepEqual(change.incident.rules, ['approach', 'loitering', 'geofence']);
    assert.deepEqual(
      change.incident.timeline.map((e) => e.kind),
      ['opened', 'approach', 'loitering', 'geofence', 'approach'],
    );
    assert.equal(change.incident.evidence.length, 3);
  });

  it('notes when the pilot is first located, and only then', () => {
    const { book: b } = book();
    const f = new Flight();
    const u1 = f.at(T0, offLine(MID, -2900));
    b.apply(u1, [hit('approach', u1)]);
    f.withPilot({ ...offLine(MID, -3500), t: T0 + S });
    const c = b.apply(f.at(T0 + S, offLine(MID, -2800)), []);
    assert.ok(c);
    assert.equal(c.urgent, true);
    assert.equal(c.incident.timeline.at(-1)!.kind, 'pilot-located');
    const again = b.apply(f.at(T0 + 2 * S, offLine(MID, -2700)), []);
    assert.ok(again);
    assert.equal(again.urgent, false, 'trail movement only');
    assert.equal(again.incident.timeline.filter((e) => e.kind === 'pilot-located').length, 1);
  });

  it("puts a second drone of the same crew in the same incident, and another crew's in its own", () => {
    const { book: b } = book();
    const pilot = offLine(MID, -3500);
    const a = new Flight({ callsign: 'A' }).withPilot({ ...pilot, t: T0 });
    const ua = a.at(T0, offLine(MID, -2900));
    const first = b.apply(ua, [hit('approach', ua)])!;
    assert.equal(first.incident.timeline[1]!.kind, 'pilot-located');
    const bTrack = new Flight({ callsign: 'B' }).withTakeoff({ ...moved(pilot, 150, 100), t: T0 });
    const joined = b.apply(bTrack.at(T0 + S, moved(pilot, 400, 400)), []);
    assert.ok(joined);
    assert.equal(joined.incident.id, first.incident.id);
    assert.equal(joined.urgent, true);
    assert.equal(joined.incident.tracks.length, 2);
    const entry = joined.incident.timeline.at(-1)!;
    assert.equal(entry.kind, 'track-joined');
    assert.equal(entry.params['track'], 'B');
    assert.ok(Math.abs(Number(entry.params['distanceM']) - 180) < 5);
    const ub = bTrack.at(T0 + 2 * S, moved(pilot, 500, 500));
    assert.equal(b.apply(ub, [hit('loitering', ub)])!.incident.id, first.incident.id);
    const c = new Flight().withPilot({ ...moved(pilot, 2000, 0), t: T0 });
    assert.equal(b.apply(c.at(T0 + S, moved(pilot, 2000, 500)), []), null, 'far from the crew and no hit');
    const uc = c.at(T0 + 2 * S, moved(pilot, 2000, 600));
    assert.notEqual(b.apply(uc, [hit('approach', uc)])!.incident.id, first.incident.id);
    assert.equal(b.open().length, 2);
  });

  it('opens nothing for allow-listed drones or friendly tracks outside an exercise', () => {
    const { book: b } = book({
      allowList: new AllowList([
        { remoteId: 'SSP-0001', note: 'Policía estatal' },
        { uid: 'CBP-7', note: 'CBP' },
      ]),
    });
    for (const f of [
      new Flight({ remoteIds: ['SSP-0001'] }),
      new Flight({ uids: ['CBP-7'] }),
      new Flight({ classification: 'friendly' }),
    ]) {
      const u = f.at(T0, offLine(MID, -1000));
      assert.equal(b.apply(u, [hit('approach', u)]), null);
    }
    assert.deepEqual(b.open(), []);
    const exercise = new Flight({ classification: 'friendly', exercise: true });
    const u = exercise.at(T0, offLine(MID, -1000));
    const c = b.apply(u, [hit('approach', u)]);
    assert.ok(c, 'in an exercise, friendly tracks are played like any other');
    assert.equal(c.incident.timeline[0]!.params['exercise'], 1);
  });
});

describe('closing incidents', () => {
  it('closes an incident once every one of its tracks has ended', () => {
    const { book: b, clock } = book();
    const pilot = offLine(MID, -3500);
    const a = new Flight().withPilot({ ...pilot, t: T0 });
    const c = new Flight().withPilot({ ...moved(pilot, 50, 0), t: T0 });
    const ua = a.at(T0, offLine(MID, -2900));
    const id = b.apply(ua, [hit('approach', ua)])!.incident.id;
    b.apply(c.at(T0, offLine(MID, -2000)), []);
    assert.deepEqual(b.expire([a.track!], T0 + 60 * S), []);
    clock.now = T0 + 90 * S;
    const closings = b.expire([c.track!], T0 + 90 * S);
    assert.equal(closings.length, 1);
    const closed = closings[0]!;
    assert.equal(closed.urgent, true);
    assert.equal(closed.incident.status, 'closed');
    assert.equal(closed.incident.closedAt, T0 + 90 * S);
    assert.equal(closed.incident.timeline.at(-1)!.kind, 'closed');
    assert.deepEqual(b.open(), []);
    assert.equal(b.get(id)?.status, 'closed');
    assert.equal(b.incidentOf(a.id), null);
    assert.deepEqual(b.expire([a.track!, c.track!], T0 + 100 * S), [], 'closing is once');
  });
});

describe('publishing', () => {
  it('offers new hits at once and trail movement at most every publishIntervalMs', () => {
    const { book: b } = book({ publishIntervalMs: 2_000 });
    const f = new Flight();
    const u0 = f.at(T0, offLine(MID, -2900));
    const id = b.apply(u0, [hit('approach', u0)])!.incident.id;
    assert.deepEqual(
      b.due(T0).map((i) => i.id),
      [id],
    );
    b.markPublished(id, T0);
    assert.deepEqual(b.due(T0), []);
    b.apply(f.at(T0 + 500, offLine(MID, -2890)), []);
    assert.deepEqual(b.due(T0 + 500), [], 'moved, but published 0.5 s ago');
    assert.deepEqual(
      b.due(T0 + 2_000).map((i) => i.id),
      [id],
    );
    b.markPublished(id, T0 + 2_000);
    const u = f.at(T0 + 2_100, offLine(MID, -2880));
    b.apply(u, [hit('loitering', u)]);
    assert.deepEqual(
      b.due(T0 + 2_100).map((i) => i.id),
      [id],
      'a new hit does not wait',
    );
  });

  it('never loses a change made between due and markPublished', () => {
    const { book: b } = book();
    const f = new Flight();
    const u0 = f.at(T0, offLine(MID, -2900));
    const id = b.apply(u0, [hit('approach', u0)])!.incident.id;
    const offered = b.due(T0);
    const u1 = f.at(T0 + S, offLine(MID, -2800));
    b.apply(u1, [hit('geofence', u1, { zone: 'x', zoneKind: 'site' })]);
    b.markPublished(id, T0 + S);
    assert.equal(offered[0]!.timeline.length, 2, 'the offered snapshot did not change under the publisher');
    const again = b.due(T0 + S);
    assert.deepEqual(
      again.map((i) => i.timeline.length),
      [3],
    );
  });

  it('hands out snapshots the caller cannot use to change the book', () => {
    const { book: b } = book();
    const f = new Flight();
    const u0 = f.at(T0, offLine(MID, -2900));
    const i = b.apply(u0, [hit('approach', u0)])!.incident;
    i.timeline.push(i.timeline[0]!);
    i.rules.push('crossing');
    assert.throws(() => {
      (i.tracks[0]!.trail as unknown[]).push(1);
    });
    assert.deepEqual(b.get(i.id)!.rules, ['approach']);
    assert.equal(b.get(i.id)!.timeline.length, 2);
  });
});

describe('bounds', () => {
  it('keeps the opening entries and the newest 500 timeline entries, the first and newest 50 evidence items', () => {
    const { book: b } = book({ trailLimit: 100 });
    const f = new Flight();
    let last = null;
    for (let k = 0; k < 700; k++) {
      const u = f.at(T0 + k * S, moved(offLine(MID, -2900), k, 0));
      last = b.apply(u, [hit('loitering', u, { n: k })]);
    }
    const i = last!.incident;
    assert.equal(i.timeline.length, 500);
    assert.deepEqual(
      i.timeline.slice(0, 2).map((e) => [e.kind, e.params['n']]),
      [
        ['opened', undefined],
        ['loitering', 0],
      ],
    );
    assert.equal(i.timeline.at(-1)!.params['n'], 699);
    assert.equal(i.timeline[2]!.params['n'], 699 - 497);
    assert.equal(i.evidence.length, 50);
    assert.equal(i.evidence[0]!.at, T0);
    assert.equal(i.evidence.at(-1)!.at, T0 + 699 * S);
    assert.equal(i.tracks[0]!.trail.length, 100);
    assert.equal(i.tracks[0]!.trail.at(-1)!.t, T0 + 699 * S);
  });

  it('keeps oversized payloads out of the evidence, and clips hostile texts', () => {
    const { book: b } = book();
    const f = new Flight({ callsign: 'x'.repeat(5_000), uids: ['u'.repeat(300), '', 'v'] });
    const u = f.at(T0, offLine(MID, -2900));
    u.detection.raw = { ...u.detection.raw, data: 'y'.repeat(70_000) };
    const i = b.apply(u, [hit('approach', u, { huge: 'z'.repeat(9_000), 'bad key': 1, nan: Number.NaN })])!.incident;
    assert.equal(i.evidence.length, 0);
    assert.equal(i.tracks[0]!.callsign!.length, 200);
    assert.deepEqual(
      i.tracks[0]!.uids.map((x) => x.length),
      [200, 1],
    );
    assert.deepEqual(Object.keys(i.timeline[1]!.params), ['huge']);
    assert.equal(String(i.timeline[1]!.params['huge']).length, 500);
  });

  it('refuses a bad country, a bad id generator or nonsensical options', () => {
    assert.throws(() => new IncidentBook({ country: 'XX' }), EnlaceError);
    assert.throws(() => new IncidentBook({ country: 'US', publishIntervalMs: -5 }), EnlaceError);
    const b = new IncidentBook({ country: 'US', newId: () => 'incident-1' });
    const f = new Flight();
    const u = f.at(T0, offLine(MID, -2900));
    assert.throws(
      () => b.apply(u, [hit('approach', u)]),
      (e: unknown) => e instanceof EnlaceError && /incident-1/.test(e.message),
    );
  });
});

describe('rules and book together', () => {
  it('a drone crossing at San Ysidro makes one incident with approach, geofence and crossing', () => {
    const engine = new RuleEngine();
    const { book: b } = book();
    const f = new Flight().withPilot({ ...offLine(SAN_YSIDRO, -2500), t: T0 });
    let t = T0;
    const changes = [];
    for (let d = -4000; d <= 1500; d += 10) {
      t += S;
      const u = f.at(t, offLine(SAN_YSIDRO, d, 300));
      const c = b.apply(u, engine.evaluate(u));
      if (c) changes.push(c);
    }
    const ids = new Set(changes.map((c) => c.incident.id));
    assert.equal(ids.size, 1);
    const i = changes.at(-1)!.incident;
    assert.deepEqual(i.rules, ['approach', 'geofence', 'crossing']);
    assert.deepEqual(
      i.timeline.map((e) => e.kind),
      ['opened', 'pilot-located', 'approach', 'geofence', 'crossing'],
    );
    assert.equal(changes.filter((c) => c.urgent).length, 3);
  });
});
