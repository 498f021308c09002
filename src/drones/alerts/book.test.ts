import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IncidentView, RuleKind } from '../model.js';
import { AlertBook, type Acknowledgement } from './book.js';
import { entry, incident, T0 } from './fixtures.js';
import { AlertRefusal, RULE_KINDS } from './refusal.js';

const ID = 'x-enlace-drone-incident--0b5c8f0e-6a55-4f4e-9d59-3c1f9e0c2a11';

function book(now = T0, o: Partial<ConstructorParameters<typeof AlertBook>[0]> = {}): AlertBook {
  return new AlertBook({ country: 'MX', now: () => now, ...o });
}

function ack(rule: RuleKind, at: number, account = 'ana', country = 'MX', incidentId = ID): Acknowledgement {
  return { incidentId, rule, acknowledgedAt: at, account, country };
}

describe('AlertBook.fromIncident', () => {
  it("raises one alert per rule, from that rule's first timeline entry", () => {
    const b = book(T0 + 5_000);
    const v = incident(
      ID,
      [
        ['approach', T0 + 1_000],
        ['crossing', T0 + 3_000],
      ],
      { origin: 'us-node', originCountry: 'US' },
    );
    v.timeline.push(entry('crossing', T0 + 4_000, { port: 'Later' }, 1, 1));
    const changes = b.fromIncident(v);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.alert.id]),
      [
        ['raised', `${ID}/approach`],
        ['raised', `${ID}/crossing`],
      ],
    );
    const crossing = b.get(`${ID}/crossing`);
    assert.ok(crossing);
    assert.equal(crossing.raisedAt, T0 + 3_000);
    assert.equal(crossing.params.port, 'San Ysidro');
    assert.deepEqual([crossing.lat, crossing.lon], [32.5432, -117.0298]);
    assert.deepEqual([crossing.origin, crossing.originCountry, crossing.state, crossing.level], ['us-node', 'US', 'open', 1]);
    assert.deepEqual([crossing.acknowledgedAt, crossing.acknowledgedBy], [null, null]);
  });

  it('raises nothing when a version is seen again, and only the new rule from a later version', () => {
    const b = book();
    const v1 = incident(ID, [['approach', T0]]);
    const v2 = incident(ID, [
      ['approach', T0],
      ['crossing', T0 + 2_000],
    ]);
    assert.equal(b.fromIncident(v1).length, 1);
    assert.deepEqual(b.fromIncident(v1), []);
    assert.deepEqual(
      b.fromIncident(v2).map((c) => c.alert.rule),
      ['crossing'],
    );
    assert.deepEqual(b.fromIncident(v2), []);
    assert.equal(b.list().length, 2);
  });

  it('raises from a closed incident: the acknowledgement is still owed', () => {
    const b = book();
    const closed = incident(ID, [['payload-drop', T0]], { status: 'closed', closedAt: T0 + 9_000 });
    assert.deepEqual(
      b.fromIncident(closed).map((c) => [c.kind, c.alert.state]),
      [['raised', 'open']],
    );
  });

  it("falls back to updatedAt and to a track's position when the entry lacks them", () => {
    const b = book();
    const v = incident(ID, [], { rules: ['loitering'], updatedAt: T0 + 7_000, timeline: [entry('opened', T0, {}, null, null)] });
    v.tracks = [{ trackId: 'trk-1', trail: [{ t: T0, lat: 31.33, lon: -110.94, altM: null }] } as IncidentView['tracks'][number]];
    const [change] = b.fromIncident(v);
    assert.ok(change);
    assert.equal(change.alert.raisedAt, T0 + 7_000);
    assert.deepEqual([change.alert.lat, change.alert.lon], [31.33, -110.94]);
    assert.deepEqual(change.alert.params, {});
  });

  it('raises nothing for a suppressed incident, and raises once it no longer is', () => {
    let exercise = true;
    const b = book(T0, { suppressed: () => exercise });
    const v = incident(ID, [['crossing', T0]]);
    assert.deepEqual(b.fromIncident(v), []);
    exercise = false;
    assert.equal(b.fromIncident(v).length, 1);
  });

  it('an alert seen long after it was raised starts at the level it has reached', () => {
    const b = book(T0 + 150_000);
    const [change] = b.fromIncident(incident(ID, [['crossing', T0]]));
    assert.equal(change?.alert.level, 3);
  });
});

