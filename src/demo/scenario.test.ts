import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE_NUMBER_EXTENSION_ID,
  TLP2_MARKING_IDS,
  VEHICLE_EXTENSION_ID,
  createDefaultRegistry,
  isSco,
  parseStixTimestamp,
  tlpLevelOf,
  tlpLevelOfMarking,
  validateStixObject,
  type StixObject,
} from '../stix/index.js';
import { demoMessages } from './messages.js';
import { REASON_CODES, RULE_IDS, gradingOf, parseReleasePolicy, readHandlingMarking } from '../release/policy/index.js';
import {
  DEMO_RED_IDS,
  MX_RELEASE_POLICY,
  ScenarioError,
  US_MARKING,
  US_RELEASE,
  US_RELEASE_POLICY,
  US_REVOKED_ID,
  mxObjects,
  usObjects,
  usRevocation,
} from './scenario.js';
import { demoId, observableId } from './scenario-kit.js';
import { US } from './scenario-us.js';
import { US_INDICATOR } from './scenario-us-signals.js';

const NODES = {
  usIdentity: 'identity--6f1d2c1e-3b7a-4c52-9a0e-1f2b3c4d5e6f',
  mxIdentity: 'identity--0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
};
const us = usObjects(NODES);
const mx = mxObjects(NODES);
const all = [...us, ...mx];
const byId = new Map(all.map((o) => [o.id, o]));
const RED = TLP2_MARKING_IDS.red;

