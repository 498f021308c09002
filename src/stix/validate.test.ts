import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE_NUMBER_EXTENSION_ID, VEHICLE_EXTENSION_ID } from './enlace-ids.js';
import type { IssueCode } from './issues.js';
import { STIX_META_TYPES, STIX_SCO_TYPES, STIX_SDO_TYPES, STIX_SRO_TYPES, type StixObject } from './model.js';
import { validateWithOfficialSchemas } from './official-schemas.js';
import { SAMPLE_IDS, VALID_SAMPLES } from './samples.js';
import { parseStixObject, validateObject, validateStixObject } from './validate.js';

function sample(type: string): StixObject {
  const s = VALID_SAMPLES[type];
  if (s === undefined) throw new Error(`no sample for ${type}`);
  return structuredClone(s);
}

function issuesOf(obj: unknown): { path: string; code: string }[] {
  const r = validateStixObject(obj);
  return r.ok ? [] : r.issues.map(({ path, code }) => ({ path, code }));
}

describe('valid objects of every type', () => {
  const types = [
    ...STIX_SDO_TYPES,
    ...STIX_SRO_TYPES,
    ...STIX_SCO_TYPES,
    ...STIX_META_TYPES.filter((t) => t !== 'extension-definition'),
    'phone-number',
    'vehicle',
  ];
  for (const type of types) {
    it(`${type} validates, here and with the official schemas`, () => {
      const obj = sample(type);
      const r = validateStixObject(obj);
      assert.deepEqual(r.ok ? [] : r.issues, []);
      assert.equal(r.ok && r.object, obj, 'the same object comes back');
      assert.deepEqual(validateWithOfficialSchemas(obj), []);
    });
  }

  it('accepts custom properties with STIX names and checks their suffix meaning', () => {
    assert.deepEqual(issuesOf({ ...sample('identity'), x_enlace_case_ref: SAMPLE_IDS.actor, x_enlace_note: 'ok' }), []);
    assert.deepEqual(issuesOf({ ...sample('identity'), x_enlace_case_ref: 'nope' }), [
      { path: '/x_enlace_case_ref', code: 'invalid-identifier' },
    ]);
    assert.deepEqual(issuesOf({ ...sample('identity'), x_blob_bin: 'not base64!' }), [{ path: '/x_blob_bin', code: 'invalid-format' }]);
  });

  it('offers the positional form and JSON parsing', () => {
    assert.equal(validateObject(sample('tool')).ok, true);
    assert.equal(parseStixObject(JSON.stringify(sample('tool'))).ok, true);
    assert.deepEqual(parseStixObject('{"type":'), { ok: false, issues: [{ path: '', code: 'invalid-json' }] });
  });
});

type Case = [label: string, mutate: (o: StixObject) => unknown, type: string, expected: { path: string; code: IssueCode }];

const del = (key: string) => (o: StixObject) => {
  delete o[key];
  return o;
};
const set = (key: string, value: unknown) => (o: StixObject) => {
  o[key] = value;
  return o;
};