describe('AlertBook refuses malformed input whole', () => {
  const refusal = (reason: string) => (e: unknown) => e instanceof AlertRefusal && e.reason === reason;

  it('refuses an incident with an unknown rule and stores none of its alerts', () => {
    const b = book();
    const v = incident(ID, [['crossing', T0]]);
    (v.rules as string[]).push('teleport');
    assert.throws(() => b.fromIncident(v), refusal('unknown-rule'));
    assert.deepEqual(b.list(), []);
  });

  it('refuses an incident with no position for a rule, storing nothing of it', () => {
    const b = book();
    const v = incident(ID, [
      ['crossing', T0],
      ['approach', T0 + 1],
    ]);
    v.timeline = v.timeline.map((e) => ({ ...e, lat: null, lon: null }));
    assert.throws(() => b.fromIncident(v), refusal('no-position'));
    assert.deepEqual(b.list(), []);
  });

  it('refuses hostile shapes with the field at fault, in both languages', () => {
    const b = book();
    const good = incident(ID, [['crossing', T0]]);
    const cases: Array<[unknown, string]> = [
      [null, 'incident'],
      [[], 'incident'],
      [{ ...good, id: '' }, 'id'],
      [{ ...good, id: 'x'.repeat(10_000) }, 'id'],
      [{ ...good, origin: 'peer\u202Eevil' }, 'origin'],
      [{ ...good, originCountry: 'Mexico' }, 'originCountry'],
      [{ ...good, updatedAt: Number.NaN }, 'updatedAt'],
      [{ ...good, rules: 'crossing' }, 'rules'],
      [{ ...good, timeline: [{ kind: 'crossing', at: 'yesterday' }] }, 'timeline[0]'],
    ];
    for (const [input, field] of cases) {
      assert.throws(
        () => b.fromIncident(input as IncidentView),
        (e: unknown) => {
          assert.ok(e instanceof AlertRefusal);
          assert.equal(e.params.field, field);
          assert.match(e.text('es'), /mal formado/);
          return true;
        },
      );
    }
    assert.deepEqual(b.list(), []);
  });

  it('refuses oversized params and ignores a __proto__ key', () => {
    const b = book();
    const big = incident(ID, [['crossing', T0]]);
    big.timeline[1]!.params = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]));
    assert.throws(() => b.fromIncident(big), refusal('params-too-large'));
    const proto = incident(ID, [['crossing', T0]]);
    proto.timeline[1]!.params = JSON.parse('{"__proto__": {"polluted": 1}, "port": "Nogales", "bad": {"x": 1}}') as Record<string, string>;
    const [change] = b.fromIncident(proto);
    assert.deepEqual(change?.alert.params, { port: 'Nogales' });
    assert.equal(Object.getPrototypeOf(change?.alert.params), Object.prototype);
  });

  it('refuses malformed acknowledgements and keeps nothing of them', () => {
    const b = book();
    const bad: Array<[Partial<Acknowledgement> | null, string]> = [
      [null, 'acknowledgement'],
      [{ ...ack('crossing', T0), incidentId: '' }, 'incidentId'],
      [{ ...ack('crossing', T0), rule: 'nap' as RuleKind }, 'rule'],
      [{ ...ack('crossing', T0), acknowledgedAt: Infinity }, 'acknowledgedAt'],
      [{ ...ack('crossing', T0), account: '   ' }, 'account'],
      [{ ...ack('crossing', T0), account: 'ana\u202Enimda' }, 'account'],
      [{ ...ack('crossing', T0), country: 'mx' }, 'country'],
    ];
    for (const [input, field] of bad) {
      assert.throws(
        () => b.acknowledge(input as Acknowledgement),
        (e: unknown) => e instanceof AlertRefusal && e.params.field === field,
      );
    }
    assert.equal(b.pendingAcknowledgements, 0);
  });
});

