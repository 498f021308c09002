import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENLACE_BUILTIN_EXTENSIONS, ENLACE_TRANSLATIONS } from '../enlace-definitions.js';
import { DRONE_ALERT_ACK_EXTENSION_ID, DRONE_INCIDENT_EXTENSION_ID } from '../enlace-ids.js';
import type { StixObject } from '../model.js';
import { validateWithOfficialSchemas } from '../official-schemas.js';
import { refuseSchema } from '../schema-safety.js';
import { TLP2_MARKING_IDS } from '../tlp.js';
import { validateStixObject } from '../validate.js';
import { DRONE_INCIDENT_LIMITS } from './drone-incident.js';

const T0 = '2026-11-27T17:52:37.123Z';
const MX_NODE = 'identity--7c2d1f0e-3a4b-4c5d-8e6f-0a1b2c3d4e5f';
const INCIDENT = 'x-enlace-drone-incident--2f6a0b1c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';

const point = (k: number): Record<string, unknown> => ({
  t: `2026-11-27T17:5${k % 10}:00.000Z`,
  lat: 32.53,
  lon: -117.02 + k * 1e-5,
  alt_m: 80,
});

const track = (props: Record<string, unknown> = {}): Record<string, unknown> => ({
  track_id: 'trk-5f0c2d1e-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
  uids: ['SENSOR-7.track-12'],
  remote_ids: ['1581F5FJD229400000A1'],
  sensors: ['radar-otay'],
  classification: 'suspect',
  airframe: 'rotary-wing',
  callsign: null,
  trail: [point(0), point(1)],
  pilot: { lat: 32.51, lon: -117.03, kind: 'live', t: T0 },
  takeoff: null,
  border: {
    side: 'MX',
    signed_distance_m: -850.5,
    heading: 'towards',
    ground_speed_mps: 12.5,
    course_deg: 10,
    predicted_crossing: '2026-11-27T17:53:45.000Z',
    nearest_port: { id: 'san-ysidro', name: 'San Ysidro', city_mx: 'Tijuana', distance_m: 1200 },
  },
  last_seen: T0,
  stale: '2026-11-27T17:53:07.123Z',
  ...props,
});

