import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateBundle } from './bundle.js';
import { ENLACE_BUILTIN_EXTENSIONS, createDefaultRegistry } from './enlace-definitions.js';
import { NODE_IDENTITY_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from './enlace-ids.js';
import type { ExtensionRegistry } from './extensions.js';
import type { StixObject } from './model.js';
import { validateWithOfficialSchemas } from './official-schemas.js';
import { SAMPLE_IDS, SAMPLE_SIGNATURE, VALID_SAMPLES } from './samples.js';
import { TLP_EXTENSION_ID } from './tlp.js';
import { validateStixObject } from './validate.js';

const DRONE_DEF_ID = 'extension-definition--9c1b6f0e-3c1a-4a8e-9a0f-2f8d6c3b1a11';
const RISK_DEF_ID = 'extension-definition--1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const TOP_DEF_ID = 'extension-definition--aa11bb22-cc33-4d44-8e55-ff6677889900';

function definition(id: string, types: string[], schema: unknown, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created_by_ref: SAMPLE_IDS.usNode,
    created: '2026-11-01T00:00:00.000Z',
    modified: '2026-11-01T00:00:00.000Z',
    name: 'test',
    version: '1.0.0',
    extension_types: types,
    schema: typeof schema === 'string' ? schema : JSON.stringify(schema),
    ...extra,
  };
}

const droneSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { type: { const: 'x-drone-incident' }, altitude_m: { type: 'number', minimum: 0 }, rotor_count: { type: 'integer' } },
  required: ['altitude_m'],
};

function droneIncident(props: Record<string, unknown> = {}): StixObject {
  return {
    type: 'x-drone-incident',
    spec_version: '2.1',
    id: 'x-drone-incident--6f5e4d3c-2b1a-4c9d-8e7f-6a5b4c3d2e1f',
    created: '2026-11-27T17:52:37.123Z',
    modified: '2026-11-27T17:52:37.123Z',
    altitude_m: 120,
    extensions: { [DRONE_DEF_ID]: { extension_type: 'new-sdo' } },
    ...props,
  };
}

function issues(obj: unknown, registry: ExtensionRegistry): string[] {
  const r = validateStixObject(obj, { registry });
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
}

describe('the default registry', () => {
  it("knows Enlace's definitions and TLP 2.0, pinned and usable", () => {
    const registry = createDefaultRegistry();
    const ids = registry
      .list()
      .map((e) => e.id)
      .sort();
    assert.deepEqual(ids, [...ENLACE_BUILTIN_EXTENSIONS.map((b) => b.definition.id), TLP_EXTENSION_ID].sort());
    for (const e of registry.list()) {
      assert.equal(e.pinned, true);
      assert.equal(e.unusable, false);
      assert.notEqual(e.validate, null);
    }
  });

  it('publishes each definition with its schema as text, authored by the project', () => {
    for (const b of ENLACE_BUILTIN_EXTENSIONS) {
      assert.deepEqual(JSON.parse(String(b.definition['schema'])), b.schema);
      assert.equal(b.definition.created_by_ref, 'identity--d7343efb-941b-4d30-8e5c-2593c72d8b25');
      assert.equal(b.definition['version'], '1.0.0');
      assert.deepEqual(validateWithOfficialSchemas(b.definition), []);
    }
  });

  it('enforces the signature extension', () => {
    const registry = createDefaultRegistry();
    const signed = (sig: Record<string, unknown>): StixObject => ({
      ...structuredClone(VALID_SAMPLES['indicator'] as StixObject),
      extensions: { [SIGNATURE_EXTENSION_ID]: sig },
    });
    const at = `/extensions/${SIGNATURE_EXTENSION_ID}`;
    assert.deepEqual(issues(signed(SAMPLE_SIGNATURE), registry), []);
    assert.deepEqual(issues(signed({ ...SAMPLE_SIGNATURE, jws: 'a.b.c' }), registry), [`${at}/jws invalid-format`]);
    assert.deepEqual(issues(signed({ ...SAMPLE_SIGNATURE, key_fingerprint: 'AB'.repeat(32) }), registry), [
      `${at}/key_fingerprint invalid-format`,
    ]);
    assert.deepEqual(issues(signed({ ...SAMPLE_SIGNATURE, extra: 1 }), registry), [`${at}/extra property-not-allowed`]);
    const { signer: _s, ...unsigned } = SAMPLE_SIGNATURE;
    assert.deepEqual(issues(signed(unsigned), registry), [`${at}/signer required`]);
    assert.deepEqual(issues(signed({ ...SAMPLE_SIGNATURE, extension_type: 'new-sdo' }), registry), [
      `${at}/extension_type extension-type-mismatch`,
    ]);
  });

  it('applies the node-identity extension to identities only', () => {
    const registry = createDefaultRegistry();
    const ext = { [NODE_IDENTITY_EXTENSION_ID]: { extension_type: 'property-extension', country: 'US' } };
    assert.deepEqual(issues({ ...VALID_SAMPLES['identity'], extensions: ext }, registry), []);
    assert.deepEqual(issues({ ...VALID_SAMPLES['tool'], extensions: ext }, registry), [
      `/extensions/${NODE_IDENTITY_EXTENSION_ID} extension-not-applicable`,
    ]);
    const lower = { [NODE_IDENTITY_EXTENSION_ID]: { extension_type: 'property-extension', country: 'us', node: 'yes' } };
    assert.deepEqual(issues({ ...VALID_SAMPLES['identity'], extensions: lower }, registry), [
      `/extensions/${NODE_IDENTITY_EXTENSION_ID}/country not-in-enum`,
      `/extensions/${NODE_IDENTITY_EXTENSION_ID}/node invalid-type`,
    ]);
  });

  it('requires extension_type on every definition entry', () => {
    const registry = createDefaultRegistry();
    const { extension_type: _t, ...noType } = SAMPLE_SIGNATURE;
    assert.deepEqual(issues({ ...VALID_SAMPLES['tool'], extensions: { [SIGNATURE_EXTENSION_ID]: noType } }, registry), [
      `/extensions/${SIGNATURE_EXTENSION_ID}/extension_type required`,
    ]);
    assert.deepEqual(
      issues(
        { ...VALID_SAMPLES['tool'], extensions: { [SIGNATURE_EXTENSION_ID]: { ...SAMPLE_SIGNATURE, extension_type: 'plugin' } } },
        registry,
      ),
      [`/extensions/${SIGNATURE_EXTENSION_ID}/extension_type not-in-enum`],
    );
  });
});