describe('AlertBook.acknowledge', () => {
  it('acknowledges once; repeating it changes nothing', () => {
    const b = book();
    b.fromIncident(incident(ID, [['crossing', T0]]));
    const change = b.acknowledge(ack('crossing', T0 + 10_000));
    assert.equal(change?.kind, 'acknowledged');
    assert.deepEqual(change?.alert.acknowledgedBy, { account: 'ana', country: 'MX' });
    assert.equal(b.acknowledge(ack('crossing', T0 + 10_000)), null);
    assert.deepEqual(b.list({ state: 'open' }), []);
    assert.equal(b.list({ state: 'acknowledged' }).length, 1);
  });

  it('the earliest acknowledgement wins, whichever arrives first', () => {
    const b = book();
    b.fromIncident(incident(ID, [['crossing', T0]]));
    b.acknowledge(ack('crossing', T0 + 20_000, 'ana', 'MX'));
    assert.equal(b.acknowledge(ack('crossing', T0 + 30_000, 'joe', 'US')), null);
    const earlier = b.acknowledge(ack('crossing', T0 + 15_000, 'joe', 'US'));
    assert.deepEqual([earlier?.alert.acknowledgedAt, earlier?.alert.acknowledgedBy], [T0 + 15_000, { account: 'joe', country: 'US' }]);
    // The same millisecond on both sides: both nodes must pick the same one.
    assert.equal(b.acknowledge(ack('crossing', T0 + 15_000, 'zed', 'US')), null);
    assert.equal(b.acknowledge(ack('crossing', T0 + 15_000, 'zed', 'MX'))?.alert.acknowledgedBy?.country, 'MX');
    assert.equal(b.acknowledge(ack('crossing', T0 + 15_000, 'ana', 'MX'))?.alert.acknowledgedBy?.account, 'ana');
    assert.equal(b.acknowledge(ack('crossing', T0 + 15_000, 'zed', 'MX')), null);
  });

  it('keeps an acknowledgement that arrives before its incident and applies it when the alert appears', () => {
    const b = book(T0 + 5_000);
    assert.equal(b.acknowledge(ack('crossing', T0 + 4_000, 'joe', 'US')), null);
    assert.equal(b.pendingAcknowledgements, 1);
    const [raised] = b
      .fromIncident(
        incident(ID, [
          ['approach', T0],
          ['crossing', T0 + 1_000],
        ]),
      )
      .filter((c) => c.alert.rule === 'crossing');
    assert.deepEqual([raised?.kind, raised?.alert.state, raised?.alert.acknowledgedBy?.account], ['raised', 'acknowledged', 'joe']);
    assert.equal(b.get(`${ID}/approach`)?.state, 'open');
    assert.equal(b.pendingAcknowledgements, 0);
  });

  it('bounds the acknowledgements waiting for alerts, dropping the oldest', () => {
    const b = book(T0, { maxPendingAcks: 3 });
    for (let i = 0; i < 5; i++) b.acknowledge(ack('crossing', T0, 'ana', 'MX', `${ID}-${i}`));
    assert.equal(b.pendingAcknowledgements, 3);
    b.fromIncident(incident(`${ID}-0`, [['crossing', T0]]));
    b.fromIncident(incident(`${ID}-4`, [['crossing', T0]]));
    assert.equal(b.get(`${ID}-0/crossing`)?.state, 'open');
    assert.equal(b.get(`${ID}-4/crossing`)?.state, 'acknowledged');
  });
});

describe('AlertBook.tick escalates unacknowledged alerts', () => {
  it('goes up one level per period nobody acknowledges, to at most 3', () => {
    let now = T0;
    const b = book(T0, { now: () => now });
    b.fromIncident(incident(ID, [['crossing', T0]]));
    const levels: Array<[number, number[]]> = [];
    for (const t of [0, 59_999, 60_000, 90_000, 119_999, 120_000, 600_000, 6_000_000]) {
      now = T0 + t;
      levels.push([t, b.tick().map((c) => c.alert.level)]);
    }
    assert.deepEqual(levels, [
      [0, []],
      [59_999, []],
      [60_000, [2]],
      [90_000, []],
      [119_999, []],
      [120_000, [3]],
      [600_000, []],
      [6_000_000, []],
    ]);
    assert.equal(b.get(`${ID}/crossing`)?.level, 3);
  });

  it('takes the period from escalateAfterMs, and time running backwards lowers nothing', () => {
    const b = book(T0, { escalateAfterMs: 10_000 });
    b.fromIncident(incident(ID, [['approach', T0]]));
    assert.deepEqual(
      b.tick(T0 + 10_000).map((c) => [c.kind, c.alert.level]),
      [['escalated', 2]],
    );
    assert.deepEqual(b.tick(T0), []);
    assert.equal(b.get(`${ID}/approach`)?.level, 2);
  });

  it('stops at the acknowledgement, whose level is the one reached before it', () => {
    const b = book();
    b.fromIncident(incident(ID, [['crossing', T0]]));
    b.tick(T0 + 130_000);
    assert.equal(b.get(`${ID}/crossing`)?.level, 3);
    // The partner acknowledged at 70 s; the news came after this node had escalated to 3.
    assert.equal(b.acknowledge(ack('crossing', T0 + 70_000, 'joe', 'US'))?.alert.level, 2);
    assert.deepEqual(b.tick(T0 + 1_000_000), []);
    assert.equal(b.get(`${ID}/crossing`)?.level, 2);
  });
});

