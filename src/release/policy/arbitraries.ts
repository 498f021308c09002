/**
 * fast-check generators for the property tests: well-formed STIX objects with random object,
 * granular and Enlace markings, grading and originators; random peers and policies. Every content
 * string carries a unique token (`~t12~`) that the oracle looks for in what is released.
 */
import fc from 'fast-check';
import { GRADING_EXTENSION_ID, SIGNATURE_EXTENSION_ID, type StixObject } from '../../stix/index.js';
import { CA_NODE, MARKINGS, MX_NODE, MX_ORG, PEER_CA, PEER_MX, TLP, UNKNOWN_MARKING, US_NODE, US_ORG } from './fixtures.js';
import { CEILING_LEVELS, type PeerReleaseRules, type PeerView, type ReleasePolicy } from './model.js';
import type { OracleFacts } from './oracle.js';

/** A second node of the Mexican organisation, in another country, to tell the rules apart. */
export const PEER_MX_FIN: PeerView = {
  name: 'mx-fin',
  identityId: 'identity--4b2d4f2a-3d5a-4a41-9d0e-43a7b0b6d8c1',
  organisationId: MX_ORG,
  country: 'US',
};

export const MARKING_POOL: readonly string[] = [...Object.values(TLP), ...Object.values(MARKINGS).map((m) => m.id), UNKNOWN_MARKING];

/** What the oracle knows, written from the fixtures' declared intent. */
export const FACTS: OracleFacts = {
  tlp: {
    [TLP.clear]: 'clear',
    [TLP.white1]: 'clear',
    [TLP.green]: 'green',
    [TLP.green1]: 'green',
    [TLP.amber]: 'amber',
    [TLP.amber1]: 'amber',
    [TLP.strict]: 'amber+strict',
    [TLP.red]: 'red',
    [TLP.red1]: 'red',
  },
  lists: {
    [MARKINGS.relMxOrg.id]: [MX_ORG],
    [MARKINGS.relMx.id]: ['MX'],
    [MARKINGS.relCa.id]: ['CA', CA_NODE],
    [MARKINGS.h0RelMx.id]: ['MX', 'US'],
  },
  h2: new Set([MARKINGS.h2.id]),
  known: new Set(MARKING_POOL.filter((id) => id !== UNKNOWN_MARKING)),
  local: new Set([US_NODE, US_ORG]),
};

const rulesArb: fc.Arbitrary<PeerReleaseRules> = fc
  .record({
    allow_green: fc.boolean(),
    allow_amber: fc.boolean(),
    ceiling: fc.constantFrom(...CEILING_LEVELS),
    allow_third_party: fc.boolean(),
    min: fc.option(
      fc.record({
        source_reliability: fc.constantFrom('A', 'B', 'C', 'X' as const),
        information_credibility: fc.integer({ min: 1, max: 4 }),
      }),
      { freq: 2 },
    ),
  })
  .map(({ min, ...r }) => (min === null ? r : { ...r, min_grading: min }));

export const policyArb: fc.Arbitrary<ReleasePolicy> = fc
  .record({
    unmarked: fc.constantFrom('clear', 'green', 'amber', 'amber+strict', 'red' as const),
    def: rulesArb,
    mx: fc.option(rulesArb),
    ca: fc.option(rulesArb),
  })
  .map(({ unmarked, def, mx, ca }) => ({
    version: 1,
    updated_at: '2026-11-05T00:00:00Z',
    unmarked_as: unmarked,
    default: def,
    peers: { ...(mx === null ? {} : { mx }), ...(ca === null ? {} : { ca }) },
  }));

export const peerArb: fc.Arbitrary<PeerView> = fc.constantFrom(PEER_MX, PEER_CA, PEER_MX_FIN);

