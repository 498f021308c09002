/**
 * The web console's pure logic, part one: language, formatting, the intelligence filters and the
 * badges (console/src/lib, loaded by web-lib-testing.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webLib } from './web-lib-testing.js';

const lib = webLib();

describe('console language', () => {
  it('follows the browser: any Spanish gives es-MX, any English gives en, else English', () => {
    const { pickLocale } = lib().locale;
    assert.equal(pickLocale(['es-ES', 'en-US']), 'es-MX');
    assert.equal(pickLocale(['es']), 'es-MX');
    assert.equal(pickLocale(['fr-FR', 'en-GB', 'es-MX']), 'en');
    assert.equal(pickLocale(['de-DE']), 'en');
    assert.equal(pickLocale([]), 'en');
  });

  it("shows the partner's translation in the reader's language, never over an original in it", () => {
    const { translationFor } = lib().locale;
    const translations = { es: { name: 'Toma clandestina' }, 'en-US': { name: 'Illegal tap' } };
    assert.deepEqual(translationFor(translations, 'es-MX', 'en'), { lang: 'es', fields: { name: 'Toma clandestina' } });
    assert.deepEqual(translationFor(translations, 'en', 'es'), { lang: 'en-US', fields: { name: 'Illegal tap' } });
    assert.equal(translationFor(translations, 'es-MX', 'es-MX'), null);
    assert.equal(translationFor({}, 'es-MX', undefined), null);
    assert.equal(translationFor({ es: {} }, 'es-MX', undefined), null);
  });
});

describe('console formatting', () => {
  it('writes dates and numbers the way each language does', () => {
    const f = lib().format;
    const iso = '2026-11-27T21:04:00.000Z';
    const en = f.formatDateTime(iso, 'en', 'UTC');
    const es = f.formatDateTime(iso, 'es-MX', 'UTC');
    assert.match(en, /Nov 27, 2026/);
    assert.match(en, /9:04\s?PM/);
    assert.match(es, /27 nov 2026/);
    assert.match(es, /9:04\s?p\.\s?m\./);
    assert.equal(f.formatNumber(1234567, 'en'), '1,234,567');
    assert.equal(f.formatNumber(1234567, 'es-MX'), '1,234,567');
    assert.equal(f.formatNumber(0.5, 'es-MX'), '0.5');
  });

  it('says how long ago, and how long, in words', () => {
    const f = lib().format;
    const now = new Date('2026-11-27T12:00:00Z');
    assert.equal(f.formatRelative('2026-11-27T11:55:00Z', now, 'en'), '5 minutes ago');
    assert.equal(f.formatRelative('2026-11-27T11:55:00Z', now, 'es-MX'), 'hace 5 minutos');
    assert.equal(f.formatRelative('2026-11-27T11:59:58Z', now, 'en'), 'now');
    assert.equal(f.formatRelative('2026-11-26T12:00:00Z', now, 'es-MX'), 'ayer');
    assert.equal(f.formatRelative('not a date', now, 'en'), '');
    assert.equal(f.formatDuration(7200, 'en'), '2 hours');
    assert.equal(f.formatDuration(7200, 'es-MX'), '2 horas');
    assert.equal(f.formatDuration(45, 'es-MX'), '45 segundos');
  });

  it('names countries in the reader language, from their codes', () => {
    const f = lib().format;
    assert.equal(f.countryName('MX', 'en'), 'Mexico');
    assert.equal(f.countryName('mx', 'es-MX'), 'México');
    assert.equal(f.countryName('US', 'es-MX'), 'Estados Unidos');
    assert.equal(f.countryName('not-a-code', 'en'), 'not-a-code');
  });

  it('groups a fingerprint by four characters, in capitals, to be read aloud', () => {
    const f = lib().format;
    assert.equal(f.groupFingerprint('0123456789abcdef01'), '0123 4567 89AB CDEF 01');
    assert.equal(f.groupFingerprint('ab:cd ef'), 'ABCD EF');
    assert.equal(f.groupFingerprint('a'.repeat(64)).split(' ').length, 16);
    assert.equal(f.shortId('indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10'), '2a1c8bf8');
    assert.equal(f.microsToIso(1_795_812_094_366_123), '2026-11-27T20:41:34.366Z');
    assert.equal(f.microsToIso('x'), null);
  });
});

describe('console intelligence filters', () => {
  it('survive the page address unchanged', () => {
    const f = lib().filters;
    const filters = {
      ...f.EMPTY_FILTERS,
      q: 'huachicol',
      types: ['indicator', 'malware'],
      origin: 'mx',
      marking: 'amber+strict',
      grading: ['A1', 'ungraded'],
      labels: ['drones', 'fuel theft'],
      since: '2026-11-01',
      revoked: 'include',
    };
    assert.deepEqual(f.filtersFromSearch(f.filtersToSearch(filters)), filters);
    assert.equal(f.filtersToSearch(f.EMPTY_FILTERS), '');
    assert.equal(f.activeFilterCount(filters), 7);
    assert.equal(f.activeFilterCount(f.EMPTY_FILTERS), 0);
  });

  it('drop what is malformed rather than pass it to the node', () => {
    const f = lib().filters;
    const parsed = f.filtersFromSearch('?marking=purple&grading=Z9&grading=B2&since=yesterday&revoked=maybe&type=Bad%20Type&type=note');
    assert.equal(parsed.marking, '');
    assert.deepEqual(parsed.grading, ['B2']);
    assert.equal(parsed.since, '');
    assert.equal(parsed.revoked, 'exclude');
    assert.deepEqual(parsed.types, ['note']);
  });

  it('become the query of GET /console/api/objects', () => {
    const f = lib().filters;
    const { buildQuery } = lib().api;
    const query = f.toApiQuery(
      { ...f.EMPTY_FILTERS, q: ' tap ', types: ['indicator', 'note'], grading: ['A1'] },
      { limit: 50, cursor: 'abc' },
    );
    assert.equal(buildQuery(query), '?q=tap&type=indicator&type=note&grading=A1&limit=50&cursor=abc');
    const since = f.toApiQuery({ ...f.EMPTY_FILTERS, since: '2026-11-01', revoked: 'only' });
    assert.match(String(since['since']), /^2026-1[01]-\d\dT\d\d:00:00\.000Z$/);
    assert.equal(since['revoked'], 'only');
    assert.equal(f.dayStartIso('2026-13-45x'), undefined);
    assert.deepEqual(f.toggled(['a', 'b'], 'a'), ['b']);
    assert.deepEqual(f.toggled(['a'], 'b'), ['a', 'b']);
  });
});

describe('console badges', () => {
  it('show the most restrictive TLP of an object, TLP 1.0 included', () => {
    const s = lib().stix;
    assert.equal(
      s.tlpOfRefs([s.TLP2_MARKING_IDS['green'], s.TLP2_MARKING_IDS['amber+strict'], 'marking-definition--other']),
      'amber+strict',
    );
    assert.equal(s.tlpOfRefs(['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9']), 'clear');
    assert.equal(s.tlpOfRefs(['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', s.TLP2_MARKING_IDS['green']]), 'red');
    assert.equal(s.tlpOfRefs(undefined), null);
    assert.equal(s.tlpOfRefs([]), null);
  });

  it('read the 4x4 grading and how much weight it carries', () => {
    const s = lib().stix;
    assert.deepEqual(s.parseGrading('B2'), { reliability: 'B', credibility: 2 });
    assert.equal(s.parseGrading('D1'), null);
    assert.equal(s.parseGrading(null), null);
    assert.equal(s.gradingTone('A1'), 'high');
    assert.equal(s.gradingTone('B3'), 'medium');
    assert.equal(s.gradingTone('C2'), 'low');
    assert.equal(s.gradingTone('X1'), 'unknown');
    assert.equal(s.gradingTone('A4'), 'unknown');
    const graded = {
      id: 'indicator--x',
      type: 'indicator',
      extensions: {
        [s.GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: 'C', information_credibility: 3 },
      },
    };
    assert.equal(s.gradingOfObject(graded), 'C3');
    assert.equal(s.gradingOfObject({ id: 'x', type: 'note' }), null);
  });

  it('list what an object says before its bookkeeping', () => {
    const s = lib().stix;
    const keys = s
      .orderedProperties({
        id: 'i',
        type: 't',
        spec_version: '2.1',
        created: 'c',
        modified: 'm',
        zeta: 1,
        alpha: 2,
        description: 'd',
        name: 'n',
      })
      .map(([k]) => k);
    assert.deepEqual(keys, ['name', 'description', 'alpha', 'zeta', 'created', 'modified', 'spec_version', 'type', 'id']);
    assert.equal(s.valueKind('2026-11-27T12:00:00.000Z'), 'timestamp');
    assert.equal(s.valueKind('indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10'), 'ref');
    assert.equal(s.valueKind(['indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10']), 'refs');
    assert.equal(s.valueKind(['a', 'b']), 'list');
    assert.equal(s.valueKind([{ a: 1 }]), 'json');
    assert.equal(s.valueKind('plain'), 'text');
    assert.equal(s.peerTone({ state: 'failing', lagSeconds: 0 }), 'bad');
    assert.equal(s.peerTone({ state: 'ok', lagSeconds: 3600 }), 'warn');
    assert.equal(s.peerTone({ state: 'ok', lagSeconds: 0 }), 'ok');
    assert.equal(s.peerTone({ state: 'never-synced', lagSeconds: 0 }), 'idle');
  });
});
