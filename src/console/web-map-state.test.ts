/**
 * The drone map's pure logic, part two: the picture held in the browser and the stream applied to
 * it, the incident replay, and what a frame costs (console/src/lib/map, loaded by web-map-testing.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mapLib, type Json } from './web-map-testing.js';

const lib = mapLib();
const T0 = Date.UTC(2026, 10, 27, 18, 0, 0);

/** A track as the node sends it, flying east from near Tijuana; `n` trail points a second apart. */
function track(
  id: string,
  o: { lastSeen?: number; lon?: number; lat?: number; n?: number; classification?: string; origin?: string; country?: string } = {},
): Json & { id: string; lastSeen: number } {
  const lastSeen = o.lastSeen ?? T0;
  const n = o.n ?? 3;
  const lon = o.lon ?? -117.05,
    lat = o.lat ?? 32.52;
  const trail = Array.from({ length: n }, (_, i) => ({
    t: lastSeen - (n - 1 - i) * 1000,
    lat,
    lon: lon - (n - 1 - i) * 0.0005,
    altM: 120,
    sensor: 's1',
    source: 'geojson',
  }));
  return {
    id,
    uids: [id],
    remoteIds: [],
    sensors: ['s1'],
    sources: ['geojson'],
    classification: o.classification ?? 'hostile',
    exercise: false,
    airframe: 'rotary-wing',
    callsign: null,
    firstSeen: lastSeen - n * 1000,
    lastSeen,
    staleAt: lastSeen + 30_000,
    latest: trail[trail.length - 1],
    pilot: null,
    takeoff: null,
    confirmedSide: 'MX',
    trail,
    border: {
      side: 'MX',
      signedDistanceM: -800,
      heading: 'towards',
      groundSpeedMps: 12,
      courseDeg: 5,
      predictedCrossingAt: lastSeen + 60_000,
      nearestPort: { id: 'san-ysidro', name: 'San Ysidro', cityMx: 'Tijuana', distanceM: 1500 },
    },
    origin: o.origin ?? 'local',
    originCountry: o.country ?? 'US',
  };
}

function alert(
  id: string,
  o: { state?: string; level?: number; raisedAt?: number } = {},
): Json & { id: string; state: string; level: number } {
  const state = o.state ?? 'open';
  return {
    id,
    incidentId: id.split('/')[0],
    rule: 'crossing',
    origin: 'local',
    originCountry: 'US',
    raisedAt: o.raisedAt ?? T0,
    level: o.level ?? 1,
    state,
    acknowledgedAt: state === 'acknowledged' ? T0 + 5000 : null,
    acknowledgedBy: state === 'acknowledged' ? { account: 'oficial', country: 'MX' } : null,
    lat: 32.54,
    lon: -117.03,
    params: {},
  };
}

function incident(id: string, o: { updatedAt?: number; status?: string; trackIds?: string[] } = {}): Json & { id: string } {
  return {
    id,
    status: o.status ?? 'open',
    openedAt: T0,
    updatedAt: o.updatedAt ?? T0,
    closedAt: null,
    originCountry: 'US',
    rules: ['crossing'],
    tracks: (o.trackIds ?? ['trk-1']).map((trackId) => ({
      trackId,
      uids: [],
      remoteIds: [],
      sensors: [],
      classification: 'hostile',
      airframe: 'unknown',
      callsign: null,
      trail: [
        { t: T0, lat: 32.5, lon: -117.0, altM: null },
        { t: T0 + 10_000, lat: 32.56, lon: -117.0, altM: null },
        { t: T0 + 20_000, lat: 32.56, lon: -116.94, altM: null },
      ],
      pilot: null,
      takeoff: null,
      border: {},
      lastSeen: T0 + 20_000,
      staleAt: T0 + 50_000,
    })),
    timeline: [
      { at: T0 + 12_000, kind: 'crossing', trackId: 'trk-1', lat: 32.542, lon: -117.0, params: {} },
      { at: T0, kind: 'opened', trackId: null, lat: null, lon: null, params: {} },
    ],
    evidence: [],
    origin: 'local',
    version: '2026-11-27T18:00:00.000Z',
  };
}