/** Every `*_ref` / `*_refs` value anywhere in the object, with its path. */
function referencesOf(value: unknown, path = ''): { path: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => referencesOf(v, `${path}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const out: { path: string; ref: string }[] = [];
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (key.endsWith('_ref') && typeof v === 'string') out.push({ path: at, ref: v });
    else if (key.endsWith('_refs') && Array.isArray(v)) v.forEach((r, i) => out.push({ path: `${at}/${i}`, ref: String(r) }));
    else out.push(...referencesOf(v, at));
  }
  return out;
}

/** ISO 3779 check digit (position 9) of a North American VIN. */
function vinCheckDigitOk(vin: string): boolean {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i] ?? '';
    const v = /\d/.test(ch) ? Number(ch) : values[letters.indexOf(ch)];
    if (v === undefined) return false;
    sum += v * (weights[i] ?? 0);
  }
  const check = sum % 11;
  return vin[8] === (check === 10 ? 'X' : String(check));
}

describe('demo scenario', () => {
  it('has a sizeable, distinct set of objects on each side', () => {
    assert.ok(us.length >= 40, `U.S. objects: ${us.length}`);
    assert.ok(mx.length >= 20, `Mexico objects: ${mx.length}`);
    const versions = all.map((o) => `${o.id}@${String(o.modified ?? o.created ?? '')}`);
    assert.equal(new Set(versions).size, all.length, 'each version is submitted once');
    const nodeOf = new Map<string, string>();
    for (const [side, objects] of [
      ['us', us],
      ['mx', mx],
    ] as const) {
      for (const o of objects) {
        assert.notEqual(nodeOf.get(o.id) ?? side, side === 'us' ? 'mx' : 'us', `${o.id} belongs to one node`);
        nodeOf.set(o.id, side);
      }
    }
    const lastModified = new Map<string, string>();
    for (const o of all) {
      const previous = lastModified.get(o.id);
      assert.ok(previous === undefined || previous < String(o.modified), `${o.id}: versions are submitted oldest first`);
      lastModified.set(o.id, String(o.modified));
    }
    assert.ok(all.length - lastModified.size >= 2, 'some objects have more than one version');
  });

  it('is deterministic: a second build is deep-equal, and ids do not depend on the nodes', () => {
    assert.deepEqual(usObjects(NODES), us);
    assert.deepEqual(mxObjects(NODES), mx);
    const other = {
      usIdentity: 'identity--11111111-1111-4111-8111-111111111111',
      mxIdentity: 'identity--22222222-2222-4222-8222-222222222222',
    };
    assert.deepEqual(
      usObjects(other).map((o) => o.id),
      us.map((o) => o.id),
    );
    assert.deepEqual(
      mxObjects(other).map((o) => o.id),
      mx.map((o) => o.id),
    );
  });

  it('pins how ids are derived, so that they never change between releases', () => {
    assert.equal(demoId('threat-actor', 'los-arcos-network'), 'threat-actor--5b16e89d-b667-4697-9751-94a032e50878');
    assert.match(demoId('x-y', 'seed'), /^x-y--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const phone = observableId('phone-number', { value: '+526671234567', country: 'MX' });
    assert.match(phone, /^phone-number--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(observableId('phone-number', { value: '+526671234567' }), phone, 'only the number names a phone');
    assert.throws(() => observableId('file', { name: 'x' }), /no ID contributing properties/);
  });

  it('passes the STIX validator with the built-in extension registry', () => {
    const registry = createDefaultRegistry();
    for (const o of all) {
      const r = validateStixObject(o, { registry });
      assert.ok(r.ok, `${o.id}: ${r.ok ? '' : JSON.stringify(r.issues)}`);
    }
  });

  it('refers only to scenario objects, the two node identities and TLP markings', () => {
    const known = new Set([...byId.keys(), NODES.usIdentity, NODES.mxIdentity, ...Object.values(TLP2_MARKING_IDS)]);
    let count = 0;
    for (const o of all) {
      for (const { path, ref } of referencesOf(o)) {
        count++;
        assert.ok(known.has(ref), `${o.id}${path} -> ${ref}`);
      }
    }
    assert.ok(count > all.length, 'the scenario is actually linked');
  });

  it('marks exactly DEMO_RED_IDS TLP:RED, all on the U.S. side, and nothing releasable names them', () => {
    const red = all.filter((o) => o.object_marking_refs?.includes(RED));
    assert.deepEqual(red.map((o) => o.id).sort(), [...DEMO_RED_IDS].sort());
    assert.equal(DEMO_RED_IDS.length, 4);
    for (const id of DEMO_RED_IDS)
      assert.ok(
        us.some((o) => o.id === id),
        `${id} is a U.S. object`,
      );
    for (const o of all.filter((x) => tlpLevelOf(x) !== 'red')) {
      for (const { path, ref } of referencesOf(o)) assert.ok(!DEMO_RED_IDS.includes(ref), `${o.id}${path} names a RED object`);
    }
    const redText = JSON.stringify(red.filter((o) => o.type === 'indicator').map((o) => o.pattern));
    const phone = /\+\d+/.exec(redText)?.[0] ?? '';
    assert.ok(phone.length > 0);
    const released = JSON.stringify(all.filter((o) => tlpLevelOf(o) !== 'red'));
    assert.ok(!released.includes(phone), 'the informant-sourced number appears nowhere else');
  });

  it('gives every object exactly one TLP marking, mostly GREEN or AMBER, some CLEAR, and other markings only of the U.S. node', () => {
    const usMarkings = new Set(Object.values(US_MARKING));
    const levels = all.map((o) => {
      const refs = o.object_marking_refs ?? [];
      assert.equal(refs.filter((r) => tlpLevelOfMarking(r) !== null).length, 1, o.id);
      for (const r of refs) assert.ok(tlpLevelOfMarking(r) !== null || usMarkings.has(r), `${o.id} -> ${r}`);
      return tlpLevelOf(o);
    });
    const count = (l: string) => levels.filter((x) => x === l).length;
    assert.ok(count('green') + count('amber') > all.length / 2);
    assert.ok(count('clear') >= 3);
    assert.ok(
      mx.every((o) => tlpLevelOf(o) === 'green' || tlpLevelOf(o) === 'amber'),
      'Mexico uses GREEN/AMBER',
    );
    assert.ok(
      mx.every((o) => o.object_marking_refs?.length === 1 && o.granular_markings === undefined),
      'Mexico marks by TLP alone',
    );
  });

  it('declares H1, H2 and H3 handling markings, two of them releasable to the Mexico node alone', () => {
    const defs = us.filter((o) => o.type === 'marking-definition');
    assert.deepEqual(defs.map((d) => d.id).sort(), Object.values(US_MARKING).sort());
    const handling = (id: string) => readHandlingMarking(defs.find((d) => d.id === id));
    assert.deepEqual([...(handling(US_MARKING.mexicoH1)?.releasableTo ?? [])], [NODES.mxIdentity]);
    assert.equal(handling(US_MARKING.mexicoH1)?.handling, 'H1');
    assert.deepEqual([...(handling(US_MARKING.mexicoH2)?.releasableTo ?? [])], [NODES.mxIdentity]);
    assert.equal(handling(US_MARKING.mexicoH2)?.handling, 'H2');
    assert.deepEqual([...(handling(US_MARKING.usOnly)?.releasableTo ?? [])], ['US']);
    assert.equal(handling(US_MARKING.usOnly)?.handling, 'H3');
    const markedWith = (m: string) => us.filter((o) => o.object_marking_refs?.includes(m)).length;
    assert.ok(markedWith(US_MARKING.mexicoH2) >= 2, 'some objects are H2');
  });

  it('has AMBER+STRICT objects that name Mexico’s organisation and ones that name no one', () => {
    const strict = us.filter((o) => tlpLevelOf(o) === 'amber+strict' && o.type !== 'relationship');
    const namesMexico = (o: StixObject) => o.object_marking_refs?.includes(US_MARKING.mexicoH1) === true;
    assert.deepEqual(
      strict.filter(namesMexico).map((o) => o.id),
      [US_RELEASE.transferYard],
    );
    assert.ok(strict.filter((o) => !namesMexico(o)).some((o) => o.id === US.stashHouse));
  });

  it('grades the U.S. intelligence from A1 to X3, with the unconfirmed tip at C4', () => {
    const grades = new Map<string, string>();
    for (const o of us) {
      const g = gradingOf(o);
      if (g !== null) grades.set(o.id, g.text);
    }
    assert.ok(grades.size >= 25, `graded: ${grades.size}`);
    assert.equal(grades.get(US_RELEASE.anonymousTip), 'C4');
    for (const g of ['A1', 'B2', 'B3', 'C4', 'X3']) assert.ok([...grades.values()].includes(g), g);
    assert.ok(
      mx.every((o) => gradingOf(o) === null),
      'Mexico does not grade in the demo',
    );
  });

  it('marks parts of objects so that the partner gets them redacted, and the report names stricter objects only through marked entries', () => {
    const culiacan = us.find((o) => o.id === US_INDICATOR.phoneCuliacan);
    assert.deepEqual(culiacan?.granular_markings, [{ marking_ref: TLP2_MARKING_IDS.red, selectors: ['description'] }]);
    const report = us.find((o) => o.type === 'report') as StixObject;
    const refs = report.object_refs as string[];
    const marked = new Map<string, Set<string>>();
    for (const g of report.granular_markings ?? []) {
      for (const s of g.selectors) marked.set(s, new Set([...(marked.get(s) ?? []), String(g.marking_ref)]));
    }
    refs.forEach((ref, i) => {
      const target = [...us].reverse().find((o) => o.id === ref);
      for (const m of target?.object_marking_refs ?? []) {
        if (m === TLP2_MARKING_IDS['amber+strict'] || Object.values(US_MARKING).includes(m as never)) {
          assert.ok(marked.get(`object_refs.[${i}]`)?.has(m), `${ref} is named with ${m}`);
        }
      }
    });
    assert.ok(marked.size >= 4);
  });

  it('revokes one released object with a later version, the same every time', () => {
    const revocation = usRevocation(NODES);
    assert.deepEqual(usRevocation(NODES), revocation);
    const before = us.filter((o) => o.id === US_REVOKED_ID).pop() as StixObject;
    assert.equal(revocation.id, before.id);
    assert.equal(revocation.revoked, true);
    assert.ok(String(revocation.modified) > String(before.modified));
    assert.deepEqual({ ...revocation, modified: before.modified, revoked: undefined }, { ...before, revoked: undefined });
    assert.ok(validateStixObject(revocation, { registry: createDefaultRegistry() }).ok);
  });

  it('comes with a release policy for each node that the policy schema accepts', () => {
    for (const p of [US_RELEASE_POLICY, MX_RELEASE_POLICY]) {
      const r = parseReleasePolicy({ ...p, version: 2, updated_at: '2026-11-01T00:00:00.000Z' });
      assert.ok(r.ok, JSON.stringify(r));
    }
    assert.equal(US_RELEASE_POLICY.peers['mx']?.ceiling, 'amber+strict');
    assert.equal(MX_RELEASE_POLICY.peers['us']?.ceiling, 'amber');
  });

  it('has the right author, language, version and November 2026 timestamps on SDOs and SROs', () => {
    for (const [side, objects, author, lang] of [
      ['us', us, NODES.usIdentity, 'en'],
      ['mx', mx, NODES.mxIdentity, 'es-MX'],
    ] as const) {
      for (const o of objects) {
        if (o.type === 'marking-definition') {
          // Marking definitions are never versioned and have no language (STIX 2.1 §7.2.1).
          assert.equal(o.created_by_ref, author, `${side} ${o.id}`);
          assert.match(String(o.created), /^2026-11-0[1-9]T\d\d:\d\d:\d\d\.000Z$/);
          continue;
        }
        if (isSco(o)) {
          assert.equal(o.created_by_ref, undefined, `${side} ${o.id}`);
          assert.equal(o.created, undefined);
          continue;
        }
        assert.equal(o.created_by_ref, author, `${side} ${o.id}`);
        assert.equal(o.spec_version, '2.1');
        assert.equal(o.lang, lang);
        assert.match(String(o.created), /^2026-11-0[1-9]T\d\d:\d\d:\d\d\.000Z$/);
        assert.match(String(o.modified), /^2026-11-0[1-9]T\d\d:\d\d:\d\d\.000Z$/);
        assert.ok((parseStixTimestamp(String(o.created)) ?? 0) <= (parseStixTimestamp(String(o.modified)) ?? -1), o.id);
      }
    }
  });

  it('declares Enlace SCOs through their extensions, with E.164 numbers and well-formed vehicles', () => {
    const phones = all.filter((o) => o.type === 'phone-number');
    const vehicles = all.filter((o) => o.type === 'vehicle');
    assert.ok(phones.length >= 4 && vehicles.length >= 3);
    for (const p of phones) {
      assert.deepEqual(p.extensions?.[PHONE_NUMBER_EXTENSION_ID], { extension_type: 'new-sco' });
      assert.match(String(p.value), /^\+(52(662|667|631|637)\d{7}|1(602|520)555\d{4})$/);
    }
    for (const v of vehicles) {
      assert.deepEqual(v.extensions?.[VEHICLE_EXTENSION_ID], { extension_type: 'new-sco' });
      assert.match(String(v.plate_region), /^(MX-(SON|SIN)|US-AZ)$/);
      assert.match(String(v.vin), /^[A-HJ-NPR-Z0-9]{17}$/);
      assert.ok(vinCheckDigitOk(String(v.vin)), `VIN ${String(v.vin)}`);
      assert.equal(typeof v.year, 'number');
    }
  });

  it('backs each releasable indicator with an observable of the same value', () => {
    const values = new Set(all.filter(isSco).flatMap((o) => [o.value, o.license_plate, o.account_login].filter((x) => x !== undefined)));
    for (const ind of all.filter((o) => o.type === 'indicator' && tlpLevelOf(o) !== 'red')) {
      const quoted = [...String(ind.pattern).matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
      assert.ok(
        quoted.some((q) => values.has(q)),
        `${String(ind.name)}: ${String(ind.pattern)}`,
      );
      assert.equal(ind.pattern_type, 'stix');
    }
  });

  it('keeps people and organisations fictional', () => {
    const named = all.filter((o) => ['identity', 'threat-actor', 'campaign', 'infrastructure', 'incident'].includes(o.type));
    for (const o of named) assert.match(String(o.name), /\(demo\)$/, o.id);
  });

  it('lets Mexico sight, annotate and judge the U.S. objects', () => {
    const sighting = mx.find((o) => o.type === 'sighting') as StixObject;
    assert.ok(us.some((o) => o.id === sighting.sighting_of_ref && o.type === 'indicator'));
    for (const ref of sighting.where_sighted_refs as string[]) assert.match(ref, /^(identity|location)--/);
    const threatActor = us.find((o) => o.type === 'threat-actor')?.id;
    for (const type of ['note', 'opinion']) {
      const o = mx.find((x) => x.type === type);
      assert.ok((o?.object_refs as string[]).includes(String(threatActor)), type);
    }
    assert.ok(mx.some((o) => o.type === 'relationship' && o.target_ref === threatActor && String(o.source_ref).startsWith('indicator--')));
  });

  it('refuses malformed, hostile or oversized node identities with a translated code', () => {
    const bad = [
      '',
      'identity--not-a-uuid',
      'indicator--6f1d2c1e-3b7a-4c52-9a0e-1f2b3c4d5e6f',
      '__proto__',
      'identity--6f1d2c1e-3b7a-4c52-9a0e-1f2b3c4d5e6f/../x',
      'identity--' + 'a'.repeat(100_000),
    ];
    for (const value of bad) {
      for (const nodes of [
        { ...NODES, usIdentity: value },
        { ...NODES, mxIdentity: value },
      ]) {
        for (const build of [usObjects, mxObjects]) {
          assert.throws(
            () => build(nodes),
            (e: unknown) => {
              assert.ok(e instanceof ScenarioError);
              assert.equal(e.code, 'scenario.node-identity-invalid');
              assert.ok((e.params['value'] ?? '').length <= 80);
              return true;
            },
          );
        }
      }
    }
    const same = { usIdentity: NODES.usIdentity, mxIdentity: NODES.usIdentity.toUpperCase().replace('IDENTITY', 'identity') };
    assert.throws(
      () => usObjects(same),
      (e: unknown) => e instanceof ScenarioError && e.code === 'scenario.node-identities-equal',
    );
    assert.throws(() => usObjects({ usIdentity: 42, mxIdentity: null } as unknown as typeof NODES), ScenarioError);
  });

  it('names every rule of the release policy, for the demo’s count of what was withheld', () => {
    for (const rule of RULE_IDS) assert.ok(`rule.${rule}` in demoMessages.en, rule);
    // A rule that can release an object has a reason code ending in ".release".
    for (const code of REASON_CODES.filter((c) => c.endsWith('.release'))) {
      assert.ok(`released.${code.slice(0, code.indexOf('.'))}` in demoMessages.en, code);
    }
  });

  it('has English and Spanish texts with the same parameters for every code', () => {
    assert.deepEqual(Object.keys(demoMessages.es).sort(), Object.keys(demoMessages.en).sort());
    for (const [code, en] of Object.entries(demoMessages.en)) {
      const es = demoMessages.es[code as keyof typeof demoMessages.es];
      const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(params(es), params(en), code);
    }
  });
});
