import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SIGNATURE_EXTENSION_ID } from '../stix/enlace-ids.js';
import { signObject, verifyObjectSignature, type ObjectKeyResolver } from './object-signature.js';
import { testSigner } from './test-keys.js';

const signer = testSigner();
const resolve: ObjectKeyResolver = (fp, who) => (fp === signer.fingerprint && who === signer.identityId ? signer.publicKey : null);

const json = fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' });
/** Random JSON objects standing in for STIX objects (no `extensions`, which has a fixed shape). */
const objects = fc
  .dictionary(fc.string({ unit: 'grapheme', maxLength: 10 }), json, { maxKeys: 12 })
  .map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'extensions')));

type Path = Array<string | number>;

/** Every place in the object that can be mutated, excluding the signature entry itself. */
function places(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...places(v, [...path, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 1 && path[0] === 'extensions' && k === SIGNATURE_EXTENSION_ID) continue;
      if (path.length === 0 && k === 'extensions') continue;
      out.push(...places(v, [...path, k]));
    }
  }
  return out;
}

/** Returns a copy with the value at `path` replaced by what `change` makes of it. */
function rebuild(value: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? rebuild(v, rest, change) : v));
  const entries = Object.entries(value as object).map(([k, v]) => [k, k === head ? rebuild(v, rest, change) : v]);
  return Object.fromEntries(entries);
}

/** A change that always alters the canonical form of the value it is applied to. */
function mutation(kind: number, key: string): (old: unknown) => unknown {
  return (old) => {
    if (typeof old === 'string') return `${old}x`;
    if (typeof old === 'number') return old === 0 ? 1 : -old;
    if (typeof old === 'boolean') return !old;
    if (old === null) return 0;
    if (Array.isArray(old)) return kind % 2 === 0 || old.length === 0 ? [...old, null] : old.slice(1);
    const entries = Object.entries(old as object);
    // At the top level the signature's own `extensions` member is not a candidate.
    const droppable = entries.findIndex(([k]) => k !== 'extensions');
    if (kind % 2 === 0 || droppable < 0) {
      let fresh = key === 'extensions' ? 'x' : key;
      while (entries.some(([k]) => k === fresh)) fresh += '_';
      return Object.fromEntries([...entries, [fresh, 'added']]);
    }
    return Object.fromEntries(entries.filter((_, i) => i !== droppable));
  };
}

/** Rebuilds objects with their keys reversed, so only key order differs. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reorder(v)]),
  );
}

describe('object signatures, property-based', () => {
  it('sign then verify holds for random JSON objects', () => {
    fc.assert(
      fc.property(objects, (obj) => {
        const result = verifyObjectSignature(signObject(obj, signer), resolve);
        assert.equal(result.ok, true, JSON.stringify(result));
      }),
      { numRuns: 300 },
    );
  });

  it('any single change to a signed value (string, number, added or dropped key/item) fails', () => {
    fc.assert(
      fc.property(objects, fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), (obj, where, kind, key) => {
        const signed = signObject(obj, signer);
        const targets = places(signed);
        const path = targets[where % targets.length] ?? [];
        const tampered = rebuild(signed, path, mutation(kind, key));
        const result = verifyObjectSignature(tampered, resolve);
        assert.equal(result.ok, false, `mutation at ${JSON.stringify(path)} was not detected`);
        if (!result.ok) assert.equal(result.code, 'bad-signature');
      }),
      { numRuns: 300 },
    );
  });

  it('key order and whitespace of the input do not change the signature', () => {
    fc.assert(
      fc.property(objects, fc.integer({ min: 0, max: 8 }), (obj, indent) => {
        const signed = signObject(obj, signer);
        const reparsed = JSON.parse(JSON.stringify(reorder(signed), null, indent)) as unknown;
        assert.equal(verifyObjectSignature(reparsed, resolve).ok, true);
        const again = signObject(JSON.parse(JSON.stringify(reorder(obj), null, indent)) as object, signer);
        const jwsOf = (o: object) => JSON.stringify((o as { extensions: Record<string, unknown> }).extensions[SIGNATURE_EXTENSION_ID]);
        assert.equal(jwsOf(again), jwsOf(signed));
      }),
      { numRuns: 200 },
    );
  });
});