describe('AlertBook.list and get', () => {
  it('lists newest first and hands out copies', () => {
    const b = book();
    b.fromIncident(incident('inc-a', [['crossing', T0 + 1]]));
    b.fromIncident(
      incident('inc-b', [
        ['approach', T0 + 3],
        ['geofence', T0 + 2],
      ]),
    );
    assert.deepEqual(
      b.list().map((a) => a.id),
      ['inc-b/approach', 'inc-b/geofence', 'inc-a/crossing'],
    );
    const got = b.get('inc-a/crossing');
    assert.ok(got);
    got.params.port = 'changed';
    got.level = 3;
    assert.equal(b.get('inc-a/crossing')?.params.port, 'San Ysidro');
    assert.equal(b.get('inc-a/crossing')?.level, 1);
    assert.equal(b.get('nope'), undefined);
  });
});

describe('AlertBook order independence (property)', () => {
  type Op = { incident: IncidentView } | { ack: Acknowledgement };

  const scenario = fc.record({
    incidents: fc.uniqueArray(
      fc.record({
        n: fc.integer({ min: 0, max: 2 }),
        rules: fc.uniqueArray(fc.constantFrom(...RULE_KINDS), { minLength: 1, maxLength: 5 }),
        gaps: fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: 5, maxLength: 5 }),
        closes: fc.boolean(),
      }),
      { selector: (i) => i.n, minLength: 1, maxLength: 3 },
    ),
    acks: fc.array(
      fc.record({
        n: fc.integer({ min: 0, max: 2 }),
        rule: fc.constantFrom(...RULE_KINDS),
        // Coarse times, so that same-millisecond acknowledgements from both sides occur.
        at: fc.integer({ min: 0, max: 10 }).map((k) => k * 30_000),
        account: fc.constantFrom('ana', 'joe', 'lupita'),
        country: fc.constantFrom('MX', 'US'),
      }),
      { maxLength: 12 },
    ),
    repeats: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 40, maxLength: 40 }),
  });

  it('any order and repetition of the same versions and acknowledgements gives the same alerts', () => {
    fc.assert(
      fc.property(scenario, fc.func(fc.integer()), ({ incidents, acks, repeats }, shuffleKey) => {
        const canonical: Op[] = [];
        for (const inc of incidents) {
          // Versions grow append-only, as the incident engine writes them: one more rule each.
          let at = T0;
          const fired: Array<[RuleKind, number]> = inc.rules.map((rule, i) => [rule, (at += inc.gaps[i] ?? 0)]);
          for (let k = 1; k <= fired.length; k++) canonical.push({ incident: incident(`inc-${inc.n}`, fired.slice(0, k)) });
          if (inc.closes) canonical.push({ incident: incident(`inc-${inc.n}`, fired, { status: 'closed', closedAt: at + 1 }) });
        }
        for (const a of acks) canonical.push({ ack: ack(a.rule, T0 + a.at, a.account, a.country, `inc-${a.n}`) });

        const run = (ops: Op[]) => {
          const b = book(T0 + 200_000);
          const raised = new Map<string, number>();
          for (const op of ops) {
            if ('incident' in op) for (const c of b.fromIncident(op.incident)) raised.set(c.alert.id, (raised.get(c.alert.id) ?? 0) + 1);
            else b.acknowledge(op.ack);
          }
          assert.ok(
            [...raised.values()].every((count) => count === 1),
            'each alert is raised exactly once',
          );
          return { alerts: b.list(), pending: b.pendingAcknowledgements };
        };

        const shuffled = canonical
          .flatMap((op, i) => Array.from({ length: repeats[i % repeats.length] ?? 1 }, (_, r) => ({ op, key: shuffleKey(i * 7 + r) })))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.op);
        assert.deepEqual(run(shuffled), run(canonical));
      }),
      { numRuns: 300 },
    );
  });
});