const picture = (o: Partial<{ tracks: Json[]; incidents: Json[]; alerts: Json[] }> = {}) => ({
  now: T0,
  country: 'US',
  tracks: [],
  incidents: [],
  alerts: [],
  ...o,
});

describe('the drone picture in the browser', () => {
  it('starts from the picture and applies a batch of stream messages by id', () => {
    const { DroneState } = lib().state;
    const s = new DroneState();
    s.reset(picture({ tracks: [track('trk-1'), track('trk-2')], alerts: [alert('i1/crossing')] }), T0 - 2000);
    assert.equal(s.clockOffsetMs, 2000);
    assert.equal(s.tracks.size, 2);
    const v0 = s.trackVersion;
    const changes = s.apply([
      { type: 'tracks', updated: [track('trk-1', { lastSeen: T0 + 1000 }), track('trk-3')], removed: ['trk-2'] },
      { type: 'incident', incident: incident('i1') },
      { type: 'alert', alert: alert('i2/approach') },
    ]);
    assert.deepEqual(changes, { tracks: true, incidents: true, alerts: true, newAlerts: ['i2/approach'] });
    assert.deepEqual([...s.tracks.keys()].sort(), ['trk-1', 'trk-3']);
    assert.equal(s.tracks.get('trk-1')?.view.lastSeen, T0 + 1000);
    assert.equal(s.trackVersion, v0 + 1, 'one batch, one new version: one redraw');
    assert.deepEqual([...s.incidentTrackIds()], ['trk-1']);
  });

  it("appends a stream update's newest trail points to the trail it holds, keeping at most 60", () => {
    const { DroneState } = lib().state;
    const s = new DroneState();
    s.reset(picture({ tracks: [track('trk-1', { n: 58 })] }));
    // The node sends only the newest points: two seen before (overlap) and three new ones.
    const update = track('trk-1', { lastSeen: T0 + 3000, n: 5 });
    s.apply([{ type: 'tracks', updated: [update], removed: [] }]);
    const trail = s.tracks.get('trk-1')?.view.trail as Array<{ t: number }>;
    assert.equal(trail.length, 60, '58 held + 3 new, oldest dropped past 60');
    assert.deepEqual(
      trail.slice(-5).map((p) => p.t),
      [T0 - 1000, T0, T0 + 1000, T0 + 2000, T0 + 3000],
    );
    assert.equal(new Set(trail.map((p) => p.t)).size, 60, 'no point twice');
    assert.ok(
      trail.every((p, i) => i === 0 || p.t > (trail[i - 1]?.t ?? 0)),
      'still in time order',
    );
  });

  it('merging a trail keeps time order, every new point, held points only before them, and at most 60 (any input)', () => {
    const { mergeTrail } = lib().state as unknown as {
      mergeTrail: (a: Array<{ t: number }>, b: Array<{ t: number }>) => Array<{ t: number }>;
    };
    const sortedTimes = (max: number) =>
      fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: max }).map((ts) => ts.sort((a, b) => a - b).map((t) => ({ t })));
    fc.assert(
      fc.property(sortedTimes(60), sortedTimes(80), (held, newest) => {
        const out = mergeTrail(held, newest);
        const from = newest[0]?.t;
        assert.ok(out.length <= 60);
        assert.ok(
          out.every((p, i) => i === 0 || p.t > (out[i - 1]?.t ?? -1)),
          'strictly in time order',
        );
        if (from === undefined) return assert.deepEqual(out, held);
        assert.deepEqual(out.slice(-Math.min(60, newest.length)), newest.slice(-60), 'the newest points end the trail');
        const kept = out.slice(0, out.length - Math.min(60, newest.length));
        assert.ok(
          kept.every((p) => p.t < from && held.some((h) => h.t === p.t)),
          'only held points from before the update',
        );
        const before = held.filter((h) => h.t < from);
        assert.equal(kept.length, Math.min(before.length, 60 - Math.min(60, newest.length)), 'as many of them as fit');
      }),
      { numRuns: 500 },
    );
  });

  it('never goes backwards: an older copy that raced a newer one changes nothing', () => {
    const { DroneState } = lib().state;
    const s = new DroneState();
    s.reset(
      picture({
        tracks: [track('trk-1', { lastSeen: T0 + 5000 })],
        incidents: [incident('i1', { updatedAt: T0 + 9000 })],
        alerts: [alert('i1/crossing', { state: 'acknowledged' })],
      }),
    );
    const changes = s.apply([
      { type: 'tracks', updated: [track('trk-1', { lastSeen: T0 })], removed: [] },
      { type: 'incident', incident: incident('i1', { updatedAt: T0 }) },
      { type: 'alert', alert: alert('i1/crossing', { level: 3 }) },
    ]);
    assert.deepEqual(changes, { tracks: false, incidents: false, alerts: false, newAlerts: [] });
    assert.equal(s.tracks.get('trk-1')?.view.lastSeen, T0 + 5000);
    assert.equal(s.alerts.get('i1/crossing')?.state, 'acknowledged');
  });

  it("announces new and escalated alerts, and shows the partner's acknowledgement", () => {
    const { DroneState } = lib().state;
    const s = new DroneState();
    s.reset(picture({ alerts: [alert('i1/crossing')] }));
    assert.deepEqual(s.apply([{ type: 'alert', alert: alert('i1/crossing', { level: 2 }) }]).newAlerts, ['i1/crossing']);
    assert.deepEqual(
      s.apply([{ type: 'alert', alert: alert('i1/crossing', { level: 2 }) }]).alerts,
      false,
      'the same copy again is no change',
    );
    const ack = s.apply([{ type: 'alert', alert: alert('i1/crossing', { state: 'acknowledged', level: 2 }) }]);
    assert.deepEqual(ack.newAlerts, []);
    assert.equal(ack.alerts, true);
    assert.deepEqual(s.alerts.get('i1/crossing')?.acknowledgedBy, { account: 'oficial', country: 'MX' });
    assert.deepEqual(s.openAlertCount(), { count: 0, level: 0 });
  });

  it('lists open alerts newest first, then the acknowledged ones', () => {
    const { DroneState } = lib().state;
    const s = new DroneState();
    s.reset(
      picture({
        alerts: [
          alert('a/crossing', { raisedAt: T0 }),
          alert('b/crossing', { state: 'acknowledged' }),
          alert('c/crossing', { raisedAt: T0 + 60_000, level: 3 }),
        ],
      }),
    );
    assert.deepEqual(
      s.alertList().map((a) => a.id),
      ['c/crossing', 'a/crossing', 'b/crossing'],
    );
    assert.deepEqual(s.openAlertCount(), { count: 2, level: 3 });
  });

  it('drops tracks long past their stale time even when no removal came', () => {
    const { DroneState } = lib().state;
    const s = new DroneState();
    s.reset(picture({ tracks: [track('old', { lastSeen: T0 - 600_000 }), track('new')] }), T0);
    assert.equal(s.expire(T0), true);
    assert.deepEqual([...s.tracks.keys()], ['new']);
    assert.equal(s.expire(T0), false);
  });

  it('coalesces a batch into the same picture as applying it message by message', () => {
    const { DroneState, coalesce } = lib().state;
    const ids = ['trk-a', 'trk-b', 'trk-c'];
    const msg = fc.oneof(
      fc
        .record({
          updated: fc.array(fc.record({ id: fc.constantFrom(...ids), at: fc.integer({ min: 0, max: 20 }) }), { maxLength: 4 }),
          removed: fc.array(fc.constantFrom(...ids), { maxLength: 2 }),
        })
        .map((m) => ({ type: 'tracks', updated: m.updated.map((u) => track(u.id, { lastSeen: T0 + u.at * 1000 })), removed: m.removed })),
      fc
        .record({ id: fc.constantFrom('a/crossing', 'b/approach'), level: fc.constantFrom(1, 2, 3), acked: fc.boolean() })
        .map((a) => ({ type: 'alert', alert: alert(a.id, { level: a.level, state: a.acked ? 'acknowledged' : 'open' }) })),
      fc
        .record({ id: fc.constantFrom('i1', 'i2'), at: fc.integer({ min: 0, max: 20 }) })
        .map((i) => ({ type: 'incident', incident: incident(i.id, { updatedAt: T0 + i.at }) })),
    );
    fc.assert(
      fc.property(fc.array(msg, { maxLength: 25 }), (events) => {
        const one = new DroneState();
        const all = new DroneState();
        one.reset(picture({ tracks: [track('trk-a', { lastSeen: T0 + 5000 })] }));
        all.reset(picture({ tracks: [track('trk-a', { lastSeen: T0 + 5000 })] }));
        for (const e of events) one.apply([e]);
        all.apply(coalesce(events));
        const snapshot = (s: typeof one) => ({
          tracks: [...s.tracks.entries()].map(([k, v]) => [k, v.view.lastSeen]).sort(),
          alerts: [...s.alerts.entries()].map(([k, v]) => [k, v.state, v.level]).sort(),
          incidents: [...s.incidents.entries()].map(([k, v]) => [k, v.updatedAt]).sort(),
        });
        assert.deepEqual(snapshot(all), snapshot(one));
        assert.ok(coalesce(events).filter((e) => e.type === 'tracks').length <= 2, 'two tracks messages at most');
      }),
    );
  });

  it('refuses stream data that is not one of the three messages', () => {
    const { parseStreamEvent } = lib().state;
    assert.equal(parseStreamEvent('not json'), null);
    assert.equal(parseStreamEvent('null'), null);
    assert.equal(parseStreamEvent('{"type":"tracks"}'), null);
    assert.equal(parseStreamEvent('{"type":"evil","alert":{}}'), null);
    assert.equal(parseStreamEvent('{"type":"alert","alert":{"id":1}}'), null);
    const mixed = parseStreamEvent(JSON.stringify({ type: 'tracks', updated: [track('ok'), { id: 'broken' }, 7], removed: ['x', 3] }));
    assert.deepEqual(mixed && (mixed.updated as Json[]).map((t) => t.id), ['ok']);
    assert.deepEqual(mixed?.removed, ['x']);
    assert.equal(parseStreamEvent(JSON.stringify({ type: 'alert', alert: alert('a/crossing') }))?.type, 'alert');
  });

  it('keeps each track inside a box that holds its trail, pilot and take-off point', () => {
    const { trackBounds } = lib().state;
    const t = {
      ...track('trk-1', { n: 5 }),
      pilot: { lat: 32.3, lon: -117.2, kind: 'live', t: T0 },
      takeoff: { lat: 32.7, lon: -116.9, t: T0 },
    };
    assert.deepEqual(trackBounds(t), { west: -117.2, east: -116.9, south: 32.3, north: 32.7 });
  });
});