const shapeArb = fc.record({
  type: fc.constantFrom('indicator', 'note', 'url'),
  // Weighted toward markings that let the object out, so that granular markings get exercised.
  tlp: fc.option(
    fc.constantFrom(
      TLP.clear,
      TLP.clear,
      TLP.white1,
      TLP.green,
      TLP.green,
      TLP.green1,
      TLP.amber,
      TLP.amber1,
      TLP.strict,
      TLP.red,
      TLP.red1,
    ),
    { freq: 8 },
  ),
  extra: fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 2, arbitrary: fc.subarray([...Object.values(MARKINGS).map((m) => m.id), UNKNOWN_MARKING], { minLength: 1, maxLength: 2 }) },
  ),
  creator: fc.constantFrom<string | undefined>(US_ORG, US_ORG, US_ORG, US_NODE, US_NODE, CA_NODE, MX_NODE, undefined),
  signed: fc.boolean(),
  grading: fc.option(fc.tuple(fc.constantFrom('A', 'B', 'C', 'X', 'Z'), fc.integer({ min: 0, max: 5 })), { freq: 3 }),
  description: fc.boolean(),
  labels: fc.nat({ max: 3 }),
  extRefs: fc.array(fc.record({ url: fc.boolean(), description: fc.boolean() }), { maxLength: 3 }),
  granular: fc.array(
    fc.record({
      marking: fc.constantFrom(...MARKING_POOL),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      bogus: fc.nat({ max: 29 }),
    }),
    { maxLength: 4 },
  ),
});

function paths(v: unknown, path: string, out: string[]): string[] {
  if (path !== '') out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, `${path}.[${i}]`, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) paths(x, path === '' ? k : `${path}.${k}`, out);
  }
  return out;
}

/** Well-formed objects with random markings (on the object and on its properties). */
export const objectArb: fc.Arbitrary<StixObject> = shapeArb.map((s) => {
  let n = 0;
  const tok = (text: string) => `${text} ~t${n++}~`;
  const url = () => `https://x.example/${tok('p').replace(/ /g, '')}`;
  const o: Record<string, unknown> = { type: s.type, spec_version: '2.1' };
  if (s.type === 'url') {
    o['id'] = 'url--0a3c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10';
    o['value'] = url();
  } else {
    o['id'] = s.type === 'note' ? 'note--1f0c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10' : 'indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10';
    o['created'] = '2026-11-04T00:00:00.000Z';
    o['modified'] = '2026-11-04T00:00:00.000Z';
    if (s.creator !== undefined) o['created_by_ref'] = s.creator;
    if (s.type === 'note') Object.assign(o, { content: tok('content'), object_refs: ['indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10'] });
    else
      Object.assign(o, {
        name: tok('name'),
        pattern: `[url:value = '${url()}']`,
        pattern_type: 'stix',
        valid_from: '2026-11-04T00:00:00Z',
      });
    if (s.description) o['description'] = tok('description');
    if (s.labels > 0) o['labels'] = Array.from({ length: s.labels }, () => tok('label'));
    if (s.extRefs.length > 0) {
      o['external_references'] = s.extRefs.map((e) => ({
        source_name: tok('source'),
        ...(e.url ? { url: url() } : {}),
        ...(e.description ? { description: tok('about') } : {}),
      }));
    }
  }
  const extensions: Record<string, unknown> = {};
  if (s.grading !== null) {
    extensions[GRADING_EXTENSION_ID] = {
      extension_type: 'property-extension',
      source_reliability: s.grading[0],
      information_credibility: s.grading[1],
    };
  }
  if (s.signed && s.creator !== undefined) {
    extensions[SIGNATURE_EXTENSION_ID] = {
      extension_type: 'property-extension',
      signer: s.creator,
      key_fingerprint: '0'.repeat(64),
      jws: 'e30..c2ln',
    };
  }
  if (Object.keys(extensions).length > 0) o['extensions'] = extensions;
  const refs = [...(s.tlp === null ? [] : [s.tlp]), ...s.extra];
  if (refs.length > 0) o['object_marking_refs'] = refs;
  const selectable = paths(o, '', []);
  // Mostly content; now and then a property that can never be removed, or a selector that selects nothing.
  const content = selectable.filter((p) => !/^(type|id|spec_version|created|modified|created_by_ref|object_marking_refs)(\.|$)/.test(p));
  const pick = (p: number, bogus: number): string => {
    if (bogus === 0) return 'nothing.[3]';
    const from = bogus === 1 || content.length === 0 ? selectable : content;
    return from[p % from.length] ?? 'type';
  };
  const granular = s.granular.map((g) => ({
    marking_ref: g.marking,
    selectors: [...new Set(g.picks.map((p) => pick(p, g.bogus)))],
  }));
  if (granular.length > 0) o['granular_markings'] = granular;
  return o as StixObject;
});