describe('definitions received from elsewhere', () => {
  it('declare new object types, whose schema is then enforced', () => {
    const registry = createDefaultRegistry().fork();
    assert.deepEqual(issues(droneIncident(), registry), [`/extensions/${DRONE_DEF_ID} unknown-extension`, '/type unknown-type']);
    assert.deepEqual(registry.register(definition(DRONE_DEF_ID, ['new-sdo'], droneSchema)), []);
    assert.deepEqual(issues(droneIncident(), registry), []);
    assert.deepEqual(validateWithOfficialSchemas(droneIncident()), []);
    assert.deepEqual(issues(droneIncident({ altitude_m: -5, rotor_count: 'four' }), registry), [
      '/altitude_m schema-violation',
      '/rotor_count invalid-type',
    ]);
    // A new SDO still follows the SDO common rules.
    assert.deepEqual(issues(droneIncident({ spec_version: '2.0', revoked: 'no' }), registry), [
      '/spec_version spec-version',
      '/revoked invalid-type',
    ]);
  });

  it('cannot redefine a STIX type', () => {
    const registry = createDefaultRegistry().fork();
    registry.register(definition(DRONE_DEF_ID, ['new-sdo'], droneSchema));
    const tool = { ...VALID_SAMPLES['tool'], extensions: { [DRONE_DEF_ID]: { extension_type: 'new-sdo' } } };
    assert.deepEqual(issues(tool, registry), [`/extensions/${DRONE_DEF_ID} extension-not-applicable`]);
  });

  it('validate property extensions on their entry and top-level extensions on the object', () => {
    const registry = createDefaultRegistry().fork();
    registry.register(
      definition(RISK_DEF_ID, ['property-extension'], {
        type: 'object',
        properties: { score: { type: 'integer', maximum: 10 } },
        required: ['score'],
      }),
    );
    registry.register(
      definition(
        TOP_DEF_ID,
        ['toplevel-property-extension'],
        {
          type: 'object',
          properties: { x_case_number: { type: 'string', pattern: '^[0-9]{4}/[0-9]+$' } },
        },
        { extension_properties: ['x_case_number'] },
      ),
    );
    const tool = (ext: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
      ...VALID_SAMPLES['tool'],
      ...top,
      extensions: ext,
    });
    assert.deepEqual(issues(tool({ [RISK_DEF_ID]: { extension_type: 'property-extension', score: 3 } }), registry), []);
    assert.deepEqual(issues(tool({ [RISK_DEF_ID]: { extension_type: 'property-extension', score: 30 } }), registry), [
      `/extensions/${RISK_DEF_ID}/score schema-violation`,
    ]);
    const top = { [TOP_DEF_ID]: { extension_type: 'toplevel-property-extension' } };
    assert.deepEqual(issues(tool(top, { x_case_number: '2026/17' }), registry), []);
    assert.deepEqual(issues(tool(top, { x_case_number: 'case 17' }), registry), ['/x_case_number invalid-format']);
  });

  it('with a schema that is only a link are known but not machine-checked', () => {
    const registry = createDefaultRegistry().fork();
    assert.deepEqual(registry.register(definition(RISK_DEF_ID, ['property-extension'], 'https://example.org/risk.html')), []);
    assert.equal(registry.get(RISK_DEF_ID)?.validate, null);
    const tool = { ...VALID_SAMPLES['tool'], extensions: { [RISK_DEF_ID]: { extension_type: 'property-extension', anything: 1 } } };
    assert.deepEqual(issues(tool, registry), []);
  });

  const refused: [string, unknown, string][] = [
    ['a remote $ref', { type: 'object', properties: { a: { $ref: 'https://evil.example/schema.json' } } }, 'schema-remote-ref'],
    ['a relative $ref to another file', { allOf: [{ $ref: 'other.json#/defs/x' }] }, 'schema-remote-ref'],
    ['a catastrophic pattern', { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } }, 'schema-unsafe-pattern'],
    ['a catastrophic patternProperties key', { patternProperties: { '^(\\w*)*$': {} } }, 'schema-unsafe-pattern'],
    ['an unsupported dialect', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }, 'schema-unsupported-dialect'],
    ['an invalid schema', { type: 'nonsense' }, 'schema-invalid'],
    ['a __proto__ key', JSON.parse('{"type":"object","__proto__":{"x":1}}'), 'schema-invalid'],
  ];
  for (const [label, schema, code] of refused) {
    it(`are registered as unusable when their schema has ${label}`, () => {
      const registry = createDefaultRegistry().fork();
      const found = registry.register(definition(RISK_DEF_ID, ['property-extension'], schema));
      assert.deepEqual(
        found.map((i) => `${i.path} ${i.code}`),
        [`/schema ${code}`],
      );
      assert.equal(registry.get(RISK_DEF_ID)?.unusable, true);
      const tool = { ...VALID_SAMPLES['tool'], extensions: { [RISK_DEF_ID]: { extension_type: 'property-extension', a: 'x' } } };
      assert.deepEqual(issues(tool, registry), [`/extensions/${RISK_DEF_ID} extension-unusable`]);
    });
  }

  it("cannot disturb later compilations by claiming the meta-schema's $id", () => {
    const registry = createDefaultRegistry().fork();
    const squatter = { $id: 'https://json-schema.org/draft/2020-12/schema', type: 'object' };
    registry.register(definition(TOP_DEF_ID, ['property-extension'], squatter));
    assert.deepEqual(registry.register(definition(RISK_DEF_ID, ['property-extension'], { type: 'object', required: ['score'] })), []);
    const tool = { ...VALID_SAMPLES['tool'], extensions: { [RISK_DEF_ID]: { extension_type: 'property-extension' } } };
    assert.deepEqual(issues(tool, registry), [`/extensions/${RISK_DEF_ID}/score required`]);
  });

  it('accept draft-07 schemas too', () => {
    const registry = createDefaultRegistry().fork();
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['score'] };
    assert.deepEqual(registry.register(definition(RISK_DEF_ID, ['property-extension'], schema)), []);
    const tool = { ...VALID_SAMPLES['tool'], extensions: { [RISK_DEF_ID]: { extension_type: 'property-extension' } } };
    assert.deepEqual(issues(tool, registry), [`/extensions/${RISK_DEF_ID}/score required`]);
  });

  it('never replace a pinned built-in, and only newer versions replace others', () => {
    const registry = createDefaultRegistry().fork();
    const permissive = definition(
      SIGNATURE_EXTENSION_ID,
      ['property-extension'],
      { type: 'object' },
      { modified: '2030-01-01T00:00:00.000Z' },
    );
    assert.deepEqual(registry.register(permissive), []);
    assert.equal(registry.get(SIGNATURE_EXTENSION_ID)?.pinned, true);
    const tool = { ...VALID_SAMPLES['tool'], extensions: { [SIGNATURE_EXTENSION_ID]: { extension_type: 'property-extension' } } };
    assert.ok(issues(tool, registry).includes(`/extensions/${SIGNATURE_EXTENSION_ID}/signer required`));

    const v1 = definition(RISK_DEF_ID, ['property-extension'], { type: 'object', required: ['a'] });
    const v2 = definition(RISK_DEF_ID, ['property-extension'], { type: 'object' }, { modified: '2026-11-02T00:00:00.000Z' });
    registry.register(v2);
    registry.register(v1);
    assert.equal(registry.get(RISK_DEF_ID)?.definition, v2);
  });

  it('stay in the fork that registered them', () => {
    const base = createDefaultRegistry();
    const fork = base.fork();
    fork.register(definition(DRONE_DEF_ID, ['new-sdo'], droneSchema));
    assert.equal(fork.has(DRONE_DEF_ID), true);
    assert.equal(fork.has(SIGNATURE_EXTENSION_ID), true);
    assert.equal(base.has(DRONE_DEF_ID), false);
  });

  it('share compiled schemas: the same text compiles once', () => {
    const a = createDefaultRegistry().fork();
    const b = createDefaultRegistry().fork();
    a.register(definition(DRONE_DEF_ID, ['new-sdo'], droneSchema));
    b.register(definition(DRONE_DEF_ID, ['new-sdo'], droneSchema));
    assert.equal(a.get(DRONE_DEF_ID)?.validate, b.get(DRONE_DEF_ID)?.validate);
  });

  it('refuse to register what is not an extension definition', () => {
    const registry = createDefaultRegistry().fork();
    assert.deepEqual(
      registry.register(VALID_SAMPLES['tool'] as StixObject).map((i) => i.code),
      ['invalid-identifier'],
    );
    assert.deepEqual(
      registry.register(definition(RISK_DEF_ID, ['plugin'], {})).map((i) => i.code),
      ['not-in-enum'],
    );
  });
});

