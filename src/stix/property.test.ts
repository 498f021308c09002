import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StixObject } from './model.js';
import { validateWithOfficialSchemas } from './official-schemas.js';
import { formatTimestampUs, parseStixTimestamp } from './timestamp.js';
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from './tlp.js';
import { validateStixObject } from './validate.js';

const US_2000 = parseStixTimestamp('2000-01-01T00:00:00Z') ?? 0;
const US_2100 = parseStixTimestamp('2100-01-01T00:00:00Z') ?? 0;
const YEAR_US = 365 * 86_400 * 1_000_000;

const uuid4 = fc.uuid({ version: 4 });
const idOf = (type: string) => uuid4.map((u) => `${type}--${u}`);
const instant = fc.integer({ min: US_2000, max: US_2100 });
const text = fc.string({ minLength: 1, maxLength: 40 });
const words = fc.array(fc.stringMatching(/^[a-z][a-z-]{1,20}$/), { minLength: 1, maxLength: 4 });
const markings = fc.subarray([...Object.values(TLP2_MARKING_IDS), ...Object.values(TLP1_MARKING_IDS)], { minLength: 1 });

const externalReference = fc.oneof(
  fc.record({ source_name: text, url: fc.webUrl() }),
  // 'cve' and 'capec' references have their own id formats, generated below.
  fc.record(
    { source_name: text.filter((s) => s !== 'cve' && s !== 'capec'), external_id: text, description: text },
    { requiredKeys: ['source_name', 'external_id'] },
  ),
  fc.record({ source_name: fc.constant('cve'), external_id: fc.integer({ min: 1000, max: 99_999 }).map((n) => `CVE-2024-${n}`) }),
);

/** The common properties of an SDO, with modified never before created. */
const sdoCommon = fc
  .record({
    created: instant,
    age: fc.integer({ min: 0, max: YEAR_US }),
    digits: fc.integer({ min: 3, max: 6 }),
    created_by_ref: fc.option(idOf('identity'), { nil: undefined }),
    object_marking_refs: fc.option(markings, { nil: undefined }),
    labels: fc.option(words, { nil: undefined }),
    confidence: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    lang: fc.option(fc.constantFrom('en', 'es', 'es-MX', 'en-US'), { nil: undefined }),
    external_references: fc.option(fc.array(externalReference, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    revoked: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ created, age, digits, ...rest }) => ({
    spec_version: '2.1',
    created: formatTimestampUs(created, digits),
    // Truncation may only move modified back to created's own precision, never before it.
    modified: formatTimestampUs(Math.min(created + age, US_2100), 6),
    ...rest,
  }));

function clean(o: Record<string, unknown>): StixObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as StixObject;
}

const identity = fc
  .record({
    common: sdoCommon,
    id: idOf('identity'),
    name: text,
    description: fc.option(text, { nil: undefined }),
    identity_class: fc.option(fc.constantFrom('individual', 'group', 'system', 'organization', 'class', 'unknown'), { nil: undefined }),
    sectors: fc.option(words, { nil: undefined }),
    roles: fc.option(words, { nil: undefined }),
    contact_information: fc.option(text, { nil: undefined }),
  })
  .map(({ common, ...own }) => clean({ type: 'identity', ...common, ...own }));

const indicator = fc
  .record({
    common: sdoCommon,
    id: idOf('indicator'),
    name: fc.option(text, { nil: undefined }),
    pattern: fc.ipV4().map((ip) => `[ipv4-addr:value = '${ip}']`),
    pattern_type: fc.constantFrom('stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'),
    valid_from: instant,
    validity: fc.option(fc.integer({ min: 1, max: YEAR_US }), { nil: undefined }),
    indicator_types: fc.option(words, { nil: undefined }),
    kill_chain_phases: fc.option(fc.array(fc.record({ kill_chain_name: text, phase_name: text }), { minLength: 1, maxLength: 2 }), {
      nil: undefined,
    }),
  })
  .map(({ common, valid_from, validity, ...own }) =>
    clean({
      type: 'indicator',
      ...common,
      ...own,
      valid_from: formatTimestampUs(valid_from),
      valid_until: validity === undefined ? undefined : formatTimestampUs(valid_from + validity),
    }),
  );

const COMMON_REQUIRED = ['type', 'spec_version', 'id', 'created', 'modified'];

/** Removes a required property or replaces it with a value of the wrong kind. */
function mutateRequired(required: readonly string[]) {
  return <T extends StixObject>(arb: fc.Arbitrary<T>) =>
    fc
      .record({
        obj: arb,
        key: fc.constantFrom(...required),
        how: fc.constantFrom<unknown>('delete', null, 42, true, [], {}, ''),
      })
      .map(({ obj, key, how }) => {
        const copy: Record<string, unknown> = { ...obj };
        if (how === 'delete') delete copy[key];
        else copy[key] = how;
        return { copy, key, how };
      });
}

describe('random valid objects always validate', () => {
  it('identities', () => {
    fc.assert(
      fc.property(identity, (o) => {
        const r = validateStixObject(o);
        assert.deepEqual(r.ok ? [] : r.issues, []);
      }),
      { numRuns: 500 },
    );
  });

  it('indicators', () => {
    fc.assert(
      fc.property(indicator, (o) => {
        const r = validateStixObject(o);
        assert.deepEqual(r.ok ? [] : r.issues, []);
      }),
      { numRuns: 500 },
    );
  });

  it('and the official schemas agree', () => {
    fc.assert(
      fc.property(fc.oneof(identity, indicator), (o) => {
        assert.deepEqual(validateWithOfficialSchemas(o), []);
      }),
      { numRuns: 200 },
    );
  });
});

describe('breaking a required property always fails', () => {
  it('identities', () => {
    fc.assert(
      fc.property(mutateRequired([...COMMON_REQUIRED, 'name'])(identity), ({ copy, key, how }) => {
        assert.equal(validateStixObject(copy).ok, false, `${key} = ${JSON.stringify(how)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('indicators', () => {
    fc.assert(
      fc.property(mutateRequired([...COMMON_REQUIRED, 'pattern', 'pattern_type', 'valid_from'])(indicator), ({ copy, key, how }) => {
        assert.equal(validateStixObject(copy).ok, false, `${key} = ${JSON.stringify(how)}`);
      }),
      { numRuns: 500 },
    );
  });
});