const incident = (props: Record<string, unknown> = {}): StixObject => ({
  type: 'x-enlace-drone-incident',
  spec_version: '2.1',
  id: INCIDENT,
  created: T0,
  modified: T0,
  created_by_ref: MX_NODE,
  object_marking_refs: [TLP2_MARKING_IDS.amber],
  name: 'Incidente de dron cerca de Tijuana',
  status: 'open',
  opened: T0,
  updated: T0,
  origin_country: 'MX',
  rules: ['approach'],
  tracks: [track()],
  timeline: [
    { t: T0, kind: 'opened', track_id: 'trk-1', lat: 32.53, lon: -117.02, params: { classification: 'suspect' } },
    { t: T0, kind: 'approach', track_id: 'trk-1', lat: 32.53, lon: -117.02, params: { km: 0.9, side: 'MX' } },
  ],
  evidence: [
    { t: T0, sensor: 'radar-otay', track_id: 'trk-1', format: 'cot-xml', encoding: 'utf8', sha256: 'ab'.repeat(32), data: '<event/>' },
  ],
  extensions: { [DRONE_INCIDENT_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  ...props,
});

const ack = (props: Record<string, unknown> = {}): StixObject => ({
  type: 'x-enlace-drone-alert-ack',
  spec_version: '2.1',
  id: 'x-enlace-drone-alert-ack--5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  created: T0,
  modified: T0,
  created_by_ref: MX_NODE,
  incident_ref: INCIDENT,
  rule: 'approach',
  acknowledged: T0,
  acknowledged_by: 'oficial.ramirez',
  node_country: 'MX',
  note: 'Unidad 12 en camino.',
  extensions: { [DRONE_ALERT_ACK_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  ...props,
});

const issues = (o: unknown): string[] => {
  const r = validateStixObject(o);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
};

const without = (o: StixObject, key: string): StixObject => {
  const copy: Record<string, unknown> = { ...o };
  delete copy[key];
  return copy as StixObject;
};

const many = <T>(n: number, f: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => f(k));

describe('the drone incident and alert-ack definitions', () => {
  it('are built-in new-sdo definitions with safe schemas and Spanish translations', () => {
    for (const id of [DRONE_INCIDENT_EXTENSION_ID, DRONE_ALERT_ACK_EXTENSION_ID]) {
      const b = ENLACE_BUILTIN_EXTENSIONS.find((e) => e.definition.id === id);
      assert.ok(b, id);
      assert.deepEqual(b.definition['extension_types'], ['new-sdo']);
      assert.equal(refuseSchema(b.schema), null);
      assert.deepEqual(validateWithOfficialSchemas(b.definition), []);
      assert.ok(
        ENLACE_TRANSLATIONS.some((t) => t['object_ref'] === id),
        `${id} has its es-MX language-content`,
      );
    }
  });

  it('accept well-formed incidents and acks, which pass the official schemas too', () => {
    for (const o of [
      incident(),
      incident({ status: 'closed', closed: T0 }),
      incident({ tracks: [track({ pilot: null, callsign: 'HALCON 1', trail: [] })] }),
      without(incident(), 'evidence'),
      ack(),
      without(ack(), 'note'),
    ]) {
      assert.deepEqual(issues(o), [], JSON.stringify(o).slice(0, 200));
      assert.deepEqual(validateWithOfficialSchemas(o), []);
    }
  });

  it('refuse incidents whose status and closing disagree, or that lack what is required', () => {
    assert.notDeepEqual(issues(incident({ status: 'closed' })), [], 'a closed incident says when');
    assert.notDeepEqual(issues(incident({ closed: T0 })), [], 'an open one has not closed');
    for (const key of ['name', 'status', 'opened', 'updated', 'origin_country', 'rules', 'tracks', 'timeline']) {
      assert.ok(
        issues(without(incident(), key)).some((i) => i.includes(key)),
        key,
      );
    }
    assert.notDeepEqual(issues(incident({ extensions: {} })), []);
  });

  it('refuse bad values, naming where they are', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: 'pending' }, '/status'],
      [{ origin_country: 'XX' }, '/origin_country'],
      [{ rules: ['approach', 'approach'] }, '/rules'],
      [{ rules: [] }, '/rules'],
      [{ rules: ['speeding'] }, '/rules/0'],
      [{ opened: 'yesterday' }, '/opened'],
      [{ tracks: [] }, '/tracks'],
      [{ timeline: [] }, '/timeline'],
      [{ evidence: [] }, '/evidence'],
      [{ tracks: [track({ trail: [{ ...point(0), lat: 91 }] })] }, '/tracks/0/trail/0/lat'],
      [{ tracks: [track({ classification: 'enemy' })] }, '/tracks/0/classification'],
      [{ tracks: [track({ pilot: { lat: 1, lon: 2, kind: 'live' } })] }, '/tracks/0/pilot'],
      [{ tracks: [track({ border: { ...(track()['border'] as object), side: 'CA' } })] }, '/tracks/0/border/side'],
      [{ tracks: [track({ extra: 1 })] }, '/tracks/0/extra'],
      [
        { timeline: [{ t: T0, kind: 'opened', track_id: null, lat: null, lon: null, params: { nested: { a: 1 } } }] },
        '/timeline/0/params/nested',
      ],
      [{ timeline: [{ t: T0, kind: 'exploded', track_id: null, lat: null, lon: null, params: {} }] }, '/timeline/0/kind'],
      [{ evidence: [{ ...(incident()['evidence'] as object[])[0], sha256: 'xyz' }] }, '/evidence/0/sha256'],
    ];
    for (const [props, where] of cases) {
      const found = issues(incident(props));
      assert.ok(
        found.some((i) => i.startsWith(where)),
        `${where}: ${found.join(', ')}`,
      );
    }
  });

  it('refuse oversized incidents at every bound', () => {
    const L = DRONE_INCIDENT_LIMITS;
    const entry = { t: T0, kind: 'approach', track_id: 'trk-1', lat: 1, lon: 2, params: {} };
    const item = (incident()['evidence'] as object[])[0]!;
    const oversized: Array<[Record<string, unknown>, string]> = [
      [{ tracks: many(L.tracks + 1, () => track()) }, '/tracks'],
      [{ tracks: [track({ trail: many(L.trailPoints + 1, point) })] }, '/tracks/0/trail'],
      [{ tracks: [track({ uids: many(L.identities + 1, (k) => `u${k}`) })] }, '/tracks/0/uids'],
      [{ tracks: [track({ callsign: 'c'.repeat(L.shortText + 1) })] }, '/tracks/0/callsign'],
      [{ timeline: many(L.timelineEntries + 1, () => entry) }, '/timeline'],
      [{ timeline: [{ ...entry, params: Object.fromEntries(many(L.timelineParams + 1, (k) => [`p${k}`, k])) }] }, '/timeline/0/params'],
      [{ timeline: [{ ...entry, params: { text: 'x'.repeat(L.paramText + 1) } }] }, '/timeline/0/params/text'],
      [{ evidence: many(L.evidenceItems + 1, () => item) }, '/evidence'],
      [{ evidence: [{ ...item, data: 'x'.repeat(L.evidenceData + 1) }] }, '/evidence/0/data'],
      [{ name: 'n'.repeat(L.name + 1) }, '/name'],
    ];
    for (const [props, where] of oversized) {
      const found = issues(incident(props));
      assert.ok(
        found.some((i) => i.startsWith(where)),
        `${where}: ${found.slice(0, 3).join(', ')}`,
      );
    }
    // At the bounds exactly, all is well.
    assert.deepEqual(
      issues(
        incident({
          tracks: [track({ trail: many(L.trailPoints, point) })],
          timeline: many(L.timelineEntries, () => entry),
          evidence: many(L.evidenceItems, () => item),
        }),
      ),
      [],
    );
  });

  it('refuse acks that point elsewhere, name no account or say too much', () => {
    assert.ok(issues(ack({ incident_ref: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d' })).some((i) => i.startsWith('/incident_ref')));
    assert.ok(issues(ack({ rule: 'speeding' })).some((i) => i.startsWith('/rule')));
    assert.ok(issues(ack({ acknowledged_by: '' })).some((i) => i.startsWith('/acknowledged_by')));
    assert.ok(issues(ack({ acknowledged_by: 'a'.repeat(201) })).some((i) => i.startsWith('/acknowledged_by')));
    assert.ok(issues(ack({ note: 'n'.repeat(2_001) })).some((i) => i.startsWith('/note')));
    assert.ok(issues(ack({ node_country: 'mx' })).some((i) => i.startsWith('/node_country')));
    assert.ok(issues(without(ack(), 'acknowledged')).some((i) => i.startsWith('/acknowledged')));
  });
});