const CASES: Case[] = [
  ['missing spec_version', del('spec_version'), 'indicator', { path: '/spec_version', code: 'required' }],
  ['STIX 2.0 object', set('spec_version', '2.0'), 'indicator', { path: '/spec_version', code: 'spec-version' }],
  ['SCO spec_version other than 2.1', set('spec_version', '2.0'), 'ipv4-addr', { path: '/spec_version', code: 'spec-version' }],
  ['missing created', del('created'), 'campaign', { path: '/created', code: 'required' }],
  [
    'modified before created',
    set('modified', '2020-01-01T00:00:00.000Z'),
    'campaign',
    { path: '/modified', code: 'modified-before-created' },
  ],
  [
    'created without milliseconds',
    (o) => ({ ...o, created: '2026-11-27T17:52:37Z' }),
    'campaign',
    { path: '/created', code: 'timestamp-precision' },
  ],
  ['created on 30 February', set('created', '2026-02-30T00:00:00.000Z'), 'campaign', { path: '/created', code: 'invalid-timestamp' }],
  ['created with an offset', set('created', '2026-11-27T17:52:37.123+01:00'), 'campaign', { path: '/created', code: 'invalid-timestamp' }],
  ['revoked not boolean', set('revoked', 'yes'), 'tool', { path: '/revoked', code: 'invalid-type' }],
  ['revoked on an SCO', set('revoked', true), 'url', { path: '/revoked', code: 'property-not-allowed' }],
  ['modified on an SCO', set('modified', '2026-11-27T17:52:37.123Z'), 'url', { path: '/modified', code: 'property-not-allowed' }],
  [
    'modified on a marking definition',
    set('modified', '2026-11-27T17:52:37.123Z'),
    'marking-definition',
    { path: '/modified', code: 'property-not-allowed' },
  ],
  [
    'created_by_ref not an identity',
    set('created_by_ref', SAMPLE_IDS.actor),
    'tool',
    { path: '/created_by_ref', code: 'ref-type-not-allowed' },
  ],
  [
    'object_marking_refs not markings',
    set('object_marking_refs', [SAMPLE_IDS.actor]),
    'tool',
    { path: '/object_marking_refs/0', code: 'ref-type-not-allowed' },
  ],
  ['empty labels', set('labels', []), 'tool', { path: '/labels', code: 'empty-list' }],
  ['label not a string', set('labels', ['ok', 7]), 'tool', { path: '/labels/1', code: 'invalid-type' }],
  ['confidence above 100', set('confidence', 101), 'tool', { path: '/confidence', code: 'out-of-range' }],
  ['confidence not integer', set('confidence', 50.5), 'tool', { path: '/confidence', code: 'invalid-type' }],
  ['lang malformed', set('lang', 'es MX'), 'tool', { path: '/lang', code: 'invalid-format' }],
  [
    'external reference without source_name',
    set('external_references', [{ url: 'https://example.com' }]),
    'tool',
    { path: '/external_references/0/source_name', code: 'required' },
  ],
  [
    'external reference with nothing else',
    set('external_references', [{ source_name: 'acme' }]),
    'tool',
    { path: '/external_references/0', code: 'at-least-one-of' },
  ],
  [
    'CVE reference with a bad id',
    set('external_references', [{ source_name: 'cve', external_id: 'CVE-12' }]),
    'vulnerability',
    { path: '/external_references/0/external_id', code: 'invalid-format' },
  ],
  [
    'external reference URL with spaces',
    set('external_references', [{ source_name: 'a', url: 'http://exa mple.com' }]),
    'tool',
    { path: '/external_references/0/url', code: 'invalid-format' },
  ],
  [
    'granular marking with both marking_ref and lang',
    set('granular_markings', [
      { selectors: ['name'], lang: 'es', marking_ref: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9' },
    ]),
    'tool',
    { path: '/granular_markings/0', code: 'exactly-one-of' },
  ],
  [
    'granular marking with neither',
    set('granular_markings', [{ selectors: ['name'] }]),
    'tool',
    { path: '/granular_markings/0', code: 'exactly-one-of' },
  ],
  [
    'granular marking selector to nothing',
    set('granular_markings', [{ selectors: ['description'], lang: 'es' }]),
    'tool',
    { path: '/granular_markings/0/selectors/0', code: 'selector-not-found' },
  ],
  [
    'granular marking selector past a list end',
    set('granular_markings', [{ selectors: ['tool_types.[5]'], lang: 'es' }]),
    'tool',
    { path: '/granular_markings/0/selectors/0', code: 'selector-not-found' },
  ],
  [
    'extensions key not a definition id',
    set('extensions', { 'x-acme': { a: 1 } }),
    'tool',
    { path: '/extensions/x-acme', code: 'invalid-extension-key' },
  ],
  [
    'predefined extension on the wrong SCO',
    set('extensions', { 'ntfs-ext': { sid: '1' } }),
    'url',
    { path: '/extensions/ntfs-ext', code: 'invalid-extension-key' },
  ],
  [
    'unknown extension definition',
    set('extensions', { 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e': { extension_type: 'property-extension', a: 1 } }),
    'tool',
    { path: '/extensions/extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e', code: 'unknown-extension' },
  ],
  ['reserved property', set('severity', 'high'), 'tool', { path: '/severity', code: 'reserved-property' }],
  ['custom property with a bad name', set('Bad-Name', 1), 'tool', { path: '/Bad-Name', code: 'invalid-property-name' }],
  ['id of another type', set('id', SAMPLE_IDS.actor), 'tool', { path: '/id', code: 'id-type-mismatch' }],
  ['id that is a path', set('id', 'tool--../../etc/passwd'), 'tool', { path: '/id', code: 'invalid-identifier' }],
  ['SCO id with a UUIDv1', set('id', 'url--c1477287-23ac-1971-a010-5c287877fa60'), 'url', { path: '/id', code: 'invalid-uuid-version' }],
  ['type name with an underscore', set('type', 'x_tool'), 'tool', { path: '/type', code: 'invalid-type-name' }],
  ['type not a string', set('type', 7), 'tool', { path: '/type', code: 'invalid-type' }],
  [
    'unknown type without a definition',
    (o) => ({ ...o, type: 'x-widget', id: 'x-widget--ce45f721-af14-4fc0-938c-000c16186418' }),
    'tool',
    { path: '/type', code: 'unknown-type' },
  ],
  ['indicator without pattern', del('pattern'), 'indicator', { path: '/pattern', code: 'required' }],
  [
    'indicator valid_until equal to valid_from',
    set('valid_until', '2026-11-27T00:00:00Z'),
    'indicator',
    { path: '/valid_until', code: 'time-order-strict' },
  ],
  ['identity without name', del('name'), 'identity', { path: '/name', code: 'required' }],
  ['location latitude out of range', set('latitude', 91), 'location', { path: '/latitude', code: 'out-of-range' }],
  [
    'location longitude without latitude',
    (o) => {
      delete o['latitude'];
      delete o['precision'];
      return o;
    },
    'location',
    { path: '/longitude', code: 'requires' },
  ],
  [
    'location with nothing to place it',
    (o) => ({ type: o.type, spec_version: '2.1', id: o.id, created: o.created, modified: o.modified, name: 'x' }),
    'location',
    { path: '', code: 'at-least-one-of' },
  ],
  [
    'threat actor last_seen before first_seen',
    (o) => ({ ...o, first_seen: '2026-02-01T00:00:00Z', last_seen: '2026-01-01T00:00:00Z' }),
    'threat-actor',
    { path: '/last_seen', code: 'time-order' },
  ],
  ['malware family without name', del('name'), 'malware', { path: '/name', code: 'required' }],
  ['malware-analysis without result', del('result'), 'malware-analysis', { path: '', code: 'at-least-one-of' }],
  ['observed-data number_observed 0', set('number_observed', 0), 'observed-data', { path: '/number_observed', code: 'out-of-range' }],
  [
    'observed-data with objects and object_refs',
    set('objects', { 0: { type: 'ipv4-addr', value: '1.2.3.4' } }),
    'observed-data',
    { path: '', code: 'exactly-one-of' },
  ],
  [
    'observed-data pointing at an SDO',
    set('object_refs', [SAMPLE_IDS.actor]),
    'observed-data',
    { path: '/object_refs/0', code: 'ref-type-not-allowed' },
  ],
  ['sighting count above the limit', set('count', 1_000_000_000), 'sighting', { path: '/count', code: 'out-of-range' }],
  [
    'sighting of a relationship',
    set('sighting_of_ref', 'relationship--6598bf44-1c10-4218-af9f-75b5b71c23a7'),
    'sighting',
    { path: '/sighting_of_ref', code: 'ref-type-not-allowed' },
  ],
  [
    'sighting where_sighted at an actor',
    set('where_sighted_refs', [SAMPLE_IDS.actor]),
    'sighting',
    { path: '/where_sighted_refs/0', code: 'ref-type-not-allowed' },
  ],
  [
    'sighting last_seen before first_seen',
    set('last_seen', '2020-01-01T00:00:00Z'),
    'sighting',
    { path: '/last_seen', code: 'time-order' },
  ],
  ['relationship without target', del('target_ref'), 'relationship', { path: '/target_ref', code: 'required' }],
  [
    'relationship type with capitals',
    set('relationship_type', 'Uses'),
    'relationship',
    { path: '/relationship_type', code: 'invalid-format' },
  ],
  [
    'relationship from a marking',
    set('source_ref', 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'),
    'relationship',
    { path: '/source_ref', code: 'ref-type-not-allowed' },
  ],
  ['report without published', del('published'), 'report', { path: '/published', code: 'required' }],
  ['report with empty object_refs', set('object_refs', []), 'report', { path: '/object_refs', code: 'empty-list' }],
  ['note without content', del('content'), 'note', { path: '/content', code: 'required' }],
  ['opinion outside its enumeration', set('opinion', 'maybe'), 'opinion', { path: '/opinion', code: 'not-in-enum' }],
  ['grouping without context', del('context'), 'grouping', { path: '/context', code: 'required' }],
  [
    'language-content with a bad language key',
    set('contents', { 'es MX': { name: 'x' } }),
    'language-content',
    { path: '/contents/es MX', code: 'invalid-format' },
  ],
  [
    'statement marking without statement',
    set('definition', { text: 'x' }),
    'marking-definition',
    { path: '/definition/statement', code: 'required' },
  ],
  [
    'marking that marks itself',
    set('object_marking_refs', ['marking-definition--a2b1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d']),
    'marking-definition',
    { path: '/object_marking_refs/0', code: 'self-reference' },
  ],
  [
    'marking with definition_type but no definition',
    del('definition'),
    'marking-definition',
    { path: '/definition_type', code: 'requires' },
  ],
  ['file with neither hashes nor name', (o) => ({ type: 'file', id: o.id, size: 3 }), 'file', { path: '', code: 'at-least-one-of' }],
  ['file SHA-256 of the wrong length', set('hashes', { 'SHA-256': 'abcd' }), 'file', { path: '/hashes/SHA-256', code: 'invalid-hash' }],
  ['file size negative', set('size', -1), 'file', { path: '/size', code: 'out-of-range' }],
  ['ipv4 octet above 255', set('value', '198.51.100.256'), 'ipv4-addr', { path: '/value', code: 'invalid-format' }],
  ['ipv4 CIDR prefix above 32', set('value', '198.51.100.0/33'), 'ipv4-addr', { path: '/value', code: 'invalid-format' }],
  ['ipv6 malformed', set('value', '2001:db8:::1'), 'ipv6-addr', { path: '/value', code: 'invalid-format' }],
  ['mac in upper case', set('value', 'D2:FB:49:24:37:18'), 'mac-addr', { path: '/value', code: 'invalid-format' }],
  ['email without @', set('value', 'john.example.com'), 'email-addr', { path: '/value', code: 'invalid-format' }],
  ['url without scheme', set('value', 'example.com/x'), 'url', { path: '/value', code: 'invalid-format' }],
  ['artifact with payload and url', set('url', 'https://example.com/a'), 'artifact', { path: '', code: 'exactly-one-of' }],
  ['network-traffic port out of range', set('dst_port', 70_000), 'network-traffic', { path: '/dst_port', code: 'out-of-range' }],
  ['network-traffic without ends', del('src_ref'), 'network-traffic', { path: '', code: 'at-least-one-of' }],
  ['email-message multipart with body', set('is_multipart', true), 'email-message', { path: '/body', code: 'property-not-allowed' }],
  ['user-account with no property', (o) => ({ type: o.type, id: o.id }), 'user-account', { path: '', code: 'at-least-one-of' }],
  ['phone number not E.164', set('value', '667-123-4567'), 'phone-number', { path: '/value', code: 'invalid-format' }],
  ['phone number country not ISO', set('country', 'Mexico'), 'phone-number', { path: '/country', code: 'not-in-enum' }],
  ['vehicle VIN with the letter O', set('vin', '1HGCM82633O004352'), 'vehicle', { path: '/vin', code: 'invalid-format' }],
  [
    'vehicle with neither plate nor VIN',
    (o) => {
      delete o['license_plate'];
      delete o['plate_region'];
      delete o['vin'];
      return o;
    },
    'vehicle',
    { path: '', code: 'at-least-one-of' },
  ],
  ['vehicle plate_region without plate', del('license_plate'), 'vehicle', { path: '', code: 'schema-violation' }],
  [
    'vehicle without its new-sco entry',
    set('extensions', { [PHONE_NUMBER_EXTENSION_ID]: { extension_type: 'new-sco' } }),
    'vehicle',
    { path: '/type', code: 'not-in-enum' },
  ],
  [
    'phone number declared as new-sdo',
    set('extensions', { [PHONE_NUMBER_EXTENSION_ID]: { extension_type: 'new-sdo' } }),
    'phone-number',
    { path: `/extensions/${PHONE_NUMBER_EXTENSION_ID}/extension_type`, code: 'extension-type-mismatch' },
  ],
  ['vehicle year not an integer', set('year', '2019'), 'vehicle', { path: '/year', code: 'invalid-type' }],
];

describe('invalid objects: each yields the expected code at the expected path', () => {
  for (const [label, mutate, type, expected] of CASES) {
    it(label, () => {
      const found = issuesOf(mutate(sample(type)));
      assert.ok(
        found.some((i) => i.code === expected.code && i.path === expected.path),
        `expected ${expected.code} at "${expected.path}", got ${JSON.stringify(found)}`,
      );
    });
  }

  it('uses the vehicle extension id in the sample (guards the table above)', () => {
    assert.ok(sample('vehicle').extensions?.[VEHICLE_EXTENSION_ID]);
  });
});

describe('every problem is reported, capped at 50', () => {
  it('lists independent problems together', () => {
    const o = { ...sample('indicator'), confidence: 500, labels: [], pattern_type: 7, lang: 'bad tag' };
    delete (o as Record<string, unknown>)['valid_from'];
    const codes = issuesOf(o)
      .map((i) => `${i.path} ${i.code}`)
      .sort();
    assert.deepEqual(codes, [
      '/confidence out-of-range',
      '/labels empty-list',
      '/lang invalid-format',
      '/pattern_type invalid-type',
      '/valid_from required',
    ]);
  });

  it('reports a missing id or type once, and no type mismatch without a type', () => {
    const { id: _id, ...noId } = sample('tool');
    assert.deepEqual(issuesOf(noId), [{ path: '/id', code: 'required' }]);
    const { type: _type, ...noType } = sample('tool');
    assert.deepEqual(issuesOf(noType), [{ path: '/type', code: 'required' }]);
    assert.deepEqual(issuesOf({ ...noType, id: 'bad' }), [
      { path: '/type', code: 'required' },
      { path: '/id', code: 'invalid-identifier' },
    ]);
  });

  it('stops at 50 with a final too-many-issues', () => {
    const o = { ...sample('tool'), labels: Array.from({ length: 200 }, (_, i) => i) };
    const r = validateStixObject(o);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.issues.length, 50);
    assert.equal(r.issues[49]?.code, 'too-many-issues');
    assert.equal(r.issues[0]?.path, '/labels/0');
  });
});