describe('incident replay', () => {
  const i = incident('i1');

  it('spans the incident from its first fix to its last event', () => {
    assert.deepEqual(lib().replay.replayRange(i), { start: T0, end: T0 + 20_000 });
  });

  it('draws the trail up to the moment, the aircraft between its fixes', () => {
    const { replayAt } = lib().replay;
    assert.deepEqual(replayAt(i, T0 - 1).tracks[0]?.points, []);
    assert.equal(replayAt(i, T0 - 1).tracks[0]?.head, null);
    const mid = replayAt(i, T0 + 5000);
    assert.equal(mid.tracks[0]?.points.length, 2);
    const head = mid.tracks[0]?.head;
    assert.ok(head && Math.abs(head.lat - 32.53) < 1e-9 && head.lon === -117.0 && head.courseDeg === 0, JSON.stringify(head));
    assert.deepEqual(
      mid.entries.map((e) => e.kind),
      ['opened'],
    );
    const later = replayAt(i, T0 + 15_000);
    assert.deepEqual(
      later.entries.map((e) => e.kind),
      ['opened', 'crossing'],
    );
    assert.ok(Math.abs((later.tracks[0]?.head?.courseDeg ?? 0) - 90) < 1, 'flying east on the last leg');
    const end = replayAt(i, T0 + 20_000);
    assert.equal(end.tracks[0]?.points.length, 3);
  });

  it('never shows a point from after the moment, for any moment', () => {
    const { replayAt } = lib().replay;
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 25_000 }), (dt) => {
        const f = replayAt(i, T0 + dt);
        const fixes = (i.tracks as Array<{ trail: Array<{ t: number }> }>)[0]!.trail;
        const shown = f.tracks[0]!.points.length;
        const before = fixes.filter((p) => p.t <= T0 + dt).length;
        assert.ok(shown === before || shown === before + 1, `${shown} points for ${before} fixes`);
        assert.ok(f.entries.every((e) => e.at <= T0 + dt));
      }),
    );
  });

  it('plays the incident in about twenty seconds and stops at its end', () => {
    const { advance, playbackRate } = lib().replay;
    assert.equal(playbackRate({ start: 0, end: 600_000 }), 30);
    assert.equal(playbackRate({ start: 0, end: 1000 }), 1);
    assert.equal(playbackRate({ start: 0, end: 1e9 }), 120);
    assert.deepEqual(advance(0, 100, { start: 0, end: 600_000 }), { t: 3000, done: false });
    assert.deepEqual(advance(599_000, 100, { start: 0, end: 600_000 }), { t: 600_000, done: true });
  });
});

