import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE_NUMBER_EXTENSION_ID, TLP2_MARKING_IDS, VEHICLE_EXTENSION_ID, createDefaultRegistry, isSco,
  parseStixTimestamp, tlpLevelOf, validateStixObject, type StixObject,
} from '../stix/index.js';
import { demoMessages } from './messages.js';
import { DEMO_RED_IDS, ScenarioError, mxObjects, usObjects } from './scenario.js';
import { demoId, observableId } from './scenario-kit.js';

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
    assert.equal(new Set(all.map((o) => o.id)).size, all.length, 'ids are unique across both nodes');
  });

  it('is deterministic: a second build is deep-equal, and ids do not depend on the nodes', () => {
    assert.deepEqual(usObjects(NODES), us);
    assert.deepEqual(mxObjects(NODES), mx);
    const other = {
      usIdentity: 'identity--11111111-1111-4111-8111-111111111111',
      mxIdentity: 'identity--22222222-2222-4222-8222-222222222222',
    };
    assert.deepEqual(usObjects(other).map((o) => o.id), us.map((o) => o.id));
    assert.deepEqual(mxObjects(other).map((o) => o.id), mx.map((o) => o.id));
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
    assert.ok(DEMO_RED_IDS.length >= 2 && DEMO_RED_IDS.length <= 3);
    for (const id of DEMO_RED_IDS) assert.ok(us.some((o) => o.id === id), `${id} is a U.S. object`);
    for (const o of all.filter((x) => tlpLevelOf(x) !== 'red')) {
      for (const { path, ref } of referencesOf(o)) assert.ok(!DEMO_RED_IDS.includes(ref), `${o.id}${path} names a RED object`);
    }
    const redText = JSON.stringify(red.filter((o) => o.type === 'indicator').map((o) => o.pattern));
    const phone = /\+\d+/.exec(redText)?.[0] ?? '';
    assert.ok(phone.length > 0);
    const released = JSON.stringify(all.filter((o) => tlpLevelOf(o) !== 'red'));
    assert.ok(!released.includes(phone), 'the informant-sourced number appears nowhere else');
  });

  it('gives every object exactly one TLP marking, mostly GREEN or AMBER, some CLEAR and one AMBER+STRICT asset', () => {
    const levels = all.map((o) => {
      assert.equal(o.object_marking_refs?.length, 1, o.id);
      return tlpLevelOf(o);
    });
    const count = (l: string) => levels.filter((x) => x === l).length;
    assert.ok(count('green') + count('amber') > all.length / 2);
    assert.ok(count('clear') >= 3);
    const strict = all.filter((o) => tlpLevelOf(o) === 'amber+strict' && o.type !== 'relationship');
    assert.equal(strict.length, 1);
    assert.ok(mx.every((o) => tlpLevelOf(o) === 'green' || tlpLevelOf(o) === 'amber'), 'Mexico uses GREEN/AMBER');
  });

  it('has the right author, language, version and November 2026 timestamps on SDOs and SROs', () => {
    for (const [side, objects, author, lang] of [['us', us, NODES.usIdentity, 'en'], ['mx', mx, NODES.mxIdentity, 'es-MX']] as const) {
      for (const o of objects) {
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
      assert.ok(quoted.some((q) => values.has(q)), `${String(ind.name)}: ${String(ind.pattern)}`);
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
    const bad = ['', 'identity--not-a-uuid', 'indicator--6f1d2c1e-3b7a-4c52-9a0e-1f2b3c4d5e6f', '__proto__',
      'identity--6f1d2c1e-3b7a-4c52-9a0e-1f2b3c4d5e6f/../x', 'identity--' + 'a'.repeat(100_000)];
    for (const value of bad) {
      for (const nodes of [{ ...NODES, usIdentity: value }, { ...NODES, mxIdentity: value }]) {
        for (const build of [usObjects, mxObjects]) {
          assert.throws(() => build(nodes), (e: unknown) => {
            assert.ok(e instanceof ScenarioError);
            assert.equal(e.code, 'scenario.node-identity-invalid');
            assert.ok((e.params['value'] ?? '').length <= 80);
            return true;
          });
        }
      }
    }
    const same = { usIdentity: NODES.usIdentity, mxIdentity: NODES.usIdentity.toUpperCase().replace('IDENTITY', 'identity') };
    assert.throws(() => usObjects(same), (e: unknown) => e instanceof ScenarioError && e.code === 'scenario.node-identities-equal');
    assert.throws(() => usObjects({ usIdentity: 42, mxIdentity: null } as unknown as typeof NODES), ScenarioError);
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