describe('extension-definition objects', () => {
  const ok = definition(RISK_DEF_ID, ['property-extension'], { type: 'object' });

  it('validate when complete', () => assert.deepEqual(issues(ok, createDefaultRegistry()), []));

  it('need a creator, a schema and known extension types', () => {
    const { created_by_ref: _c, schema: _s, ...incomplete } = ok;
    assert.deepEqual(issues({ ...incomplete, extension_types: ['new-sdo', 'new-sdo', 'plugin'] }, createDefaultRegistry()), [
      '/extension_types/2 not-in-enum',
      '/extension_types invalid-format',
      '/created_by_ref required',
      '/schema required',
    ]);
  });

  it('list extension_properties only for top-level property extensions', () => {
    assert.deepEqual(issues({ ...ok, extension_properties: ['x_score'] }, createDefaultRegistry()), [
      '/extension_properties property-not-allowed',
    ]);
  });
});

describe('bundles carrying their own definitions', () => {
  it('validate objects that use them, without teaching the base registry', () => {
    const base = createDefaultRegistry();
    const bundle = {
      type: 'bundle',
      id: 'bundle--5330e3e3-8f58-4d21-9f4b-793a054c0d33',
      objects: [droneIncident(), definition(DRONE_DEF_ID, ['new-sdo'], droneSchema)],
    };
    const r = validateBundle(bundle, { registry: base });
    assert.equal(r.ok, true);
    assert.equal(r.ok && r.objects.length, 2);
    assert.equal(base.has(DRONE_DEF_ID), false);
  });

  it('report problems with the object index in the path', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--5330e3e3-8f58-4d21-9f4b-793a054c0d33',
      objects: [VALID_SAMPLES['tool'], droneIncident()],
    };
    const r = validateBundle(bundle);
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`), [
      `/objects/1/extensions/${DRONE_DEF_ID} unknown-extension`,
      '/objects/1/type unknown-type',
    ]);
  });

  it('check the envelope', () => {
    const r = validateBundle({ type: 'bundel', id: 'bundle--nope', objects: {} });
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`), [
      '/type not-in-enum',
      '/id invalid-identifier',
      '/objects invalid-type',
    ]);
    const big = validateBundle(
      { type: 'bundle', id: 'bundle--5330e3e3-8f58-4d21-9f4b-793a054c0d33', objects: [1, 2, 3] },
      { maxObjects: 2 },
    );
    assert.deepEqual(big.ok ? [] : big.issues.map((i) => i.code), ['array-too-long']);
  });
});