/** Counts what a frame asks of the canvas: a stand-in only for the browser's drawing, which Node lacks. */
function countingCanvas() {
  const calls = { lineTo: 0, stroke: 0, fill: 0, fillText: 0 };
  const noop = () => undefined;
  const ctx = {
    calls,
    setTransform: noop,
    fillRect: noop,
    beginPath: noop,
    moveTo: noop,
    closePath: noop,
    arc: noop,
    rect: noop,
    setLineDash: noop,
    strokeText: noop,
    lineTo: () => {
      calls.lineTo++;
    },
    stroke: () => {
      calls.stroke++;
    },
    fill: () => {
      calls.fill++;
    },
    fillText: () => {
      calls.fillText++;
    },
    measureText: (s: string) => ({ width: s.length * 7 }),
  };
  return ctx;
}

describe('drawing a frame', () => {
  const many = Array.from({ length: 2000 }, (_, k) =>
    track(`trk-${k}`, {
      n: 60,
      lon: -117.1 + (k % 50) * 0.4,
      lat: 26 + Math.floor(k / 50) * 0.15,
      classification: ['hostile', 'suspect', 'unknown', 'friendly'][k % 4],
      origin: k % 2 ? 'local' : 'mx',
      country: k % 2 ? 'US' : 'MX',
    }),
  );

  function frame(v: { lon: number; lat: number; zoom: number }) {
    const { DroneState } = lib().state;
    const { HitGrid } = lib().hit;
    const s = new DroneState();
    s.reset(picture({ tracks: many }));
    const ctx = countingCanvas();
    const hit = new HitGrid();
    const stats = lib().render.renderMap(
      ctx,
      { ...v, width: 1200, height: 700 },
      1,
      {
        geography: null,
        tracks: s.tracks.values(),
        ownCountry: 'US',
        nodeNow: T0,
        incidentTracks: new Set(),
        selected: null,
        hovered: null,
        replay: null,
        lang: 'en',
      },
      hit,
    );
    return { stats, calls: ctx.calls, hit };
  }

  it('costs what the view shows, not what the node knows', () => {
    const whole = frame({ lon: -107, lat: 29, zoom: 60 });
    const city = frame({ lon: -117.05, lat: 26.05, zoom: 3000 });
    assert.equal(whole.stats.visibleTracks, 2000);
    assert.ok(city.stats.visibleTracks > 0 && city.stats.visibleTracks < 20, `${city.stats.visibleTracks} tracks in a city view`);
    assert.ok(city.calls.lineTo * 20 < whole.calls.lineTo, `${city.calls.lineTo} vs ${whole.calls.lineTo} segments`);
    assert.equal(whole.hit.size, 2000);
    assert.equal(city.hit.size, city.stats.visibleTracks);
  });

  it('draws 2,000 tracks in a few dozen paths, not one per track', () => {
    const whole = frame({ lon: -107, lat: 29, zoom: 60 });
    assert.ok(whole.calls.stroke <= 80, `${whole.calls.stroke} strokes for 2,000 tracks`);
    assert.ok(whole.calls.fill <= 40, `${whole.calls.fill} fills for 2,000 tracks`);
    assert.equal(whole.calls.fillText, 0, 'no per-track badges with 2,000 in view');
    // Zoomed out, a 60-point trail is shorter than its symbol: not drawn at all. Zoomed in, it is.
    assert.equal(whole.stats.drawnPoints, 0);
    const city = frame({ lon: -117.05, lat: 26.05, zoom: 3000 });
    assert.ok(city.stats.drawnPoints > 20 * city.stats.visibleTracks, `${city.stats.drawnPoints} trail points in a city view`);
  });
});
